using ResultsLive.Core.Model;

namespace ResultsLive.Feed.Tests;

/// <summary>The election the committed legacy journal (Fixtures/journal-legacy.txt) was written for: two English seats and a Welsh one whose names are not ASCII.</summary>
internal static class LegacyFixtureElection
{
    public const string YnysMon = "W07000081";

    public static readonly DateTimeOffset WrittenAt = new(2024, 7, 5, 1, 30, 0, TimeSpan.Zero);

    public static Election Create()
    {
        var test = TestElection.Create("fixture2024");
        var seats = test.Constituencies.Append(new Constituency(YnysMon, "Ynys Môn", "Wales", "Wales", 52_000));
        var nominations = test.Constituencies.ToDictionary(c => c.Code, c => test.NominationsFor(c.Code));
        nominations[YnysMon] = [new("Llinos Medi", "PC"), new("Virginia Crosbie", "Con"), new("Siân O'Brien-Llŷr", "Lab")];
        var baseline = new Dictionary<string, BaselineResult>(test.Baseline.Seats)
        {
            [YnysMon] = new(YnysMon, new Dictionary<string, int> { ["Con"] = 14_000, ["Lab"] = 11_000, ["PC"] = 10_000 }, 35_000, "Con", 67),
        };
        return new Election("fixture2024", "Legacy fixture election", seats, nominations, new Baseline(BaselineKind.Notional, "2019 notional", baseline));
    }
}
