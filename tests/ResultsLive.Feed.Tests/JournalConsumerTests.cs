using Microsoft.Extensions.Logging;

using ResultsLive.Core.Model;

using StackExchange.Redis;

using static ResultsLive.Feed.Tests.TestElection;

namespace ResultsLive.Feed.Tests;

public sealed class JournalConsumerTests(RedisFixture redis) : IClassFixture<RedisFixture>, IDisposable
{
    private static readonly string[] KeyNames = ["journal", "seq", "revisions", "bodies", "epoch"];

    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(60));
    private readonly Election _election = Create();

    private CancellationToken Ct => _timeout.Token;

    public void Dispose() => _timeout.Dispose();

    [Fact]
    public async Task Consumer_RestartedNodeOverRedis_RebuildsExactlyTheStateItHadLive()
    {
        var electionId = "consumer-" + Guid.NewGuid().ToString("N");
        await using var nodeA = await ConnectionMultiplexer.ConnectAsync(redis.Server.ConnectionString);
        var journal = new RedisDeclarationJournal(nodeA, electionId);
        var live = new LiveResults(_election, "test");
        long last;
        using (var consumer = new JournalConsumer(journal, live, new ListLogger<JournalConsumer>()))
        {
            await consumer.StartAsync(Ct);
            await live.Ready.WaitAsync(Ct);

            // Fed live, entry by entry through the tail, including the no-ops ingest answers with 200 or 409.
            last = await IngestNightAsync(journal);
            await live.WaitForSequenceAsync(last, Ct);
            await consumer.StopAsync(Ct);
        }

        await using var nodeB = await ConnectionMultiplexer.ConnectAsync(redis.Server.ConnectionString);
        var rebuilt = new LiveResults(_election, "test");
        using var restarted = new JournalConsumer(new RedisDeclarationJournal(nodeB, electionId), rebuilt, new ListLogger<JournalConsumer>());
        await restarted.StartAsync(Ct);
        await rebuilt.Ready.WaitAsync(Ct);
        await restarted.StopAsync(Ct);

        Assert.Equal(9, last);
        Assert.Equal(last, rebuilt.Current.Sequence);
        Assert.Equal(3, live.Current.National.Declared);
        Assert.Equal(SnapshotFingerprint.Of(live.Current), SnapshotFingerprint.Of(rebuilt.Current));
    }

    [Fact]
    public async Task Consumer_InMemoryJournalWithEntries_RebuildsBeforeReadyThenTails()
    {
        var journal = new InMemoryDeclarationJournal();
        var ingested = await IngestNightAsync(journal);
        var live = new LiveResults(_election, "demo");
        using var consumer = new JournalConsumer(journal, live, new ListLogger<JournalConsumer>());

        await consumer.StartAsync(Ct);
        await live.Ready.WaitAsync(Ct);
        var atReady = live.Current;
        var sequence = await journal.AppendStatusAsync(DeltaFirth, SeatStatus.Counting, Sent, Ct);
        await live.WaitForSequenceAsync(sequence, Ct);
        await consumer.StopAsync(Ct);

        Assert.Equal((ingested, 3), (atReady.Sequence, atReady.National.Declared));
        Assert.Equal(SeatStatus.Declared, atReady.Status(DeltaFirth));
        Assert.Equal(SeatStatus.Counting, live.Current.Status(DeltaFirth));
        Assert.True(consumer.ExecuteTask!.IsCompleted);
    }

    [Fact]
    public async Task Consumer_RedisKilledWhileTailing_LogsRetriesAndCarriesOnAfterRestart()
    {
        await using var server = await RedisServer.StartAsync(Ct);
        var electionId = "outage-" + Guid.NewGuid().ToString("N");
        var options = ConfigurationOptions.Parse(server.ConnectionString + ",asyncTimeout=1000");
        options.ReconnectRetryPolicy = new LinearRetry(100); // rather than wait out the default exponential backoff
        await using var node = await ConnectionMultiplexer.ConnectAsync(options);
        var live = new LiveResults(_election, "test");
        var logger = new ListLogger<JournalConsumer>();
        using var consumer = new JournalConsumer(new RedisDeclarationJournal(node, electionId), live, logger);
        await consumer.StartAsync(Ct);
        var before = await new RedisDeclarationJournal(node, electionId).AppendDeclarationAsync(Declare(_election, AlphaNorth, 1, 21_000, 14_000, 3_000, 1_000), Sent, Ct);
        await live.WaitForSequenceAsync(before.Sequence, Ct);

        await server.KillAsync();
        while (!logger.Entries.Any(e => e.Level == LogLevel.Error))
        {
            await Task.Delay(50, Ct);
        }

        await server.RestartAsync(Ct);
        await using var ingest = await ConnectionMultiplexer.ConnectAsync(server.ConnectionString);
        var after = await new RedisDeclarationJournal(ingest, electionId).AppendDeclarationAsync(Declare(_election, BetaSouth, 1, 20_000, 9_000, 6_000), Sent, Ct);
        await live.WaitForSequenceAsync(after.Sequence, Ct);

        Assert.Equal(2, after.Sequence);
        Assert.Equal(2, live.Current.National.Declared);
        Assert.False(consumer.ExecuteTask!.IsCompleted);
        Assert.Contains(logger.Entries, e => e.Level == LogLevel.Error && e.Message.Contains("retrying", StringComparison.Ordinal));
        await consumer.StopAsync(Ct);
    }

    [Fact]
    public async Task Consumer_JournalDeletedWhileFollowing_RebuildsUnderTheNewEpochAndFollowersShowIt()
    {
        var electionId = "deleted-" + Guid.NewGuid().ToString("N");
        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.Server.ConnectionString);
        var journal = new RedisDeclarationJournal(connection, electionId);
        var live = new LiveResults(_election, "test");
        var logger = new ListLogger<JournalConsumer>();
        using var consumer = new JournalConsumer(journal, live, logger);
        await consumer.StartAsync(Ct);
        await live.Ready.WaitAsync(Ct);
        await live.WaitForSequenceAsync(await IngestNightAsync(journal), Ct);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var follower = new FeedFollower(live);
        var following = follower.RunAsync(stop.Token);
        var before = live.Current;

        await connection.GetDatabase().KeyDeleteAsync(Keys(electionId));

        // The night starts again through this same node, whose tail takes its own appends from memory: those must be the
        // new journal's entries, never the old ones it kept under the same sequence numbers.
        await journal.AppendDeclarationAsync(Declare(_election, DeltaFirth, 1, 18_000, 15_000, 5_000), Sent, Ct);
        var last = await journal.AppendStatusAsync(AlphaNorth, SeatStatus.Counting, Sent, Ct);
        await follower.ShowsAsync(s => s.Epoch != before.Epoch && s.Sequence == last).WaitAsync(Ct);

        var now = live.Current;
        var position = await journal.GetPositionAsync(Ct);
        await stop.CancelAsync();
        await following;
        await consumer.StopAsync(Ct);
        Assert.Equal((9L, 3), (before.Sequence, before.National.Declared));
        Assert.Equal(position, new JournalPosition(now.Epoch, 2));
        Assert.Equal((1, SeatStatus.Counting, (Core.Arithmetic.SeatResult?)null), (now.National.Declared, now.Status(AlphaNorth), now.Seat(AlphaNorth)));
        Assert.Equal(SnapshotFingerprint.Of(await RebuildAsync(electionId)), SnapshotFingerprint.Of(now));
        Assert.Contains(logger.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("Rebuilding the live results", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Consumer_RedisRestoredFromAnOlderCopy_RenewsTheEpochAndRebuildsFromWhatIsLeft()
    {
        var electionId = "restored-" + Guid.NewGuid().ToString("N");
        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.Server.ConnectionString);
        var db = connection.GetDatabase();
        var journal = new RedisDeclarationJournal(connection, electionId);
        var live = new LiveResults(_election, "test");
        using var consumer = new JournalConsumer(journal, live, new ListLogger<JournalConsumer>());
        await consumer.StartAsync(Ct);
        await live.Ready.WaitAsync(Ct);
        await journal.AppendStatusAsync(AlphaNorth, SeatStatus.Counting, Sent, Ct);
        await journal.AppendDeclarationAsync(Declare(_election, AlphaNorth, 1, 21_000, 14_000, 3_000, 1_000), Sent, Ct);
        var older = await Task.WhenAll(Keys(electionId).Select(k => db.KeyDumpAsync(k)));
        await journal.AppendDeclarationAsync(Declare(_election, BetaSouth, 1, 20_000, 9_000, 6_000), Sent, Ct);
        var correction = await journal.AppendDeclarationAsync(Declare(_election, AlphaNorth, 2, 12_000, 14_000, 3_000, 1_000), Sent, Ct);
        await live.WaitForSequenceAsync(correction.Sequence, Ct);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var follower = new FeedFollower(live);
        var following = follower.RunAsync(stop.Token);
        var before = live.Current;

        // Redis comes back from the older copy: the same epoch, but only two entries where the node applied four.
        var restore = db.CreateTransaction();
        _ = restore.KeyDeleteAsync(Keys(electionId));
        foreach (var (key, dump) in Keys(electionId).Zip(older))
        {
            _ = restore.KeyRestoreAsync(key, dump!);
        }

        Assert.True(await restore.ExecuteAsync());
        await follower.ShowsAsync(s => s.Epoch != before.Epoch).WaitAsync(Ct);
        var rebuilt = live.Current;
        var next = await journal.AppendDeclarationAsync(Declare(_election, GammaVale, 1, 20_000, 9_000, 6_000), Sent, Ct);
        await follower.ShowsAsync(s => s.Epoch == rebuilt.Epoch && s.Sequence == next.Sequence).WaitAsync(Ct);

        await stop.CancelAsync();
        await following;
        await consumer.StopAsync(Ct);
        Assert.Equal((4L, 2), (before.Sequence, before.National.Declared));
        Assert.Equal((2L, 1, 1), (rebuilt.Sequence, rebuilt.National.Declared, rebuilt.Seat(AlphaNorth)!.Revision));
        Assert.Null(rebuilt.Seat(BetaSouth));

        // Sequences 3 and 4 are reused by the restored journal, so they are never again named under the old epoch.
        Assert.NotEqual(before.Epoch, rebuilt.Epoch);
        Assert.Equal(new JournalPosition(rebuilt.Epoch, 3), await journal.GetPositionAsync(Ct));
        Assert.Equal((3L, 2), (live.Current.Sequence, live.Current.National.Declared));
        Assert.IsType<ProjectionResetException>(follower.Ended);
        Assert.Equal(SnapshotFingerprint.Of(await RebuildAsync(electionId)), SnapshotFingerprint.Of(live.Current));
    }

    /// <summary>Every key of one election's journal.</summary>
    private static RedisKey[] Keys(string electionId) => [.. KeyNames.Select(k => (RedisKey)$"resultslive:{{{electionId}}}:{k}")];

    /// <summary>What a node starting now builds from the journal.</summary>
    private async Task<LiveSnapshot> RebuildAsync(string electionId)
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.Server.ConnectionString);
        var live = new LiveResults(_election, "test");
        using var consumer = new JournalConsumer(new RedisDeclarationJournal(connection, electionId), live, new ListLogger<JournalConsumer>());
        await consumer.StartAsync(Ct);
        await live.Ready.WaitAsync(Ct);
        await consumer.StopAsync(Ct);
        return live.Current;
    }

    /// <summary>A night in miniature: statuses, declarations, a correction, a withdrawal, and the repeats that append nothing.</summary>
    private async Task<long> IngestNightAsync(IDeclarationJournal journal)
    {
        var alpha = Declare(_election, AlphaNorth, 1, 21_000, 14_000, 3_000, 1_000);
        await journal.AppendStatusAsync(AlphaNorth, SeatStatus.Counting, Sent, Ct);
        await journal.AppendDeclarationAsync(alpha, Sent, Ct);
        await journal.AppendStatusAsync(BetaSouth, SeatStatus.Counting, Sent, Ct);
        await journal.AppendDeclarationAsync(Declare(_election, BetaSouth, 1, 20_000, 9_000, 6_000), Sent, Ct);
        Assert.Equal(AppendOutcome.Repeated, (await journal.AppendDeclarationAsync(alpha, Sent, Ct)).Outcome);
        Assert.Equal(AppendOutcome.Conflict, (await journal.AppendDeclarationAsync(alpha with { InvalidVotes = 3 }, Sent, Ct)).Outcome);
        await journal.AppendDeclarationAsync(Declare(_election, GammaVale, 1, 20_000, 9_000, 6_000), Sent, Ct);
        await journal.AppendStatusAsync(AlphaNorth, SeatStatus.Recount, Sent, Ct);
        await journal.AppendDeclarationAsync(Declare(_election, AlphaNorth, 2, 12_000, 14_000, 3_000, 1_000), Sent, Ct);
        Assert.Equal(AppendOutcome.Stale, (await journal.AppendDeclarationAsync(alpha with { Electorate = 70_001 }, Sent, Ct)).Outcome);
        await journal.AppendDeclarationAsync(Declare(_election, DeltaFirth, 1, 18_000, 15_000, 5_000), Sent, Ct);
        return await journal.AppendStatusAsync(GammaVale, SeatStatus.Awaiting, Sent, Ct);
    }
}
