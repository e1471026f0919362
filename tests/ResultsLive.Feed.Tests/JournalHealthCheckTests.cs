using Microsoft.Extensions.Diagnostics.HealthChecks;

using ResultsLive.Core.Model;

namespace ResultsLive.Feed.Tests;

public sealed class JournalHealthCheckTests
{
    [Fact]
    public async Task CheckHealth_NodeStillRebuilding_IsNotReadyUntilCaughtUp()
    {
        var journal = new InMemoryDeclarationJournal();
        await journal.AppendStatusAsync(TestElection.AlphaNorth, SeatStatus.Counting, TestElection.Sent, CancellationToken.None);
        var live = new LiveResults(TestElection.Create(), "test");
        var check = new JournalHealthCheck(journal, live);

        var rebuilding = await check.CheckHealthAsync(new HealthCheckContext());
        live.ApplyBatch(await journal.ReadAfterAsync(0, 100, CancellationToken.None).ToListAsync());
        live.MarkCaughtUp();
        var caughtUp = await check.CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Unhealthy, rebuilding.Status);
        Assert.Equal(HealthStatus.Healthy, caughtUp.Status);
        Assert.Equal((1L, 1L), ((long)caughtUp.Data["journalSequence"], (long)caughtUp.Data["appliedSequence"]));
    }

    [Fact]
    public async Task CheckHealth_QuarantinedEntries_IsDegradedWithTheCountButNotUnhealthy()
    {
        var journal = new InMemoryDeclarationJournal();
        var live = new LiveResults(TestElection.Create(), "test");
        var script = new JournalScript(live.Election);
        live.Reset((await journal.GetPositionAsync(CancellationToken.None)).Epoch, [script.Status(TestElection.AlphaNorth, SeatStatus.Counting)]);
        live.MarkCaughtUp();
        var healthy = await new JournalHealthCheck(journal, live).CheckHealthAsync(new HealthCheckContext());

        live.Apply(script.Unreadable(TestElection.BetaSouth, "unknown kind 'tombstone'"));
        live.Apply(script.Unreadable(TestElection.GammaVale, "cannot read the declaration"));
        var degraded = await new JournalHealthCheck(journal, live).CheckHealthAsync(new HealthCheckContext());

        Assert.Equal((HealthStatus.Healthy, 0), (healthy.Status, (int)healthy.Data["quarantined"]));
        Assert.Equal((HealthStatus.Degraded, 2), (degraded.Status, (int)degraded.Data["quarantined"]));
        Assert.Equal("2 journal entries quarantined, the latest 3: cannot read the declaration", degraded.Description);
        Assert.Equal(live.Current.Epoch, degraded.Data["appliedEpoch"]);
        Assert.Equal(degraded.Data["epoch"], degraded.Data["appliedEpoch"]);
    }
}
