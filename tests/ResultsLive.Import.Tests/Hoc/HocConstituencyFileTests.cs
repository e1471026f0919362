namespace ResultsLive.Import.Tests.Hoc;

public class HocConstituencyFileTests
{
    private const string Header =
        "ONS ID,ONS region ID,Constituency name,County name,Region name,Country name,Constituency type,Declaration time,"
        + "Member first name,Member surname,Member gender,Result,First party,Second party,Electorate,Valid votes,Invalid votes,Majority";

    private static readonly Lazy<IReadOnlyList<HocConstituencyRow>> Rows = new(() => HocConstituencyFile.Read(SharedData.Constituencies2024));

    [Fact]
    public void Read_RealFile_Has650SeatsWithPublishedTotals()
    {
        Assert.Equal(650, Rows.Value.Count);
        Assert.Equal(48_253_193, Rows.Value.Sum(r => (long)r.Electorate));
        Assert.Equal(28_809_340, Rows.Value.Sum(r => (long)r.ValidVotes));
        Assert.Equal(116_253, Rows.Value.Sum(r => r.InvalidVotes));
    }

    [Fact]
    public void Read_IslingtonNorth_HasElectorateInvalidVotesAndResult()
    {
        var seat = Assert.Single(Rows.Value, r => r.Code == "E14001305");

        Assert.Equal(
            new HocConstituencyRow("E14001305", "Islington North", "London", "England", "Borough", 72_852, 49_006, 189, 7_247, "Ind gain from Lab", "Ind", "Lab"),
            seat);
    }

    [Fact]
    public void Read_ConstituencyTypeWithTrailingSpace_IsTrimmed()
    {
        Assert.Equal(["Borough", "Burgh", "County"], Rows.Value.Select(r => r.ConstituencyType).Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Read_SameCodeTwice_NamesBothLines()
    {
        const string row = "E14001305,E12000007,Islington North,,London,England,Borough,,Jeremy,Corbyn,Male,Ind gain from Lab,Ind,Lab,72852,49006,189,7247";
        using var file = new TempFile("constituencies.csv", $"{Header}\r\n{row}\r\n{row}\r\n");

        var error = Assert.Throws<ImportException>(() => HocConstituencyFile.Read(file.Path));

        Assert.Equal(("constituencies.csv", 3, "ONS ID"), (error.File, error.Line, error.Column));
        Assert.Contains("line 2", error.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("E1400130")]
    [InlineData("X14001305")]
    [InlineData("E14001305<script>")]
    [InlineData("\"E14001305")]
    [InlineData("e14001305")]
    public void Read_CodeThatIsNotAGssCode_NamesFileLineAndColumn(string code)
    {
        var field = code.Contains('"', StringComparison.Ordinal) ? "\"" + code.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : code;
        using var file = new TempFile(
            "constituencies.csv",
            $"{Header}\r\n{field},E12000007,Islington North,,London,England,Borough,,Jeremy,Corbyn,Male,Ind gain from Lab,Ind,Lab,72852,49006,189,7247\r\n");

        var error = Assert.Throws<ImportException>(() => HocConstituencyFile.Read(file.Path));

        Assert.Equal(("constituencies.csv", 2, "ONS ID"), (error.File, error.Line, error.Column));
        Assert.Contains("is not a GSS code", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ElectorateWithThousandsSeparator_IsParsed()
    {
        using var file = new TempFile(
            "constituencies.csv",
            $"{Header}\r\nE14001305,E12000007,Islington North,,London,England,Borough,,Jeremy,Corbyn,Male,Ind gain from Lab,Ind,Lab,\"72,852\",49006,189,7247\r\n");

        Assert.Equal(72_852, Assert.Single(HocConstituencyFile.Read(file.Path)).Electorate);
    }

    [Fact]
    public void ToConstituencies_RealFile_CarriesElectorates()
    {
        var seats = HocConstituencyFile.ToConstituencies(Rows.Value);

        Assert.Equal(650, seats.Count);
        Assert.Equal(72_852, Assert.Single(seats, s => s.Code == "E14001305").Electorate);
        Assert.DoesNotContain(seats, s => s.Electorate <= 0);
    }
}
