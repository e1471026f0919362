using Xunit.Abstractions;

namespace ResultsLive.Web.Tests.Drills;

/// <summary>
/// The election-night drill in the suite's size: the whole 2024 night through two web nodes in their own processes, with
/// the Redis primary SIGKILLed and then web node A SIGKILLed and restarted in the same replay (the tool,
/// tests/ResultsLive.Drills, runs each failure on its own, at seat 300, as well as a graceful restart of A and the network
/// to Redis cut for 10 s; the suite checks a cut on one node in Feed/JournalOutageTests). Nothing acknowledged may be lost,
/// and everything open on the nodes (a stream and a hub client on each, the home page and a graphics output on A) must
/// show the last declaration within 5 s, having come back by itself from A's restart.
/// </summary>
public sealed class FailureDrillTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Replay_PrimaryKilledThenWebNodeKilled_NothingAcknowledgedLostAndEveryFollowerCatchesUp()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        using var log = new StringWriter();

        var figures = await FailureDrill.RunAsync(
            [new DrillStep(DrillFailure.PrimaryKilled, 150), new DrillStep(DrillFailure.WebNodeKilled, 400)],
            new DrillSettings { DownAfter = TimeSpan.FromSeconds(1), Pages = ["/embed/ticker"] },
            TextWriter.Synchronized(log),
            timeout.Token);
        output.WriteLine(log.ToString());
        output.WriteLine(figures.ToString());

        Assert.Empty(figures.Problems);
        Assert.Equal(0, figures.AcknowledgedLost);
        Assert.Equal(650, figures.JournalEntries);
        Assert.Equal(0, figures.SequenceGaps);
        Assert.Equal(650, figures.Accepted + figures.Repeated);

        // The failures were felt: the client was turned away and sent again, and the Sentinels did fail over.
        Assert.True(figures.Retries > 0, "the replay never had to retry: no failure reached it");
        Assert.NotNull(figures.FailoverSeconds);
        Assert.NotNull(figures.NodeBackSeconds);

        // Everything open on A lost its node and came back by itself.
        var viewers = figures.Viewers.ToDictionary(v => v.Viewer, v => v.Reconnects);
        Assert.Equal(["stream A", "stream B", "hub A", "hub B", "page A /embed/ticker", "output A"], viewers.Keys);
        Assert.All(viewers.Where(v => v.Key.EndsWith(" A", StringComparison.Ordinal)), v => Assert.True(v.Value > 0, $"{v.Key} never reconnected"));
    }
}
