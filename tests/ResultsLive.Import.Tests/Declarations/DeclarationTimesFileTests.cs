using ResultsLive.Core.Model;

namespace ResultsLive.Import.Tests.Declarations;

public class DeclarationTimesFileTests
{
    private const string Header = "Constituency,2019 party,2019 majority (percent),2024 party,2024 majority (percent),Declaration time";

    private static readonly DateOnly PollingDay = new(2024, 7, 4);

    private static readonly TimeSpan Bst = TimeSpan.FromHours(1);

    private static readonly Lazy<IReadOnlyList<DeclarationTimeRow>> Rows =
        new(() => DeclarationTimesFile.Read(SharedData.DeclarationTimes2024, PollingDay, Bst));

    private static readonly Lazy<IReadOnlyList<Constituency>> Seats =
        new(() => HocConstituencyFile.ToConstituencies(HocConstituencyFile.Read(SharedData.Constituencies2024)));

    [Fact]
    public void Read_RealFile_Has649Rows()
    {
        Assert.Equal(649, Rows.Value.Count);
    }

    [Fact]
    public void Read_UnquotedNameWithComma_KeepsTheWholeName()
    {
        var ayr = Assert.Single(Rows.Value, r => r.Name.StartsWith("Ayr", StringComparison.Ordinal));

        Assert.Equal("Ayr, Carrick and Cumnock", ayr.Name);
        Assert.Equal(new DateTimeOffset(2024, 7, 5, 4, 51, 0, Bst), ayr.DeclaredAt);
        Assert.Contains(Rows.Value, r => r.Name == "Brecon, Radnor and Cwm Tawe");
    }

    [Fact]
    public void Read_TimeBeforeMidnight_IsOnPollingDay()
    {
        var houghton = Assert.Single(Rows.Value, r => r.Name == "Houghton and Sunderland South");

        Assert.Equal(DateTimeOffset.Parse("2024-07-04T23:17:00+01:00", System.Globalization.CultureInfo.InvariantCulture), houghton.DeclaredAt);
    }

    [Fact]
    public void Read_TimeAfterMidnight_IsTheNextDay()
    {
        var islington = Assert.Single(Rows.Value, r => r.Name == "Islington North");

        Assert.Equal(DateTimeOffset.Parse("2024-07-05T03:42:00+01:00", System.Globalization.CultureInfo.InvariantCulture), islington.DeclaredAt);
    }

    [Fact]
    public void Read_Ampersands_AreWrittenAsAnd()
    {
        Assert.DoesNotContain(Rows.Value, r => r.Name.Contains('&', StringComparison.Ordinal));
    }

    [Fact]
    public void Read_BadTime_NamesFileLineAndColumn()
    {
        using var file = new TempFile("times.csv", $"{Header}\nHitchin,CON,20.8,LAB,15.4,17:22,\nDover & Deal,CON,24.3,LAB,15.9,late,\n");

        var error = Assert.Throws<ImportException>(() => DeclarationTimesFile.Read(file.Path, PollingDay, Bst));

        Assert.Equal(("times.csv", 3, "Declaration time"), (error.File, error.Line, error.Column));
        Assert.Contains("'late'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_RowWithoutTrailingComma_StillReads()
    {
        using var file = new TempFile("times.csv", $"{Header}\nAyr, Carrick & Cumnock,SNP,5.0,LAB,10.2,04:51");

        Assert.Equal("Ayr, Carrick and Cumnock", Assert.Single(DeclarationTimesFile.Read(file.Path, PollingDay, Bst)).Name);
    }

    [Fact]
    public void MatchToConstituencies_RealFile_EveryRowMatchesAHocSeat()
    {
        var times = DeclarationTimesFile.MatchToConstituencies(Rows.Value, Seats.Value);

        Assert.Equal(649, times.Count);
        Assert.Equal(DateTimeOffset.Parse("2024-07-05T03:42:00+01:00", System.Globalization.CultureInfo.InvariantCulture), times["E14001305"]);
    }

    [Fact]
    public void MatchToConstituencies_RealFile_InvernessHasNoTime()
    {
        var times = DeclarationTimesFile.MatchToConstituencies(Rows.Value, Seats.Value);

        Assert.False(times.ContainsKey("S14000094"));
    }

    [Fact]
    public void MatchToConstituencies_SpellingDifferences_StillMatch()
    {
        var times = DeclarationTimesFile.MatchToConstituencies(Rows.Value, Seats.Value);

        // "Hull East", "Montgomeryshire and Glyndwr", "Bridlington and the Wolds" in the times file.
        Assert.Contains("E14001313", times.Keys);
        Assert.Contains("W07000102", times.Keys);
        Assert.Contains(Seats.Value.Single(s => s.Name == "Bridlington and The Wolds").Code, times.Keys);
    }

    [Fact]
    public void MatchToConstituencies_UnknownName_NamesTheLine()
    {
        using var file = new TempFile("times.csv", $"{Header}\nHitchin,CON,20.8,LAB,15.4,17:22,\nAtlantis North,CON,24.3,LAB,15.9,01:00,\n");
        var rows = DeclarationTimesFile.Read(file.Path, PollingDay, Bst);

        var error = Assert.Throws<ImportException>(() => DeclarationTimesFile.MatchToConstituencies(rows, Seats.Value, "times.csv"));

        Assert.Equal(("times.csv", 3, "Constituency"), (error.File, error.Line, error.Column));
        Assert.Contains("Atlantis North", error.Message, StringComparison.Ordinal);
    }
}
