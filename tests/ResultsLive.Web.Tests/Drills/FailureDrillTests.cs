using Xunit.Abstractions;

namespace ResultsLive.Web.Tests.Drills;

/// <summary>
/// The election-night drill in the suite's size: the whole 2024 night through two web nodes in their own processes, with
/// the Redis primary SIGKILLed and then a web node SIGKILLed and restarted in the same replay (the tool,
/// tests/ResultsLive.Drills, runs each failure on its own, at seat 300, and the network to Redis cut for 10 s; the suite
/// checks a cut on one node in Feed/JournalOutageTests). Nothing acknowledged may be lost, and every open stream must show
/// the last declaration within 5 s.
/// </summary>
public sealed class FailureDrillTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Replay_PrimaryKilledThenWebNodeKilled_NothingAcknowledgedLostAndEveryStreamCatchesUp()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        using var log = new StringWriter();

        var figures = await FailureDrill.RunAsync(
            [new DrillStep(DrillFailure.PrimaryKilled, 150), new DrillStep(DrillFailure.WebNodeKilled, 400)],
            new DrillSettings { DownAfter = TimeSpan.FromSeconds(1) },
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
    }
}
