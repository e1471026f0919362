using ResultsLive.Core.Arithmetic;
using ResultsLive.Core.Model;
using ResultsLive.Import;

namespace ResultsLive.Core.Tests.Arithmetic;

/// <summary>
/// The projection against its targets (issue #15): from 100 seats declared, Labour and the Conservatives within 25 seats of
/// the final; after 200, never worse in total than the exit poll alone. On 2024 in declaration order, on 2024 reversed,
/// and on the demo election, none of which its parameters were fitted to.
/// </summary>
public class ProjectionModelTests : IClassFixture<Night2024>
{
    private readonly Night2024 _night;

    public ProjectionModelTests(Night2024 night) => _night = night;

    [Fact]
    public void Model_2024InDeclarationOrder_LabAndConWithin25OfTheFinalFrom100Declared()
    {
        var run = ProjectionBacktest.Run(_night.Election, _night.InOrder, Night2024.ExitPoll);

        AssertWithin25From100(run, "Lab", "Con");
        Assert.Equal((411, 121), (run.Final["Lab"], run.Final["Con"]));
    }

    [Fact]
    public void Model_2024InDeclarationOrder_NeverWorseThanTheExitPollAloneAfter200()
    {
        var run = ProjectionBacktest.Run(_night.Election, _night.InOrder, Night2024.ExitPoll);

        AssertNoWorseThanTheExitPollAfter200(run);
        Assert.Equal(38, run.Checkpoints[0][ProjectionBacktest.ExitPollAlone].TotalError(run.Final));
    }

    [Fact]
    public void Model_2024InDeclarationOrder_FarCloserThanUniformSwingAt25Declared()
    {
        var at25 = ProjectionBacktest.Run(_night.Election, _night.InOrder, Night2024.ExitPoll).Checkpoints.First(c => c.Declared == 25);

        // The complaint: uniform swing from the first seats showed Labour some 100 seats short.
        Assert.True(at25[ProjectionBacktest.Uniform].Seats["Lab"].Seats < 320);
        Assert.InRange(at25[ProjectionBacktest.Model].Seats["Lab"].Seats, 411 - 40, 411 + 40);
    }

    [Fact]
    public void Model_2024Reversed_LabAndConWithin25OfTheFinalFrom100Declared()
    {
        var run = ProjectionBacktest.Run(_night.Election, [.. _night.InOrder.Reverse()], Night2024.ExitPoll);

        AssertWithin25From100(run, "Lab", "Con");
        AssertNoWorseThanTheExitPollAfter200(run);
    }

    [Fact]
    public void Model_DemoElectionWithAnExitPollTenSeatsOut_MeetsBothTargets()
    {
        var demo = DemoElection.Generate();
        var final = new NationalTally(demo.Election);
        foreach (var declaration in demo.Results)
        {
            final.Apply(SeatCalculator.Calculate(demo.Election, declaration));
        }

        var seats = final.Snapshot().Parties.Where(p => p.Seats > 0).ToList();
        Assert.Equal(("Lab", "Con"), (seats[0].Party.Code, seats[1].Party.Code));
        var poll = new ExitPoll(
            [new("Lab", seats[0].Seats - 10), new("Con", seats[1].Seats + 10), new("LD", final.Snapshot().Party("LD")!.Seats - 10),
             new("Oth", demo.Election.SeatCount - seats[0].Seats - seats[1].Seats - final.Snapshot().Party("LD")!.Seats + 10)],
            "ten seats out", DateTimeOffset.UnixEpoch);

        var run = ProjectionBacktest.Run(demo.Election, demo.Results, poll);

        AssertWithin25From100(run, "Lab", "Con");
        AssertNoWorseThanTheExitPollAfter200(run);
    }

    [Fact]
    public void Project_ExitPollAndNothingDeclared_GivesTheExitPollsSeats()
    {
        var projection = _night.After(0, Night2024.ExitPoll).Project();

        foreach (var (party, seats) in new[] { ("Lab", 410), ("Con", 131), ("LD", 61), ("RUK", 13), ("SNP", 10), ("PC", 4) })
        {
            Assert.InRange(projection.For(party)!.Seats, seats - 2, seats + 2);
        }

        Assert.True(projection.AnchoredOnExitPoll);
        Assert.StartsWith("Projection: exit poll adjusted by 0 declared seats;", projection.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Project_AnyMoment_RangeHoldsThePointAndSeatsAddUp()
    {
        foreach (var count in new[] { 0, 5, 100, 649 })
        {
            var tally = _night.After(count, Night2024.ExitPoll);
            var projection = tally.Project();

            Assert.Equal(650, projection.Seats.Sum(s => s.Seats));
            Assert.Equal(count, projection.Seats.Sum(s => s.Won));
            Assert.All(projection.Seats, s =>
            {
                Assert.InRange(s.Seats, s.Low, s.High);
                Assert.Equal(s.Seats, s.Won + s.Leading);
                Assert.True(s.Low >= s.Won, $"{s.Party.Code}: low {s.Low} below the {s.Won} won");
            });
        }
    }

    [Fact]
    public void Project_NoExitPoll_SaysSoAndStillProjects()
    {
        var projection = _night.After(100).Project();

        Assert.False(projection.AnchoredOnExitPoll);
        Assert.Contains("100 declared seats, no exit poll", projection.Description, StringComparison.Ordinal);
        Assert.Equal(650, projection.Seats.Sum(s => s.Seats));
    }

    private static void AssertWithin25From100(BacktestRun run, params string[] parties)
    {
        foreach (var checkpoint in run.Checkpoints.Where(c => c.Declared >= 100))
        {
            foreach (var party in parties)
            {
                var error = checkpoint[ProjectionBacktest.Model].Error(party, run.Final);
                Assert.True(Math.Abs(error) <= 25, $"{party} is {error:+0;-0} seats out at {checkpoint.Declared} declared");
            }
        }

        Assert.Contains(run.Checkpoints, c => c.Declared == 600);
    }

    private static void AssertNoWorseThanTheExitPollAfter200(BacktestRun run)
    {
        foreach (var checkpoint in run.Checkpoints.Where(c => c.Declared > 200))
        {
            var model = checkpoint[ProjectionBacktest.Model].TotalError(run.Final);
            var exitPoll = checkpoint[ProjectionBacktest.ExitPollAlone].TotalError(run.Final);
            Assert.True(model <= exitPoll, $"at {checkpoint.Declared} declared the model is {model} seats out, the exit poll {exitPoll}");
        }
    }
}
