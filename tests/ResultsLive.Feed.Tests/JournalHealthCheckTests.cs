using Microsoft.Extensions.Diagnostics.HealthChecks;

using ResultsLive.Core.Model;

namespace ResultsLive.Feed.Tests;

public sealed class JournalHealthCheckTests
{
    [Fact]
    public async Task CheckHealth_NodeStillRebuilding_IsDegradedUntilCaughtUp()
    {
        var journal = new InMemoryDeclarationJournal();
        await journal.AppendStatusAsync(TestElection.AlphaNorth, SeatStatus.Counting, TestElection.Sent, CancellationToken.None);
        var live = new LiveResults(TestElection.Create(), "test");
        var check = new JournalHealthCheck(journal, live);

        var rebuilding = await check.CheckHealthAsync(new HealthCheckContext());
        live.ApplyBatch(await journal.ReadAfterAsync(0, 100, CancellationToken.None).ToListAsync());
        live.MarkCaughtUp();
        var caughtUp = await check.CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Degraded, rebuilding.Status);
        Assert.Equal(HealthStatus.Healthy, caughtUp.Status);
        Assert.Equal((1L, 1L), ((long)caughtUp.Data["journalSequence"], (long)caughtUp.Data["appliedSequence"]));
    }
}
