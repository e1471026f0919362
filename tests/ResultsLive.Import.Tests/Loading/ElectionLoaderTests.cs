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

    [Fact]
    public void Load_PreviousBaselineWithARenamedPartyCode_MatchesThePartyByName()
    {
        const string header =
            "ONS ID,ONS region ID,Constituency name,County name,Region name,Country name,Constituency type,Party name,Party abbreviation,"
            + "Electoral Commission party ID,MNIS party ID,Electoral Commission adjunct party ID,Candidate first name,Candidate surname,"
            + "Candidate gender,Sitting MP,Former MP,Member MNIS ID,Votes,Share,Change,DC Person ID";
        static string Row(string seat, string party, string code, string surname, int votes) =>
            $"{seat},E12000009,Seat {seat},,South West,England,County,{party},{code},,,,Ann,{surname},Female,No,No,,{votes},0.1,,1";
        using var before = new TempFile(
            "HoC-GE2019-results-by-candidate.csv",
            string.Join("\r\n", header, Row("E14000001", "Green Party", "Grn", "Leaf", 30_000), Row("E14000001", "Conservative", "Con", "Blue", 20_000),
                Row("E14000002", "Green Party", "Grn", "Fern", 5_000), Row("E14000002", "Conservative", "Con", "Navy", 25_000), Row("E14000002", "Independent", "Ind", "Solo", 900)) + "\r\n");
        using var after = new TempFile(
            "HoC-GE2024-results-by-candidate.csv",
            string.Join("\r\n", header, Row("E14000001", "Green  party", "Green", "Leaf", 28_000), Row("E14000001", "Conservative", "Con", "Blue", 21_000),
                Row("E14000002", "Green Party", "Green", "Fern", 15_000), Row("E14000002", "Conservative", "Con", "Navy", 14_000)) + "\r\n");

        var loaded = ElectionLoader.Load(new ElectionFiles(after.Path, Baseline: before.Path, BaselineKind: BaselineKind.Previous));

        var baseline = loaded.Election.Baseline;
        Assert.Equal(("Green", 30_000), (baseline.For("E14000001")!.Winner, baseline.For("E14000001")!.Votes["Green"]));
        Assert.Equal(5_000, baseline.For("E14000002")!.Votes["Green"]);
        Assert.DoesNotContain("Grn", baseline.Seats.Values.SelectMany(s => s.Votes.Keys));
        Assert.Equal(-1, loaded.Election.PartyIndex("Grn"));

        // The Greens' change is measured against their own baseline: E1 a hold, E2 a gain from Con.
        var e2 = Core.Arithmetic.SeatCalculator.Calculate(loaded.Election, loaded.Results.Single(r => r.Constituency == "E14000002"));
        Assert.Equal("Green gain from Con", e2.Result);
        Assert.Equal((15_000 * 100.0 / 29_000) - (5_000 * 100.0 / 30_900), e2.Winner.ShareChange!.Value, 9);
        Assert.Equal("Green hold", Core.Arithmetic.SeatCalculator.Calculate(loaded.Election, loaded.Results.Single(r => r.Constituency == "E14000001")).Result);
    }

    [Fact]
    public void MatchPartyCodes_SameCodeOrAmbiguousName_IsLeftAlone()
    {
        static HocCandidateRow Row(string party, string code) => new("E1", "Seat", "", "", "", party, code, "A", "B", 1, 0.1, null);

        var renames = HocCandidateFile.MatchPartyCodes(
            [Row("Green Party", "Grn"), Row("Labour", "Lab"), Row("Liberal", "Lib"), Row("Workers", "WP")],
            [Row("Green Party", "Green"), Row("Labour Party", "Lab"), Row("Liberal", "LibA"), Row("Liberal", "LibB"), Row("Workers Party", "WPB")]);

        Assert.Equal(new Dictionary<string, string> { ["Grn"] = "Green" }, renames);
    }
}
