using ResultsLive.Core.Model;

namespace ResultsLive.Import.Tests.Loading;

public class ElectionLoaderTests
{
    private static readonly ElectionFiles Files2024 = new(
        SharedData.Candidates2024,
        Constituencies: SharedData.Constituencies2024,
        Baseline: SharedData.Notional2019,
        BaselineKind: BaselineKind.Notional,
        Hexmap: SharedData.Hexmap,
        DeclarationTimes: SharedData.DeclarationTimes2024,
        ElectionDay: new DateOnly(2024, 7, 4));

    private static readonly Lazy<LoadedElection> Loaded = new(() => ElectionLoader.Load(Files2024));

    [Fact]
    public void Load_2024Files_Has650SeatsAndResults()
    {
        var election = Loaded.Value.Election;

        Assert.Equal(650, election.Constituencies.Count);
        Assert.Equal(650, Loaded.Value.Results.Count);
        Assert.Equal(650, Loaded.Value.Hexmap!.Hexes.Count);
        Assert.Equal(4515, election.Constituencies.Sum(c => election.NominationsFor(c.Code).Count));
    }

    [Fact]
    public void Load_2024Files_IdAndNameComeFromTheCandidateFile()
    {
        Assert.Equal(("ge2024", "General election 2024"), (Loaded.Value.Election.Id, Loaded.Value.Election.Name));
    }

    [Fact]
    public void Load_NotionalBaseline_Has650SeatsNamedForItsYear()
    {
        var baseline = Loaded.Value.Election.Baseline;

        Assert.Equal((BaselineKind.Notional, "2019 notional", 650), (baseline.Kind, baseline.Name, baseline.Seats.Count));
    }

    [Fact]
    public void Load_ConstituencyFile_GivesElectoratesAndInvalidVotes()
    {
        var islington = Loaded.Value.Election.FindConstituency("E14001305")!;
        var result = Assert.Single(Loaded.Value.Results, r => r.Constituency == "E14001305");

        Assert.Equal(72_852, islington.Electorate);
        Assert.Equal((72_852, 189), (result.Electorate, result.InvalidVotes));
    }

    [Fact]
    public void Load_TimesFile_DatesEachResult()
    {
        var islington = Assert.Single(Loaded.Value.Results, r => r.Constituency == "E14001305");
        var inverness = Assert.Single(Loaded.Value.Results, r => r.Constituency == "S14000094");

        Assert.Equal(new DateTimeOffset(2024, 7, 5, 3, 42, 0, TimeSpan.FromHours(1)), islington.DeclaredAt);
        Assert.Equal(649, Loaded.Value.DeclarationTimes.Count);
        Assert.Equal(Loaded.Value.DeclarationTimes.Values.Max(), inverness.DeclaredAt);
    }

    [Fact]
    public void Load_CandidateFileOnly_HasSeatsWithUnknownElectorateAndNoBaseline()
    {
        var loaded = ElectionLoader.Load(new ElectionFiles(SharedData.Candidates2024), "test", "Test");

        Assert.Equal(("test", "Test"), (loaded.Election.Id, loaded.Election.Name));
        Assert.Equal(650, loaded.Election.Constituencies.Count);
        Assert.All(loaded.Election.Constituencies, c => Assert.Equal(0, c.Electorate));
        Assert.Empty(loaded.Election.Baseline.Seats);
        Assert.Null(loaded.Hexmap);
        Assert.Empty(loaded.DeclarationTimes);
    }

    [Fact]
    public void Load_PreviousBaseline_IsNamedForItsYear()
    {
        using var copy = new TempFile("HoC-GE2019-results-by-candidate.csv", File.ReadAllText(SharedData.Candidates2024));

        var loaded = ElectionLoader.Load(new ElectionFiles(SharedData.Candidates2024, Baseline: copy.Path, BaselineKind: BaselineKind.Previous));

        var baseline = loaded.Election.Baseline;
        Assert.Equal((BaselineKind.Previous, "2019"), (baseline.Kind, baseline.Name));
        Assert.Equal("Ind", baseline.For("E14001305")!.Winner);
    }

    [Fact]
    public void Load_OtherFileName_UsesGenericIdAndName()
    {
        using var copy = new TempFile("results.csv", File.ReadAllText(SharedData.Candidates2024));

        var loaded = ElectionLoader.Load(new ElectionFiles(copy.Path));

        Assert.Equal(("election", "Election"), (loaded.Election.Id, loaded.Election.Name));
    }

    [Fact]
    public void Load_TimesWithoutElectionDay_IsRejected()
    {
        var files = new ElectionFiles(SharedData.Candidates2024, DeclarationTimes: SharedData.DeclarationTimes2024);

        Assert.Throws<ArgumentException>(() => ElectionLoader.Load(files));
    }

    [Fact]
    public void Load_ConstituencyFileMissingASeat_NamesTheFile()
    {
        var lines = File.ReadAllLines(SharedData.Constituencies2024);
        using var partial = new TempFile("constituencies.csv", string.Join("\r\n", lines.Where(l => !l.StartsWith("E14001305", StringComparison.Ordinal))));

        var error = Assert.Throws<ImportException>(() => ElectionLoader.Load(new ElectionFiles(SharedData.Candidates2024, Constituencies: partial.Path)));

        Assert.Equal("constituencies.csv", error.File);
        Assert.Contains("E14001305", error.Message, StringComparison.Ordinal);
    }
}
