namespace ResultsLive.Cli.Tests.Commands;

public class BacktestCommandTests
{
    private static readonly string[] Files2024 =
    [
        "backtest",
        "--candidates", SharedData.Candidates2024,
        "--constituencies", SharedData.Constituencies2024,
        "--baseline", SharedData.Notional2019,
        "--times", SharedData.DeclarationTimes2024,
        "--exit-poll", "Lab=410,Con=131,LD=61,RUK=13,SNP=10,PC=4,Green=2,Oth=19",
    ];

    [Fact]
    public async Task Backtest_2024WithTheExitPoll_PrintsEveryCheckpointAndEveryProjection()
    {
        var (exitCode, output, error) = await CliRun.InvokeAsync(Files2024);

        Assert.True(exitCode == 0, error);
        var lines = output.Split('\n', StringSplitOptions.TrimEntries);
        Assert.Contains(lines, l => l.StartsWith("final", StringComparison.Ordinal) && l.Contains("411", StringComparison.Ordinal) && l.Contains("121", StringComparison.Ordinal));
        foreach (var declared in new[] { "25", "50", "100", "200", "400", "600" })
        {
            Assert.Contains(lines, l => l.StartsWith(declared + " ", StringComparison.Ordinal) && l.Contains("uniform swing", StringComparison.Ordinal));
        }

        Assert.Equal(6, lines.Count(l => l.Contains("model, no exit poll", StringComparison.Ordinal)));
        Assert.Equal(6, lines.Count(l => l.StartsWith("range", StringComparison.Ordinal)));

        // The exit poll alone: Lab 410 (−1), Con 131 (+10), … 38 seats out in all.
        Assert.Equal(6, lines.Count(l => l.StartsWith("exit poll alone", StringComparison.Ordinal) && l.EndsWith("38", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Backtest_DemoInRandomOrders_PrintsTheSpread()
    {
        var (exitCode, output, error) = await CliRun.InvokeAsync("backtest", "--demo", "--order", "random", "--seeds", "3");

        Assert.True(exitCode == 0, error);
        Assert.Contains("3 random declaration orders (seeds 1-3)", output, StringComparison.Ordinal);
        Assert.Contains("exit poll (synthetic)", output, StringComparison.Ordinal);
        Assert.Contains(output.Split('\n'), l => l.StartsWith("600", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Backtest_MalformedExitPoll_FailsNamingTheOption()
    {
        var (exitCode, _, error) = await CliRun.InvokeAsync([.. Files2024[..^1], "Lab=lots"]);

        Assert.Equal(2, exitCode);
        Assert.Contains("--exit-poll", error, StringComparison.Ordinal);
        Assert.Contains("Lab=lots", error, StringComparison.Ordinal);
    }
}
