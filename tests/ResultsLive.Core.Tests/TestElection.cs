using ResultsLive.Core.Model;

namespace ResultsLive.Core.Tests;

/// <summary>A four-seat election built in code, small enough to check every figure by hand.</summary>
internal static class TestElection
{
    public static Election Create()
    {
        Constituency[] seats =
        [
            new("X01", "Northtown", "North", "England", 70_000),
            new("X02", "Southville", "South", "England", 60_000),
            new("X03", "Eastbury", "East", "England", 50_000),
            new("X04", "Westford", "West", "Wales", 40_000),
        ];
        var nominations = new Dictionary<string, IReadOnlyList<Nomination>>
        {
            ["X01"] = [new("Ann Red", "Lab"), new("Bob Blue", "Con"), new("Cat Orange", "LD")],
            ["X02"] = [new("Dan Red", "Lab"), new("Eve Blue", "Con"), new("Fay Free", "Ind")],
            ["X03"] = [new("Gus Red", "Lab"), new("Hal Blue", "Con"), new("Ivy Teal", "RUK")],
            ["X04"] = [new("Jo Red", "Lab"), new("Kim Blue", "Con"), new("Lee Green", "PC")],
        };
        var baseline = new Baseline(BaselineKind.Notional, "test notional", new Dictionary<string, BaselineResult>
        {
            ["X01"] = new("X01", new Dictionary<string, int> { ["Lab"] = 20_000, ["Con"] = 15_000, ["LD"] = 5_000 }, 40_000, "Lab", 60),
            ["X02"] = new("X02", new Dictionary<string, int> { ["Lab"] = 10_000, ["Con"] = 25_000, ["LD"] = 5_000 }, 40_000, "Con", 66.7),
            ["X03"] = new("X03", new Dictionary<string, int> { ["Lab"] = 12_000, ["Con"] = 18_000 }, 30_000, "Con", null),
            ["X04"] = new("X04", new Dictionary<string, int> { ["Lab"] = 11_000, ["Con"] = 9_000, ["PC"] = 5_000 }, 25_000, "Lab", 62.5),
        });
        return new Election("test", "Test election", seats, nominations, baseline);
    }

    public static Declaration Declare(string code, int revision, params (string Name, string Party, int Votes)[] votes) =>
        new(code, revision, new DateTimeOffset(2024, 7, 5, 1, 0, 0, TimeSpan.FromHours(1)), Electorate(code), 100,
            [.. votes.Select(v => new CandidateVotes(v.Name, v.Party, v.Votes))]);

    private static int Electorate(string code) => code switch
    {
        "X01" => 70_000,
        "X02" => 60_000,
        "X03" => 50_000,
        _ => 40_000,
    };
}
