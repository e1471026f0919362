using System.Globalization;

using ResultsLive.Core.Model;

namespace ResultsLive.Feed.Tests;

/// <summary>Small elections built in code, so the feed's tests do not depend on the import of the real files.</summary>
internal static class TestElection
{
    public const string AlphaNorth = "E14000001";
    public const string BetaSouth = "E14000002";
    public const string GammaVale = "E14000003";
    public const string DeltaFirth = "S14000001";

    public static readonly DateTimeOffset Night = new(2024, 7, 5, 0, 0, 0, TimeSpan.FromHours(1));

    /// <summary>Who the tests' entries come from: a named key, as the API's are.</summary>
    public static readonly Provenance Sent = Provenance.Key("test-feed");

    /// <summary>Four seats: a Con seat Labour can gain, a Lab seat with an independent, a Con/Lab/RUK seat, an SNP seat.</summary>
    public static Election Create(string id = "test2024")
    {
        var seats = new[]
        {
            new Constituency(AlphaNorth, "Alpha North", "North East", "England", 70_000),
            new Constituency(BetaSouth, "Beta South", "London", "England", 65_000),
            new Constituency(GammaVale, "Gamma Vale", "East Midlands", "England", 72_000),
            new Constituency(DeltaFirth, "Delta Firth", "Scotland", "Scotland", 68_000),
        };
        var nominations = new Dictionary<string, IReadOnlyList<Nomination>>
        {
            [AlphaNorth] = [new("Ann Able", "Lab"), new("Bob Baker", "Con"), new("Cat Cole", "LD"), new("Dan Dee", "Green")],
            [BetaSouth] = [new("Eve East", "Lab"), new("Fay Fox", "Con"), new("Gus Gray", "Ind")],
            [GammaVale] = [new("Hal Hunt", "Con"), new("Ivy Irwin", "Lab"), new("Jon Jay", "RUK")],
            [DeltaFirth] = [new("Kay King", "SNP"), new("Lee Lamb", "Lab"), new("Max Moor", "Con")],
        };
        var baseline = new Baseline(BaselineKind.Notional, "2019 notional", new Dictionary<string, BaselineResult>
        {
            [AlphaNorth] = Result(AlphaNorth, "Con", 60, ("Con", 20_000), ("Lab", 15_000), ("LD", 5_000), ("Green", 2_000)),
            [BetaSouth] = Result(BetaSouth, "Lab", 58, ("Lab", 22_000), ("Con", 12_000), ("Oth", 3_000)),
            [GammaVale] = Result(GammaVale, "Con", 63, ("Con", 25_000), ("Lab", 14_000), ("LD", 3_000)),
            [DeltaFirth] = Result(DeltaFirth, "SNP", 61, ("SNP", 21_000), ("Lab", 11_000), ("Con", 8_000)),
        });
        return new Election(id, "Test general election", seats, nominations, baseline);
    }

    /// <summary>Many two-horse seats, for what only shows past a handful (the cap on recent results).</summary>
    public static Election Generated(int seats)
    {
        var constituencies = Enumerable.Range(1, seats)
            .Select(i => new Constituency(Code(i), $"Seat {i}", "Region", "England", 50_000))
            .ToList();
        var nominations = constituencies.ToDictionary(
            c => c.Code, IReadOnlyList<Nomination> (c) => [new($"Lab {c.Code}", "Lab"), new($"Con {c.Code}", "Con")]);
        var baseline = new Baseline(
            BaselineKind.Notional, "notional", constituencies.ToDictionary(c => c.Code, c => Result(c.Code, "Con", 60, ("Con", 16_000), ("Lab", 14_000))));
        return new Election("generated", "Generated election", constituencies, nominations, baseline);
    }

    public static string Code(int i) => string.Create(CultureInfo.InvariantCulture, $"E15{i:000000}");

    /// <summary>A declaration with one vote count per nominated candidate, in nomination order.</summary>
    public static Declaration Declare(Election election, string code, int revision, params int[] votes)
    {
        var nominated = election.NominationsFor(code);
        if (nominated.Count != votes.Length)
        {
            throw new ArgumentException($"{code} has {nominated.Count} candidates, not {votes.Length}", nameof(votes));
        }

        var constituency = election.FindConstituency(code)!;
        return new Declaration(
            code,
            revision,
            Night.AddMinutes((election.ConstituencyIndex(code) * 10) + revision),
            constituency.Electorate,
            100 + revision,
            [.. nominated.Select((n, i) => new CandidateVotes(n.Name, n.Party, votes[i]))]);
    }

    private static BaselineResult Result(string code, string winner, double turnout, params (string Party, int Votes)[] votes) =>
        new(code, votes.ToDictionary(v => v.Party, v => v.Votes), votes.Sum(v => v.Votes), winner, turnout);
}
