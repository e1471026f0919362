using Microsoft.Extensions.Diagnostics.HealthChecks;

using ResultsLive.Core.Model;

using StackExchange.Redis;

using static ResultsLive.Feed.Tests.TestElection;

namespace ResultsLive.Feed.Tests;

/// <summary>
/// Entries that no node can decode or apply, written into the stream by hand between good ones: one rule for all of them.
/// Every node quarantines the same sequences, the results are those of the good entries alone, and readiness stays up.
/// </summary>
public sealed class PoisonEntryTests(RedisFixture redis) : IClassFixture<RedisFixture>, IDisposable
{
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(60));
    private readonly Election _election = Create();

    private CancellationToken Ct => _timeout.Token;

    public void Dispose() => _timeout.Dispose();

    [Fact]
    public async Task Consumers_PoisonEntriesBetweenGoodOnes_EveryNodeQuarantinesTheSameAndComputesTheRest()
    {
        var electionId = "poison-" + Guid.NewGuid().ToString("N");
        await using var connectionA = await ConnectionMultiplexer.ConnectAsync(redis.Server.ConnectionString);
        var journal = new RedisDeclarationJournal(connectionA, electionId);
        var following = new LiveResults(_election, "test");
        using var consumer = new JournalConsumer(journal, following, new ListLogger<JournalConsumer>());
        await consumer.StartAsync(Ct);
        await following.Ready.WaitAsync(Ct);

        var last = await WriteNightWithPoisonAsync(connectionA.GetDatabase(), journal, electionId);
        await following.WaitForSequenceAsync(last, Ct);
        await consumer.StopAsync(Ct);

        // A second node that starts afterwards rebuilds from the stream instead of following it.
        await using var connectionB = await ConnectionMultiplexer.ConnectAsync(redis.Server.ConnectionString);
        var starting = new LiveResults(_election, "test");
        using var later = new JournalConsumer(new RedisDeclarationJournal(connectionB, electionId), starting, new ListLogger<JournalConsumer>());
        await later.StartAsync(Ct);
        await starting.Ready.WaitAsync(Ct);
        await later.StopAsync(Ct);

        var clean = await CleanNightAsync();
        var health = await new JournalHealthCheck(journal, following).CheckHealthAsync(new HealthCheckContext(), Ct);
        foreach (var node in new[] { following.Current, starting.Current })
        {
            Assert.Equal(9, node.Sequence);
            Assert.Equal([2L, 4, 6, 7], node.Quarantined.Select(q => q.Sequence));
            Assert.Equal(4, node.QuarantinedCount);
            Assert.Equal(SnapshotFingerprint.Results(clean), SnapshotFingerprint.Results(node));
            Assert.Equal(
                [JournalEntryKind.Declaration, JournalEntryKind.Quarantined, JournalEntryKind.Status, JournalEntryKind.Quarantined, JournalEntryKind.Declaration,
                 JournalEntryKind.Quarantined, JournalEntryKind.Quarantined, JournalEntryKind.Declaration, JournalEntryKind.ExitPoll],
                node.EntriesAfter(0, 100).Select(e => e.Kind));
        }

        Assert.Equal(following.Current.Quarantined, starting.Current.Quarantined);
        var reasons = following.Current.Quarantined.Select(q => q.Reason).ToList();
        Assert.Contains("cannot read the declaration", reasons[0], StringComparison.Ordinal);
        Assert.Contains("unknown kind 'tombstone'", reasons[1], StringComparison.Ordinal);
        Assert.Contains("not a constituency of this election", reasons[2], StringComparison.Ordinal);
        Assert.Contains("overflow", reasons[3], StringComparison.Ordinal);
        Assert.Equal(HealthStatus.Degraded, health.Status);
        Assert.Equal(4, health.Data["quarantined"]);
        Assert.StartsWith("4 journal entries quarantined, the latest 7", health.Description, StringComparison.Ordinal);
    }

    /// <summary>
    /// Good entries through the journal, poison ones straight into the stream with the next sequence, as a damaged or
    /// foreign writer would leave them: garbage, an unknown kind, a seat of another election, figures that overflow.
    /// </summary>
    private async Task<long> WriteNightWithPoisonAsync(IDatabase db, RedisDeclarationJournal journal, string electionId)
    {
        var prefix = $"resultslive:{{{electionId}}}:";
        var now = DateTimeOffset.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        async Task PoisonAsync(string kind, string constituency, string body) =>
            await db.ScriptEvaluateAsync(
                """
                local seq = redis.call('INCR', KEYS[2])
                redis.call('XADD', KEYS[1], '0-' .. seq, 'v', '1', 'kind', ARGV[1], 'constituency', ARGV[2], 'recordedAt', ARGV[3], 'source', 'key:rogue', 'body', ARGV[4])
                redis.call('PUBLISH', ARGV[5], seq .. ' rogue')
                return seq
                """,
                [prefix + "journal", prefix + "seq"],
                [kind, constituency, now, body, prefix + "appended"]);

        var unknownSeat = Declare(_election, BetaSouth, 1, 20_000, 9_000, 6_000) with { Constituency = "W07000001" };
        var overflowing = Declare(_election, BetaSouth, 1, int.MaxValue, int.MaxValue, 1);
        await journal.AppendDeclarationAsync(Declare(_election, AlphaNorth, 1, 21_000, 14_000, 3_000, 1_000), Sent, Ct);
        await PoisonAsync("declaration", BetaSouth, "{{{ not json");
        await journal.AppendStatusAsync(BetaSouth, SeatStatus.Counting, Sent, Ct);
        await PoisonAsync("tombstone", GammaVale, "{}");
        await journal.AppendDeclarationAsync(Declare(_election, BetaSouth, 1, 20_000, 9_000, 6_000), Sent, Ct);
        await PoisonAsync("declaration", "W07000001", JournalFormat.EncodeDeclaration(unknownSeat));
        await PoisonAsync("declaration", BetaSouth, JournalFormat.EncodeDeclaration(overflowing));
        await journal.AppendDeclarationAsync(Declare(_election, GammaVale, 1, 20_000, 9_000, 6_000), Sent, Ct);
        return await journal.AppendExitPollAsync(new ExitPoll([new("Lab", 410), new("Con", 131)], "exit poll", Night), Sent, Ct);
    }

    /// <summary>The same night without the poison.</summary>
    private async Task<LiveSnapshot> CleanNightAsync()
    {
        var journal = new InMemoryDeclarationJournal();
        await journal.AppendDeclarationAsync(Declare(_election, AlphaNorth, 1, 21_000, 14_000, 3_000, 1_000), Sent, Ct);
        await journal.AppendStatusAsync(BetaSouth, SeatStatus.Counting, Sent, Ct);
        await journal.AppendDeclarationAsync(Declare(_election, BetaSouth, 1, 20_000, 9_000, 6_000), Sent, Ct);
        await journal.AppendDeclarationAsync(Declare(_election, GammaVale, 1, 20_000, 9_000, 6_000), Sent, Ct);
        await journal.AppendExitPollAsync(new ExitPoll([new("Lab", 410), new("Con", 131)], "exit poll", Night), Sent, Ct);
        var live = new LiveResults(_election, "test");
        live.ApplyBatch(await journal.ReadAfterAsync(0, 100, Ct).ToListAsync(Ct));
        return live.Current;
    }
}
