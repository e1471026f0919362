using ResultsLive.Core.Model;
using ResultsLive.Core.Validation;

namespace ResultsLive.Core.Tests.Validation;

public class DeclarationValidatorTests
{
    private readonly Election _election = TestElection.Create();

    private static Declaration Valid() =>
        TestElection.Declare("X01", 1, ("Ann Red", "Lab", 20_000), ("Bob Blue", "Con", 15_000), ("Cat Orange", "LD", 5_000));

    [Fact]
    public void Validate_CompleteDeclaration_IsAccepted()
    {
        var result = DeclarationValidator.Validate(_election, Valid());

        Assert.True(result.IsValid);
        Assert.Empty(result.Problems);
    }

    [Fact]
    public void Validate_NamesDifferInCaseAndSpacing_MatchesAndTakesNominatedSpelling()
    {
        var declaration = TestElection.Declare("x01", 1, ("  ann   RED ", "lab", 20_000), ("Bob Blue", "CON", 15_000), ("Cat Orange", "LD", 5_000));

        var result = DeclarationValidator.Validate(_election, declaration);

        Assert.True(result.IsValid);
        Assert.Equal("X01", result.Accepted!.Constituency);
        Assert.Equal(("Ann Red", "Lab"), (result.Accepted.Candidates[0].Name, result.Accepted.Candidates[0].Party));
    }

    [Fact]
    public void Validate_UnknownConstituency_IsNotFoundOnConstituency()
    {
        var result = DeclarationValidator.Validate(_election, Valid() with { Constituency = "E99999999" });

        var problem = Assert.Single(result.Problems);
        Assert.Equal(("constituency", ProblemKind.NotFound), (problem.Field, problem.Kind));
        Assert.Null(result.Accepted);
    }

