using ResultsLive.Core.Model;

namespace ResultsLive.Import.Tests.Hoc;

public class HocCandidateFileTests
{
    private const string Header =
        "ONS ID,ONS region ID,Constituency name,County name,Region name,Country name,Constituency type,Party name,Party abbreviation,"
        + "Electoral Commission party ID,MNIS party ID,Electoral Commission adjunct party ID,Candidate first name,Candidate surname,"
        + "Candidate gender,Sitting MP,Former MP,Member MNIS ID,Votes,Share,Change,DC Person ID";

    private const string IslingtonNorth = "E14001305";

    private static readonly Lazy<IReadOnlyList<HocCandidateRow>> Rows = new(() => HocCandidateFile.Read(SharedData.Candidates2024));

    private static readonly Lazy<IReadOnlyDictionary<string, HocConstituencyRow>> Totals =
        new(() => HocConstituencyFile.ByCode(HocConstituencyFile.Read(SharedData.Constituencies2024)));

    [Fact]
    public void Read_RealFile_Has4515CandidatesIn650Seats()
    {
        Assert.Equal(4515, Rows.Value.Count);
        Assert.Equal(650, Rows.Value.Select(r => r.Code).Distinct().Count());
    }

    [Fact]
    public void Read_RealFileStartsWithBom_ReadsFirstColumnByHeader()
    {
        Assert.Equal("W07000081", Rows.Value[0].Code);
        Assert.All(Rows.Value, r => Assert.Matches("^[ENSW][0-9]{8}$", r.Code));
    }

    [Fact]
    public void Read_InlineFileWithBomAndCrlf_ReadsFirstColumnByHeader()
    {
        using var file = new TempFile(
            "bom.csv",
            Header + "\r\nE14001305,E12000007,Islington North,,London,England,Borough,Independent,Ind,,8,,Jeremy,Corbyn,Male,No,Yes,185,24120,0.492184,,1\r\n",
            byteOrderMark: true);

        var row = Assert.Single(HocCandidateFile.Read(file.Path));

        Assert.Equal(IslingtonNorth, row.Code);
        Assert.Equal(24120, row.Votes);
        Assert.Null(row.Change);
    }

    [Fact]
    public void Read_MisDecodedName_IsRepaired()
    {
        var groogan = Assert.Single(Rows.Value, r => r.Surname == "Groogan");

        Assert.Equal("Áine Groogan", groogan.Name);
        Assert.DoesNotContain(Rows.Value, r => r.Name.Contains('Ã', StringComparison.Ordinal));
    }

    [Fact]
    public void Read_CorrectlyEncodedAccents_AreLeftAlone()
    {
        Assert.Contains(Rows.Value, r => r.Name == "Dan Peña");
        Assert.Contains(Rows.Value, r => r.Name == "Zoë Billingham");
        Assert.Contains(Rows.Value, r => r.ConstituencyName == "Ynys Môn");
    }

