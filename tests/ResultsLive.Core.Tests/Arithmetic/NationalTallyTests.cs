using ResultsLive.Core.Arithmetic;
using ResultsLive.Core.Model;

namespace ResultsLive.Core.Tests.Arithmetic;

public class NationalTallyTests
{
    private readonly Election _election = TestElection.Create();

    private SeatResult Seat(Declaration declaration) => SeatCalculator.Calculate(_election, declaration);

    [Fact]
    public void Snapshot_NothingDeclared_ShowsBaselineSeatsAndNoSwing()
    {
        var snapshot = new NationalTally(_election).Snapshot();

        Assert.Equal((0, 4, 3), (snapshot.Declared, snapshot.TotalSeats, snapshot.MajorityThreshold));
        Assert.Null(snapshot.Swing);
        Assert.Equal(2, snapshot.Party("Con")!.BaselineSeats);
        Assert.Equal(2, snapshot.Party("Lab")!.BaselineSeats);
        Assert.All(snapshot.Parties, p => Assert.Equal(0, p.Seats));
    }

    [Fact]
    public void Apply_SeatChangesHands_CountsGainAndLoss()
    {
        var tally = new NationalTally(_election);

        tally.Apply(Seat(TestElection.Declare("X02", 1, ("Dan Red", "Lab", 24_000), ("Eve Blue", "Con", 16_000), ("Fay Free", "Ind", 2_000))));

        var snapshot = tally.Snapshot();
        var lab = snapshot.Party("Lab")!;
        var con = snapshot.Party("Con")!;
        Assert.Equal((1, 1, 0, 1), (lab.Seats, lab.Gains, lab.Losses, lab.Net));
        Assert.Equal((0, 0, 1, -1), (con.Seats, con.Gains, con.Losses, con.Net));
        Assert.Equal(1, snapshot.Declared);
    }

    [Fact]
    public void Apply_Correction_ReplacesThePreviousResultWithoutDoubleCounting()
    {
        var tally = new NationalTally(_election);
        tally.Apply(Seat(TestElection.Declare("X02", 1, ("Dan Red", "Lab", 24_000), ("Eve Blue", "Con", 16_000), ("Fay Free", "Ind", 2_000))));

        tally.Apply(Seat(TestElection.Declare("X02", 2, ("Dan Red", "Lab", 15_000), ("Eve Blue", "Con", 16_000), ("Fay Free", "Ind", 2_000))));

        var snapshot = tally.Snapshot();
        Assert.Equal(1, snapshot.Declared);
        Assert.Equal(33_000, snapshot.ValidVotes);
        Assert.Equal((0, 0), (snapshot.Party("Lab")!.Seats, snapshot.Party("Lab")!.Gains));
        Assert.Equal((1, 0), (snapshot.Party("Con")!.Seats, snapshot.Party("Con")!.Losses));
        Assert.Equal(2, tally.Seat("X02")!.Revision);
    }

    [Fact]
    public void Snapshot_LikeForLike_ComparesWithTheBaselineOfDeclaredSeatsOnly()
    {
        var tally = new NationalTally(_election);
        tally.Apply(Seat(TestElection.Declare("X01", 1, ("Ann Red", "Lab", 30_000), ("Bob Blue", "Con", 10_000), ("Cat Orange", "LD", 10_000))));

        var snapshot = tally.Snapshot();

        // X01 baseline: Lab 50%, Con 37.5%; now Lab 60%, Con 20%. Butler: (10 - -17.5) / 2 = 13.75 from Con to Lab.
        Assert.Equal(10, snapshot.Party("Lab")!.ShareChange!.Value, 9);
        Assert.Equal(-17.5, snapshot.Party("Con")!.ShareChange!.Value, 9);
        Assert.Equal(new Swing("Con", "Lab", 13.75), snapshot.Swing! with { Value = Math.Round(snapshot.Swing!.Value, 9) });
    }

