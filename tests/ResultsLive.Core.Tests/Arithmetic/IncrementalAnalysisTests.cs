using ResultsLive.Core.Arithmetic;
using ResultsLive.Core.Model;

namespace ResultsLive.Core.Tests.Arithmetic;

/// <summary>
/// Everything the tally keeps incrementally (nations, regions, projection model, battleground, the majority crossing)
/// equals a tally built from scratch from the same final results, after corrections that change winners and after
/// withdrawals.
/// </summary>
public class IncrementalAnalysisTests : IClassFixture<Night2024>
{
    private readonly Night2024 _night;

    public IncrementalAnalysisTests(Night2024 night) => _night = night;

    [Fact]
    public void Snapshot_AfterCorrectionsAndWithdrawals_EqualsAFreshTallyOfTheFinalResults()
    {
        var election = _night.Election;
        var random = new Random(15);
        var tally = new NationalTally(election);
        tally.SetExitPoll(Night2024.ExitPoll);
        var final = new Dictionary<string, SeatResult>();
        foreach (var declaration in _night.InOrder)
        {
            var seat = SeatCalculator.Calculate(election, declaration);
            tally.Apply(seat);
            final[declaration.Constituency] = seat;
        }

        // The declaration that gave Labour its majority is among those corrected, so the crossing has to move.
        var crossing = tally.Snapshot().PathFor("Lab")!.CrossedAt!.Constituency.Code;
        var corrected = _night.InOrder.Select(d => d.Constituency).Where(c => c != crossing).OrderBy(_ => random.Next()).Take(40).Append(crossing).ToList();
        foreach (var code in corrected)
        {
            var original = _night.InOrder.First(d => d.Constituency == code);
            var votes = original.Candidates.OrderByDescending(c => c.Votes).ToList();

            // Swap the first two: the seat changes hands.
            var swapped = votes.Select((c, i) => i == 0 ? c with { Votes = votes[1].Votes } : i == 1 ? c with { Votes = votes[0].Votes } : c).ToList();
            var seat = SeatCalculator.Calculate(election, original with { Revision = 2, Candidates = swapped });
            tally.Apply(seat);
            final[code] = seat;
        }

        foreach (var code in corrected.Take(10).Concat(_night.InOrder.Take(15).Select(d => d.Constituency)).Distinct())
        {
            tally.Remove(code);
            final.Remove(code);
        }

        var fresh = new NationalTally(election);
        fresh.SetExitPoll(Night2024.ExitPoll);
        foreach (var seat in final.Values.OrderBy(_ => random.Next()))
        {
            fresh.Apply(seat);
        }

        var (expected, actual) = (fresh.Snapshot(), tally.Snapshot());
        Assert.NotEqual(crossing, actual.PathFor("Lab")!.CrossedAt?.Constituency.Code);
        AssertSame(expected, actual);
    }

    private static void AssertSame(NationalSnapshot expected, NationalSnapshot actual)
    {
        Assert.Equal(expected.Declared, actual.Declared);
        AssertSameStandings(expected.Parties, actual.Parties);
        foreach (var (e, a) in expected.Nations.Concat(expected.Regions).Zip(actual.Nations.Concat(actual.Regions)))
        {
            Assert.Equal((e.Name, e.Declared, e.ValidVotes, e.InvalidVotes, e.Electorate), (a.Name, a.Declared, a.ValidVotes, a.InvalidVotes, a.Electorate));
            AssertSameStandings(e.Parties, a.Parties);
            Assert.Equal(e.Swing?.From, a.Swing?.From);
            Assert.Equal(e.Swing?.Value ?? 0, a.Swing?.Value ?? 0, 9);
        }

        Assert.Equal(expected.Projection.Seats, actual.Projection.Seats);
        Assert.Equal(expected.Projection.Description, actual.Projection.Description);
        Assert.Equal(expected.PathToMajority, actual.PathToMajority);
        foreach (var party in expected.Battleground.Parties)
        {
            var (e, a) = (expected.Battleground.For(party.Code)!, actual.Battleground.For(party.Code)!);
            Assert.Equal((e.Declared, e.Won), (a.Declared, a.Won));
            Assert.Equal(e.Targets.Select(t => (t.Constituency.Code, t.Declared, t.Won, t.Winner)), a.Targets.Select(t => (t.Constituency.Code, t.Declared, t.Won, t.Winner)));
        }

        var (se, sa) = (expected.Swingometer()!, actual.Swingometer()!);
        Assert.Equal(se.SwingToA!.Value, sa.SwingToA!.Value, 9);
        Assert.Equal(se.BuckedTheTrend.Select(s => s.Constituency.Code), sa.BuckedTheTrend.Select(s => s.Constituency.Code));
        Assert.Equal(se.Falling.Select(s => s.Constituency.Code), sa.Falling.Select(s => s.Constituency.Code));
    }

    private static void AssertSameStandings(IReadOnlyList<PartyStanding> expected, IReadOnlyList<PartyStanding> actual)
    {
        Assert.Equal(expected.Select(p => (p.Party.Code, p.Seats, p.Gains, p.Losses, p.Votes, p.BaselineSeats)), actual.Select(p => (p.Party.Code, p.Seats, p.Gains, p.Losses, p.Votes, p.BaselineSeats)));
        foreach (var (e, a) in expected.Zip(actual))
        {
            Assert.Equal(e.Share, a.Share, 9);
            Assert.Equal(e.ShareChange ?? 0, a.ShareChange ?? 0, 9);
        }
    }
}