    [Fact]
    public void Validate_CandidateNotNominated_NamesTheCandidateAndListsTheNominated()
    {
        var declaration = TestElection.Declare("X01", 1, ("Ann Red", "Lab", 20_000), ("Bob Blue", "Con", 15_000), ("Zed Nobody", "LD", 5_000));

        var result = DeclarationValidator.Validate(_election, declaration);

        var problem = Assert.Single(result.Problems, p => p.Field == "candidates[2]");
        Assert.Contains("Zed Nobody", problem.Reason, StringComparison.Ordinal);
        Assert.Contains("Cat Orange (LD)", problem.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_NominatedCandidateMissing_ReportsWhoIsMissing()
    {
        var declaration = TestElection.Declare("X01", 1, ("Ann Red", "Lab", 20_000), ("Bob Blue", "Con", 15_000));

        var result = DeclarationValidator.Validate(_election, declaration);

        var problem = Assert.Single(result.Problems);
        Assert.Equal("candidates", problem.Field);
        Assert.Contains("Cat Orange (LD)", problem.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_SameCandidateTwice_ReportsTheRepeat()
    {
        var declaration = TestElection.Declare(
            "X01", 1, ("Ann Red", "Lab", 20_000), ("Bob Blue", "Con", 15_000), ("Cat Orange", "LD", 5_000), ("ann red", "Lab", 1));

        var result = DeclarationValidator.Validate(_election, declaration);

        var problem = Assert.Single(result.Problems);
        Assert.Equal("candidates[3]", problem.Field);
        Assert.Contains("twice", problem.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_NegativeVotes_NamesTheVotesField()
    {
        var declaration = TestElection.Declare("X01", 1, ("Ann Red", "Lab", 20_000), ("Bob Blue", "Con", -5), ("Cat Orange", "LD", 5_000));

        var result = DeclarationValidator.Validate(_election, declaration);

        Assert.Equal("candidates[1].votes", Assert.Single(result.Problems).Field);
    }

    [Fact]
    public void Validate_ValidVotesAboveElectorate_IsLeftToThePlausibilityChecks()
    {
        // More votes than electors is implausible, not impossible to compute: an override may pass it (PlausibilityChecksTests).
        var result = DeclarationValidator.Validate(_election, Valid() with { Electorate = 39_999 });

        Assert.True(result.IsClean);
    }

    [Theory]
    [InlineData(0, "must be more than 0")]
    [InlineData(-1, "must not be negative")]
    [InlineData(10_000_001, "must be at most 10,000,000")]
    public void Validate_ElectorateZeroNegativeOrOverTheBound_IsInvalid(int electorate, string reason)
    {
        var result = DeclarationValidator.Validate(_election, Valid() with { Electorate = electorate });

        var problem = Assert.Single(result.Problems);
        Assert.Equal(("electorate", ProblemKind.Invalid), (problem.Field, problem.Kind));
        Assert.StartsWith(reason, problem.Reason, StringComparison.Ordinal);
        Assert.Null(result.Accepted);
    }

    [Fact]
    public void Validate_FiguresOverTheBound_AreInvalidNamingEachField()
    {
        var declaration = TestElection.Declare("X01", DeclarationValidator.MaxRevision + 1, ("Ann Red", "Lab", 20_000), ("Bob Blue", "Con", int.MaxValue), ("Cat Orange", "LD", 5_000))
            with { InvalidVotes = DeclarationValidator.MaxFigure + 1 };

        var result = DeclarationValidator.Validate(_election, declaration);

        Assert.Equal(["candidates[1].votes", "invalidVotes", "revision"], result.Problems.Select(p => p.Field).Order(StringComparer.Ordinal));
        Assert.All(result.Problems, p => Assert.Equal(ProblemKind.Invalid, p.Kind));
        Assert.Contains("leave room", Assert.Single(result.Problems, p => p.Field == "revision").Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_VotesAddingUpPast32Bits_IsInvalidOnCandidates()
    {
        // Each figure within its bound, but 300 nominees at the bound add up to 3 billion: the seat result could not hold it.
        var nominees = Enumerable.Range(0, 300).Select(i => new Nomination($"Candidate {i}", "Ind")).ToList();
        var election = new Election("big", "Big", [new Constituency("B01", "Crowded", "North", "England", 70_000)], new Dictionary<string, IReadOnlyList<Nomination>> { ["B01"] = nominees }, Baseline.Empty);
        var declaration = new Declaration("B01", 1, DateTimeOffset.UnixEpoch, DeclarationValidator.MaxFigure, 0, [.. nominees.Select(n => new CandidateVotes(n.Name, n.Party, DeclarationValidator.MaxFigure))]);

        var result = DeclarationValidator.Validate(election, declaration);

        var problem = Assert.Single(result.Problems);
        Assert.Equal("candidates", problem.Field);
        Assert.Contains("3,000,000,000, more than a count can hold", problem.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_NoCandidateHasAVote_IsInvalid()
    {
        var declaration = TestElection.Declare("X01", 1, ("Ann Red", "Lab", 0), ("Bob Blue", "Con", 0), ("Cat Orange", "LD", 0));

        var result = DeclarationValidator.Validate(_election, declaration);

        Assert.Equal(("candidates", ProblemKind.Invalid), (Assert.Single(result.Problems).Field, result.Problems[0].Kind));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Validate_RevisionBelowOne_IsRejected(int revision)
    {
        var result = DeclarationValidator.Validate(_election, Valid() with { Revision = revision });

        Assert.Equal("revision", Assert.Single(result.Problems).Field);
    }

    [Fact]
    public void Validate_SeveralProblems_ReportsEveryOne()
    {
        var declaration = TestElection.Declare("X01", 0, ("Ann Red", "Lab", -1), ("Bob Blue", "Con", 15_000), ("Bob Blue", "Con", 1)) with { InvalidVotes = -3 };

        var result = DeclarationValidator.Validate(_election, declaration);

        Assert.Equal(
            ["candidates", "candidates[0].votes", "candidates[2]", "invalidVotes", "revision"],
            result.Problems.Select(p => p.Field).Order(StringComparer.Ordinal));
    }
}