    [Fact]
    public void ProjectUniform_LabourUpEverywhere_ProjectsUndeclaredSeatsByUniformSwing()
    {
        var tally = new NationalTally(_election);

        // Lab +17.5, Con −15 in X01: X02 (Lab 25 → 42.5, Con 62.5 → 47.5) stays Con; X03 (Lab 40 → 57.5, Con 60 → 45) goes Lab.
        tally.Apply(Seat(TestElection.Declare("X01", 1, ("Ann Red", "Lab", 27_000), ("Bob Blue", "Con", 9_000), ("Cat Orange", "LD", 4_000))));

        var projection = tally.ProjectUniform();
        Assert.Equal(1, projection.DeclaredBasis);
        Assert.Equal(3, projection.Seats.Single(s => s.Party.Code == "Lab").Seats);
        Assert.Equal(1, projection.Seats.Single(s => s.Party.Code == "Con").Seats);
    }

    [Fact]
    public void Apply_AnyOrderOfAppliesAndCorrections_EqualsAFreshTallyOfTheFinalResults()
    {
        var random = new Random(2024);
        var names = _election.Constituencies.ToDictionary(c => c.Code, c => _election.NominationsFor(c.Code));
        for (var round = 0; round < 300; round++)
        {
            var tally = new NationalTally(_election);
            var final = new Dictionary<string, SeatResult>();
            var steps = random.Next(1, 20);
            for (var step = 0; step < steps; step++)
            {
                var code = _election.Constituencies[random.Next(_election.SeatCount)].Code;
                var votes = names[code].Select(n => new CandidateVotes(n.Name, n.Party, random.Next(0, 30_000))).ToList();
                if (votes.All(v => v.Votes == 0))
                {
                    continue;
                }

                var revision = final.TryGetValue(code, out var previous) ? previous.Revision + 1 : 1;
                var seat = Seat(new Declaration(code, revision, DateTimeOffset.UnixEpoch, 100_000, random.Next(0, 300), votes));
                tally.Apply(seat);
                final[code] = seat;
            }

            var fresh = new NationalTally(_election);
            foreach (var seat in final.Values.OrderBy(_ => random.Next()))
            {
                fresh.Apply(seat);
            }

            AssertSameSnapshot(fresh.Snapshot(), tally.Snapshot());
        }
    }

    [Fact]
    public void Remove_DeclaredSeat_TakesItBackOut()
    {
        var tally = new NationalTally(_election);
        tally.Apply(Seat(TestElection.Declare("X01", 1, ("Ann Red", "Lab", 30_000), ("Bob Blue", "Con", 10_000), ("Cat Orange", "LD", 10_000))));

        tally.Remove("X01");

        AssertSameSnapshot(new NationalTally(_election).Snapshot(), tally.Snapshot());
    }

    private static void AssertSameSnapshot(NationalSnapshot expected, NationalSnapshot actual)
    {
        Assert.Equal((expected.Declared, expected.ValidVotes, expected.InvalidVotes, expected.Electorate), (actual.Declared, actual.ValidVotes, actual.InvalidVotes, actual.Electorate));
        Assert.Equal(expected.Parties.Count, actual.Parties.Count);
        foreach (var (e, a) in expected.Parties.Zip(actual.Parties))
        {
            Assert.Equal((e.Party.Code, e.Seats, e.Gains, e.Losses, e.Votes), (a.Party.Code, a.Seats, a.Gains, a.Losses, a.Votes));
            Assert.Equal(e.Share, a.Share, 9);
            Assert.Equal(e.ShareChange.HasValue, a.ShareChange.HasValue);
            Assert.Equal(e.ShareChange ?? 0, a.ShareChange ?? 0, 9);
        }

        Assert.Equal(expected.Swing?.From, actual.Swing?.From);
        Assert.Equal(expected.Swing?.Value ?? 0, actual.Swing?.Value ?? 0, 9);
        Assert.Equal(
            expected.Projection.Seats.Select(s => (s.Party.Code, s.Seats)),
            actual.Projection.Seats.Select(s => (s.Party.Code, s.Seats)));
    }
}
