namespace ResultsLive.Import.Tests.Hexmap;

public class HexJsonFileTests
{
    private static readonly Lazy<HexMap> Map = new(() => HexJsonFile.Read(SharedData.Hexmap));

    [Fact]
    public void Read_RealFile_Has650OddRHexes()
    {
        Assert.Equal("odd-r", Map.Value.Layout);
        Assert.Equal(650, Map.Value.Hexes.Count);
    }

    [Fact]
    public void Read_RealFile_RowsAreNegativeAndColumnsInRange()
    {
        var hexes = Map.Value.Hexes.Values.ToList();

        Assert.Equal((42, 72), (hexes.Min(h => h.Q), hexes.Max(h => h.Q)));
        Assert.Equal((-46, 0), (hexes.Min(h => h.R), hexes.Max(h => h.R)));
    }

    [Fact]
    public void Read_RealFile_CodesAndNamesMatchTheHocFile()
    {
        var hoc = HocConstituencyFile.Read(SharedData.Constituencies2024).ToDictionary(r => r.Code, r => r.Name);

        Assert.Equal(hoc.Keys.Order(StringComparer.Ordinal), Map.Value.Hexes.Keys.Order(StringComparer.Ordinal));
        Assert.All(Map.Value.Hexes.Values, h => Assert.Equal(hoc[h.Code], h.Name));
    }

    [Fact]
    public void Read_Hex_HasNameCoordinatesAndRegion()
    {
        Assert.Equal(new Hex("E14001074", "Barnsley North", 57, -23, "E12000003"), Map.Value.Hexes["E14001074"]);
    }

    [Fact]
    public void Read_InvalidJson_NamesFileLineAndPosition()
    {
        using var file = new TempFile("map.hexjson", "{\n  \"layout\": \"odd-r\",\n  \"hexes\": { oops }\n}");

        var error = Assert.Throws<ImportException>(() => HexJsonFile.Read(file.Path));

        Assert.Equal(("map.hexjson", 3), (error.File, error.Line));
        Assert.Contains("position 14", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_HexWithoutCoordinate_NamesTheValue()
    {
        using var file = new TempFile("map.hexjson", """{"layout":"odd-r","hexes":{"E14001074":{"n":"Barnsley North","q":"57","r":-23}}}""");

        var error = Assert.Throws<ImportException>(() => HexJsonFile.Read(file.Path));

        Assert.Equal(("map.hexjson", "hexes.E14001074.q"), (error.File, error.Column));
    }

    [Theory]
    [InlineData("#F9BC2")]
    [InlineData("red")]
    [InlineData("#F9BC26;background:url(x)")]
    [InlineData("#GGGGGG")]
    public void Read_ColourThatIsNotRrggbb_NamesTheHexAndField(string colour)
    {
        var json = System.Text.Json.JsonSerializer.Serialize(colour);
        using var file = new TempFile("map.hexjson", """{"layout":"odd-r","hexes":{"E14001074":{"n":"Barnsley North","q":57,"r":-23,"colour":""" + json + "}}}");

        var error = Assert.Throws<ImportException>(() => HexJsonFile.Read(file.Path));

        Assert.Equal(("map.hexjson", "hexes.E14001074.colour"), (error.File, error.Column));
        Assert.Contains("#RRGGBB", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_KeyThatIsNotAGssCode_NamesTheHex()
    {
        using var file = new TempFile("map.hexjson", """{"layout":"odd-r","hexes":{"E14<b>074":{"n":"Barnsley North","q":57,"r":-23}}}""");

        var error = Assert.Throws<ImportException>(() => HexJsonFile.Read(file.Path));

        Assert.Equal(("map.hexjson", "hexes.E14<b>074"), (error.File, error.Column));
        Assert.Contains("is not a GSS code", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_NoLayout_NamesTheFile()
    {
        using var file = new TempFile("map.hexjson", """{"hexes":{}}""");

        var error = Assert.Throws<ImportException>(() => HexJsonFile.Read(file.Path));

        Assert.Equal(("map.hexjson", "layout"), (error.File, error.Column));
    }
}