    [Fact]
    public void Read_ConstituencyTypeWithTrailingSpace_IsTrimmed()
    {
        Assert.DoesNotContain(Rows.Value, r => r.ConstituencyType.EndsWith(' '));
        Assert.Equal(["Borough", "Burgh", "County"], Rows.Value.Select(r => r.ConstituencyType).Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Read_LabourCoOperativeCandidates_CountAsLab()
    {
        Assert.Equal(631, Rows.Value.Count(r => r.PartyCode == "Lab"));
        Assert.All(Rows.Value.Where(r => r.PartyName == "Labour and Co-operative"), r => Assert.Equal("Lab", r.PartyCode));
    }

    [Fact]
    public void Read_Chorley_SpeakerIsSpk()
    {
        var hoyle = Assert.Single(Rows.Value, r => r.ConstituencyName == "Chorley" && r.Surname == "Hoyle");

        Assert.Equal("Spk", hoyle.PartyCode);
        Assert.Equal(25238, hoyle.Votes);
    }

    [Fact]
    public void Read_Independents_HavePartyInd()
    {
        var independents = Rows.Value.Where(r => r.PartyName == "Independent").ToList();

        Assert.NotEmpty(independents);
        Assert.All(independents, r => Assert.Equal("Ind", r.PartyCode));
    }

    [Fact]
    public void Read_IslingtonNorth_HasItsCandidatesAndVotes()
    {
        var seat = Rows.Value.Where(r => r.Code == IslingtonNorth).ToList();

        Assert.Equal(
            [
                ("Paul Josling", "Ind", 32), ("Vikas Aggarwal", "LD", 1661), ("Martyn Nelson", "RUK", 1710), ("Karen Harries", "Con", 1950),
                ("Sheridan Kates", "Green", 2660), ("Praful Nargund", "Lab", 16873), ("Jeremy Corbyn", "Ind", 24120),
            ],
            seat.Select(r => (r.Name, r.PartyCode, r.Votes)));
        Assert.All(seat, r => Assert.Equal(("Islington North", "London", "England", "Borough"), (r.ConstituencyName, r.Region, r.Nation, r.ConstituencyType)));
        Assert.Equal(0.4922, seat[^1].Share, 4);
    }

    [Fact]
    public void Read_BlankChange_IsNullAndFilledChangeIsAFraction()
    {
        Assert.Equal(1504, Rows.Value.Count(r => r.Change is null));
        Assert.All(Rows.Value.Where(r => r.Change is not null), r => Assert.InRange(r.Change!.Value, -1, 1));
    }

    [Fact]
    public void Read_VotesNotANumber_NamesFileLineAndColumn()
    {
        using var file = new TempFile(
            "HoC-GE2024-results-by-candidate.csv",
            Header + "\r\n"
            + "E14001305,E12000007,Islington North,,London,England,Borough,Labour,Lab,PP53,15,,Praful,Nargund,Male,No,No,,16873,0.344305,-0.29,2\r\n"
            + "E14001305,E12000007,Islington North,,London,England,Borough,Independent,Ind,,8,,Jeremy,Corbyn,Male,No,Yes,185,abc,0.492184,,1\r\n");

        var error = Assert.Throws<ImportException>(() => HocCandidateFile.Read(file.Path));

        Assert.Equal(("HoC-GE2024-results-by-candidate.csv", 3, "Votes"), (error.File, error.Line, error.Column));
        Assert.Equal("HoC-GE2024-results-by-candidate.csv line 3, column Votes: 'abc' is not a whole number", error.Message);
    }

    [Fact]
    public void Read_MissingColumn_NamesFileAndColumn()
    {
        using var file = new TempFile("candidates.csv", Header.Replace(",Votes,", ",Vote count,", StringComparison.Ordinal) + "\r\n");

        var error = Assert.Throws<ImportException>(() => HocCandidateFile.Read(file.Path));

        Assert.Equal(("candidates.csv", 1, "Votes"), (error.File, error.Line, error.Column));
        Assert.StartsWith("candidates.csv line 1, column Votes:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_RowShorterThanHeader_NamesTheMissingColumn()
    {
        using var file = new TempFile("short.csv", Header + "\nE14001305,E12000007,Islington North,,London,England,Borough,Labour,Lab\n");

        var error = Assert.Throws<ImportException>(() => HocCandidateFile.Read(file.Path));

        // The first column the reader needs past the end of the row.
        Assert.Equal(("short.csv", 2, "Candidate first name"), (error.File, error.Line, error.Column));
    }

    [Fact]
    public void Read_QuoteInsideUnquotedField_NamesFileAndLine()
    {
        using var file = new TempFile(
            "quotes.csv",
            Header + "\nE14001305,E12000007,Islington \"North,,London,England,Borough,Labour,Lab,PP53,15,,Praful,Nargund,Male,No,No,,16873,0.34,,2\n");

        var error = Assert.Throws<ImportException>(() => HocCandidateFile.Read(file.Path));

        Assert.Equal(("quotes.csv", 2), (error.File, error.Line));
        Assert.Contains("not valid CSV: a quote is out of place in 'Islington \"North'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToNominations_IslingtonNorth_AreInBallotPaperOrder()
    {
        var nominations = HocCandidateFile.ToNominations(Rows.Value);

        Assert.Equal(650, nominations.Count);
        Assert.Equal(4515, nominations.Values.Sum(n => n.Count));
        Assert.Equal(
            ["Aggarwal", "Corbyn", "Harries", "Josling", "Kates", "Nargund", "Nelson"],
            nominations[IslingtonNorth].Select(n => n.Name.Split(' ')[^1]));
        Assert.Contains(new Nomination("Jeremy Corbyn", "Ind", SittingMp: true), nominations[IslingtonNorth]);
        Assert.Contains(new Nomination("Praful Nargund", "Lab", SittingMp: false), nominations[IslingtonNorth]);
    }

    [Fact]
    public void ToNominations_2024_MarksTheSittingMpsTheFileMarks()
    {
        var nominations = HocCandidateFile.ToNominations(Rows.Value);

        // 518 MPs of the outgoing parliament stood again (the file's own count of "Yes" in its Sitting MP column).
        Assert.Equal(518, nominations.Values.Sum(n => n.Count(c => c.SittingMp)));
        Assert.Equal(
            File.ReadLines(SharedData.Candidates2024).Skip(1).Count(line => line.Contains(",Yes,Yes,", StringComparison.Ordinal) || line.Contains(",Yes,No,", StringComparison.Ordinal)),
            nominations.Values.Sum(n => n.Count(c => c.SittingMp)));
    }

    [Fact]
    public void Read_SittingMpNeitherYesNorNo_NamesTheColumnAndLine()
    {
        using var file = new TempFile(
            "candidates.csv",
            Header + "\r\nE14001305,E12000007,Islington North,,London,England,Borough,Independent,Ind,,8,,Jeremy,Corbyn,Male,Maybe,Yes,185,24120,0.492184,,1\r\n");

        var error = Assert.Throws<ImportException>(() => HocCandidateFile.Read(file.Path));

        Assert.Equal(("Sitting MP", 2), (error.Column, error.Line));
    }

    [Fact]
    public void ToConstituencies_WithoutConstituencyFile_ElectorateIsUnknown()
    {
        var seats = HocCandidateFile.ToConstituencies(Rows.Value);

        Assert.Equal(650, seats.Count);
        Assert.Equal(new Constituency(IslingtonNorth, "Islington North", "London", "England", 0), Assert.Single(seats, s => s.Code == IslingtonNorth));
    }

    [Fact]
    public void ToParties_RealFile_KeepsCatalogueEntriesAndNamesTheRest()
    {
        var parties = HocCandidateFile.ToParties(Rows.Value);

        Assert.Equal(["Lab", "Con", "RUK", "LD", "Green"], parties.Take(5).Select(p => p.Code));
        Assert.Equal(PartyCatalog.Get("Lab"), parties[0]);
        var heritage = Assert.Single(parties, p => p.Code == "HPUK");
        Assert.Equal(("Heritage Party", PartyCatalog.UnknownColour), (heritage.Name, heritage.Colour));
        Assert.Equal(parties.Count, parties.Select(p => p.Code).Distinct().Count());
    }

    [Fact]
    public void ToDeclarations_WithConstituencyFile_TakesElectorateAndInvalidVotes()
    {
        var at = new DateTimeOffset(2024, 7, 5, 3, 42, 0, TimeSpan.FromHours(1));

        var declarations = HocCandidateFile.ToDeclarations(Rows.Value, Totals.Value, at);

        Assert.Equal(650, declarations.Count);
        Assert.Equal(28_809_340, declarations.Sum(d => d.ValidVotes));
        var islington = Assert.Single(declarations, d => d.Constituency == IslingtonNorth);
        Assert.Equal((1, at, 72_852, 189, 49_006L), (islington.Revision, islington.DeclaredAt, islington.Electorate, islington.InvalidVotes, islington.ValidVotes));
        Assert.Equal(new CandidateVotes("Jeremy Corbyn", "Ind", 24120), islington.Candidates[0]);
    }

    [Fact]
    public void ToDeclarations_WithoutConstituencyFile_ElectorateAndInvalidAreZero()
    {
        var declarations = HocCandidateFile.ToDeclarations(Rows.Value, null, DateTimeOffset.UnixEpoch);

        Assert.All(declarations, d => Assert.Equal((0, 0), (d.Electorate, d.InvalidVotes)));
    }

    [Fact]
    public void ToPreviousBaseline_From2024File_IslingtonNorthIsAnIndependentWin()
    {
        var baseline = HocCandidateFile.ToPreviousBaseline(Rows.Value, "2024");

        var islington = baseline.For(IslingtonNorth)!;
        Assert.Equal((BaselineKind.Previous, "2024"), (baseline.Kind, baseline.Name));
        Assert.Equal("Ind", islington.Winner);
        Assert.Equal(16_873, islington.Votes["Lab"]);
        Assert.Equal(24_120 + 32, islington.Votes["Ind"]);
        Assert.Equal(49_006, islington.Total);
        Assert.Null(islington.Turnout);
    }

    [Fact]
    public void ToPreviousBaseline_From2024File_WinnersMatchPublishedSeats()
    {
        var baseline = HocCandidateFile.ToPreviousBaseline(Rows.Value, "2024");

        var seats = baseline.Seats.Values.CountBy(s => s.Winner).ToDictionary();
        Assert.Equal(650, baseline.Seats.Count);
        Assert.Equal((411, 121, 72, 6, 1), (seats["Lab"], seats["Con"], seats["LD"], seats["Ind"], seats["Spk"]));
        Assert.All(baseline.Seats.Values, s => Assert.Equal(s.Total, s.Votes.Values.Sum()));
    }

    [Fact]
    public void ToPreviousBaseline_WithConstituencyFile_TurnoutIsValidVotesOverElectorate()
    {
        var baseline = HocCandidateFile.ToPreviousBaseline(Rows.Value, "2024", Totals.Value);

        Assert.Equal(67.27, baseline.For(IslingtonNorth)!.Turnout!.Value, 2);
    }
}
