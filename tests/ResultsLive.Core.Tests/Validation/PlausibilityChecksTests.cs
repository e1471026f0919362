using ResultsLive.Core.Model;
using ResultsLive.Core.Tests.Arithmetic;
using ResultsLive.Core.Validation;
using ResultsLive.Import;

namespace ResultsLive.Core.Tests.Validation;

public class PlausibilityChecksTests
{
    private static readonly DateTimeOffset Now = new(2024, 7, 5, 4, 0, 0, TimeSpan.FromHours(1));

    private readonly Election _election = TestElection.Create();

    /// <summary>Northtown (X01, electorate 70,000): 40,000 valid votes, a turnout of 57%, 100 rejected.</summary>
    private static Declaration Northtown(int lab = 20_000, int con = 15_000, int ld = 5_000) =>
        TestElection.Declare("X01", 1, ("Ann Red", "Lab", lab), ("Bob Blue", "Con", con), ("Cat Orange", "LD", ld));

    [Fact]
    public void Check_OrdinaryResult_HasNoProblem()
    {
        Assert.Empty(PlausibilityChecks.Check(_election, Northtown(), Now));
    }

    [Theory]
    [InlineData(63_000, true)]
    [InlineData(77_000, true)]
    [InlineData(62_999, false)]
    [InlineData(77_001, false)]
    [InlineData(700_000, false)]
    public void Check_ElectorateAgainstTheSeats_IsImplausibleBeyondTenPercentNamingTheRange(int electorate, bool plausible)
    {
        var problems = PlausibilityChecks.Check(_election, Northtown() with { Electorate = electorate }, Now);

        if (plausible)
        {
            Assert.Empty(problems);
            return;
        }

        var problem = Assert.Single(problems, p => p.Field == "electorate");
        Assert.Equal(ProblemKind.Implausible, problem.Kind);
        Assert.EndsWith("from Northtown's electorate of 70,000: expected 63,000 to 77,000", problem.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_SeatWithoutAConfiguredElectorate_BoundsItByTheLargestThereIs()
    {
        var election = new Election("e", "E", [new Constituency("X01", "Northtown", "North", "England", 0)], new Dictionary<string, IReadOnlyList<Nomination>>
        {
            ["X01"] = [new("Ann Red", "Lab"), new("Bob Blue", "Con"), new("Cat Orange", "LD")],
        }, Baseline.Empty);

        Assert.Empty(PlausibilityChecks.Check(election, Northtown() with { Electorate = 150_000 }, Now));
        var problem = Assert.Single(PlausibilityChecks.Check(election, Northtown() with { Electorate = 150_001 }, Now));
        Assert.Equal(("electorate", "150,001 is more than any constituency has: expected at most 150,000"), (problem.Field, problem.Reason));
    }

    [Fact]
    public void Check_MoreVotesThanElectors_IsImplausibleTurnoutOnCandidates()
    {
        var problem = Assert.Single(PlausibilityChecks.Check(_election, Northtown(lab: 60_000), Now));

        Assert.Equal(("candidates", ProblemKind.Implausible), (problem.Field, problem.Kind));
        Assert.StartsWith("valid votes 80,000 are more than the electorate 70,000 (a turnout of 114.3%): expected a turnout of 15% to 100%", problem.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_CandidateWithMoreVotesThanElectors_NamesTheCandidatesVotes()
    {
        var problems = PlausibilityChecks.Check(_election, Northtown(lab: 200_000), Now);

        Assert.Equal(["candidates", "candidates[0].votes"], problems.Select(p => p.Field).Order(StringComparer.Ordinal));
        Assert.Equal("200,000 is more than the electorate: expected 0 to 70,000", Assert.Single(problems, p => p.Field == "candidates[0].votes").Reason);
    }

    [Fact]
    public void Check_TurnoutUnderFifteenPercent_NamesTheVotesNeeded()
    {
        var problem = Assert.Single(PlausibilityChecks.Check(_election, Northtown(lab: 4_000, con: 3_000, ld: 2_000), Now));

        Assert.Equal("candidates", problem.Field);
        Assert.Equal("valid votes 9,000 are a turnout of 12.9% of the electorate 70,000: expected 15% to 100%, at least 10,500 votes", problem.Reason);
    }

    [Fact]
    public void Check_RejectedBallotsOverATenth_NamesInvalidVotes()
    {
        Assert.Empty(PlausibilityChecks.Check(_election, Northtown() with { InvalidVotes = 4_444 }, Now));

        var problem = Assert.Single(PlausibilityChecks.Check(_election, Northtown() with { InvalidVotes = 5_000 }, Now));

        Assert.Equal(("invalidVotes", "5,000 rejected ballots are 11.1% of the 45,000 cast: expected at most 10%, 4,444"), (problem.Field, problem.Reason));
    }

    [Fact]
    public void Check_DeclaredMoreThanAnHourAhead_NamesDeclaredAt()
    {
        Assert.Empty(PlausibilityChecks.Check(_election, Northtown() with { DeclaredAt = Now.AddMinutes(59) }, Now));

        var problem = Assert.Single(PlausibilityChecks.Check(_election, Northtown() with { DeclaredAt = Now.AddDays(1) }, Now));

        Assert.Equal("declaredAt", problem.Field);
        Assert.Equal("2024-07-06T04:00:00+01:00 is later than this node's clock (2024-07-05T04:00:00+01:00): expected no later than an hour from now", problem.Reason);
    }

    [Fact]
    public void Validate_InvalidAndImplausible_ReportsBothAndAcceptsNothing()
    {
        var result = PlausibilityChecks.Validate(_election, Northtown(lab: -1) with { Electorate = 78_000 }, Now);

        Assert.Equal(
            [("candidates[0].votes", ProblemKind.Invalid), ("electorate", ProblemKind.Implausible)],
            result.Problems.Select(p => (p.Field, p.Kind)).Order());
        Assert.Null(result.Accepted);
    }

    [Fact]
    public void Validate_OnlyImplausible_AcceptsTheDeclarationInTheNominationsSpelling()
    {
        var result = PlausibilityChecks.Validate(_election, Northtown() with { Constituency = "x01", Electorate = 78_000 }, Now);

        Assert.Equal("X01", result.Accepted!.Constituency);
        Assert.False(result.IsClean);
        Assert.Equal("electorate", Assert.Single(result.Implausible).Field);
    }

    [Theory]
    [InlineData(null, "is required")]
    [InlineData("  ", "is required")]
    [InlineData("confirmed with the\nreturning officer", "must be one line")]
    public void CheckOverrideReason_MissingOrNotPlainText_NamesTheReason(string? reason, string expected)
    {
        var problem = PlausibilityChecks.CheckOverrideReason(reason);

        Assert.Equal("override.reason", problem!.Field);
        Assert.StartsWith(expected, problem.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckOverrideReason_BoundedInLength()
    {
        Assert.Null(PlausibilityChecks.CheckOverrideReason(new string('x', PlausibilityChecks.MaxReasonLength)));
        Assert.Equal("must be at most 120 characters, not 121", PlausibilityChecks.CheckOverrideReason(new string('x', 121))!.Reason);
    }

    [Fact]
    public void Check_IslingtonNorthWithATenfoldElectorate_NamesTheElectorateAndItsRange()
    {
        var loaded = ElectionLoader.Load(new ElectionFiles(SharedData.Candidates2024, SharedData.Constituencies2024, null, BaselineKind.Notional, null, null));
        var declared = loaded.Results.Single(d => d.Constituency == "E14001305");

        var problems = PlausibilityChecks.Check(loaded.Election, declared with { Electorate = 727_520 }, Now);

        Assert.Equal(
            "727,520 is more than 10% away from Islington North's electorate of 72,852: expected 65,567 to 80,137",
            Assert.Single(problems, p => p.Field == "electorate").Reason);
        Assert.Contains(problems, p => p.Field == "candidates" && p.Reason.Contains("a turnout of 6.7%", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_Every2024Declaration_NeedsNoOverride()
    {
        // The real night is the measure of the bounds: not one true result may be held up.
        var night = new Night2024();

        Assert.All(night.InOrder, d => Assert.Empty(PlausibilityChecks.Validate(night.Election, d, Now.AddDays(1)).Problems));
    }
}
