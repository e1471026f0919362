using System.Text.Json;

namespace ResultsLive.Cli.Tests.Commands;

public class TallyCommandTests
{
    private static readonly string[] Files2024 =
    [
        "tally",
        "--candidates", SharedData.Candidates2024,
        "--constituencies", SharedData.Constituencies2024,
        "--baseline", SharedData.Notional2019,
        "--baseline-kind", "notional",
    ];

    [Fact]
    public async Task Tally_Json2024_ReportsTheNationalResultAndIslingtonNorth()
    {
        var (exitCode, output, error) = await CliRun.InvokeAsync([.. Files2024, "--json"]);

        Assert.True(exitCode == 0, error);
        using var json = JsonDocument.Parse(output);
        var national = json.RootElement.GetProperty("national");
        Assert.Equal(650, national.GetProperty("declared").GetInt32());
        Assert.Equal(326, national.GetProperty("majorityThreshold").GetInt32());
        var parties = national.GetProperty("parties").EnumerateArray().ToDictionary(p => p.GetProperty("code").GetString()!);
        Assert.Equal((411, 218, 7), Figures(parties["Lab"]));
        Assert.Equal((121, 1, 252), Figures(parties["Con"]));
        Assert.Equal(72, parties["LD"].GetProperty("seats").GetInt32());
        Assert.Equal("notional", national.GetProperty("baseline").GetProperty("kind").GetString());

        var seats = json.RootElement.GetProperty("constituencies").EnumerateArray().ToList();
        Assert.Equal(650, seats.Count);
        var islington = seats.Single(s => s.GetProperty("code").GetString() == "E14001305");
        Assert.Equal("Ind gain from Lab", islington.GetProperty("result").GetString());
        Assert.Equal(7247, islington.GetProperty("majority").GetInt32());
        Assert.Equal(67.27, Math.Round(islington.GetProperty("turnout").GetDouble(), 2));
        Assert.Equal("Jeremy Corbyn", islington.GetProperty("winner").GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.Null, islington.GetProperty("candidates")[0].GetProperty("shareChange").ValueKind);
    }

    [Fact]
    public async Task Tally_Tables2024_PrintsTheTableAndEverySeatsLine()
    {
        var (exitCode, output, _) = await CliRun.InvokeAsync(Files2024);

        Assert.Equal(0, exitCode);
        var lines = output.Split('\n', StringSplitOptions.TrimEntries);
        Assert.Contains(lines, l => l.StartsWith("Lab", StringComparison.Ordinal) && l.Contains("411", StringComparison.Ordinal) && l.Contains("+211", StringComparison.Ordinal));
        Assert.Contains("Islington North: Ind gain from Lab. Jeremy Corbyn (Ind) 24,120. Majority 7,247. Turnout 67.3%.", lines);
        Assert.Equal(650, lines.Count(l => l.Contains(" hold.", StringComparison.Ordinal) || l.Contains(" gain from ", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Tally_PreviousBaseline_ComparesWithThatElectionsActualResult()
    {
        // The 2024 file as its own "previous election": every seat is a hold and no change is non-zero.
        var (exitCode, output, error) = await CliRun.InvokeAsync(
            "tally", "--candidates", SharedData.Candidates2024, "--baseline", SharedData.Candidates2024, "--baseline-kind", "previous", "--json");

        Assert.True(exitCode == 0, error);
        using var json = JsonDocument.Parse(output);
        Assert.Equal("previous", json.RootElement.GetProperty("national").GetProperty("baseline").GetProperty("kind").GetString());
        var seats = json.RootElement.GetProperty("constituencies").EnumerateArray().ToList();
        Assert.All(seats, s => Assert.EndsWith(" hold", s.GetProperty("result").GetString(), StringComparison.Ordinal));
        Assert.All(
            seats.SelectMany(s => s.GetProperty("candidates").EnumerateArray()).Where(c => c.GetProperty("shareChange").ValueKind == JsonValueKind.Number),
            c => Assert.Equal(0, c.GetProperty("shareChange").GetDouble(), 9));
    }

    [Fact]
    public async Task Tally_MissingFile_FailsWithTheFileNamed()
    {
        var (exitCode, _, error) = await CliRun.InvokeAsync("tally", "--candidates", "/no/such/results.csv");

        Assert.NotEqual(0, exitCode);
        Assert.Contains("results.csv", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tally_MalformedFile_NamesFileLineAndColumn()
    {
        var path = Path.Combine(Path.GetTempPath(), $"resultslive-{Guid.NewGuid():N}.csv");
        var lines = File.ReadLines(SharedData.Candidates2024).Take(4).ToArray();
        lines[1] = lines[1].Replace(",183,", ",lots,", StringComparison.Ordinal);
        await File.WriteAllLinesAsync(path, lines);
        try
        {
            var (exitCode, _, error) = await CliRun.InvokeAsync("tally", "--candidates", path);

            Assert.Equal(2, exitCode);
            Assert.Contains(Path.GetFileName(path), error, StringComparison.Ordinal);
            Assert.Contains("line 2", error, StringComparison.Ordinal);
            Assert.Contains("Votes", error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static (int, int, int) Figures(JsonElement party) =>
        (party.GetProperty("seats").GetInt32(), party.GetProperty("gains").GetInt32(), party.GetProperty("losses").GetInt32());
}
