using Microsoft.Extensions.Time.Testing;

using ResultsLive.Core.Model;

using StackExchange.Redis;

using static ResultsLive.Feed.Tests.TestElection;

namespace ResultsLive.Feed.Tests;

/// <summary>
/// The journal contract against a real redis-server (one per class), each test under its own election id; plus what only
/// Redis has: the stream layout, durability across a SIGKILL, and reporting an unreachable server.
/// </summary>
public sealed class RedisDeclarationJournalTests(RedisFixture redis) : DeclarationJournalContract, IClassFixture<RedisFixture>
{
    private readonly string _electionId = "test-" + Guid.NewGuid().ToString("N");
    private readonly List<ConnectionMultiplexer> _connections = [];

    protected override string ExpectedKind => "redis";

    public override async Task DisposeAsync()
    {
        foreach (var connection in _connections)
        {
            await connection.DisposeAsync();
        }

        await base.DisposeAsync();
    }

    [Fact]
    public async Task Append_Entries_AreVersionedStreamEntriesWhoseIdsAreTheSequences()
    {
        var declaration = Declare(Election, AlphaNorth, 1, 21_000, 14_000, 3_000, 1_000);
        await Journal.AppendDeclarationAsync(declaration, Sent, Ct);
        await Journal.AppendStatusAsync(BetaSouth, SeatStatus.Counting, Provenance.User("bob", "checked with the count"), Ct);

        var db = _connections[0].GetDatabase();
        var prefix = $"resultslive:{{{_electionId}}}:";
        var stream = await db.StreamRangeAsync(prefix + "journal");
        Assert.Equal(["0-1", "0-2"], stream.Select(e => (string)e.Id!));
        Assert.Equal(
            ["v=1", "kind=declaration", $"constituency={AlphaNorth}", "source=key:test-feed"],
            stream[0].Values.Where(v => v.Name != "recordedAt" && v.Name != "body").Select(v => $"{v.Name}={v.Value}"));
        Assert.Equal(
            ["v=1", "kind=status", $"constituency={BetaSouth}", "source=user:bob", "reason=checked with the count", "status=counting"],
            stream[1].Values.Where(v => v.Name != "recordedAt").Select(v => $"{v.Name}={v.Value}"));
        Assert.StartsWith("{\"constituency\":\"E14000001\",\"revision\":1,", (string?)stream[0]["body"], StringComparison.Ordinal);
        Assert.Equal("2", (string?)await db.StringGetAsync(prefix + "seq"));
        Assert.Equal("1", (string?)await db.HashGetAsync(prefix + "revisions", AlphaNorth));

        // The identity, not the body: 64 hex digits of SHA-256 where the whole canonical JSON used to be.
        Assert.Equal($"1|{JournalFormat.Identity(declaration)}", (string?)await db.HashGetAsync(prefix + "bodies", AlphaNorth + "#1"));
        Assert.Matches("^1\\|[0-9a-f]{64}$", (string?)await db.HashGetAsync(prefix + "bodies", AlphaNorth + "#1"));
    }

    [Fact]
    public async Task Epoch_CreatedWithTheFirstEntry_AndANewOneWhenTheJournalIsDeleted()
    {
        var db = _connections[0].GetDatabase();
        var prefix = $"resultslive:{{{_electionId}}}:";
        Assert.Null((await Journal.CheckAsync(Ct)).Epoch);

        await Journal.AppendDeclarationAsync(Declare(Election, AlphaNorth, 1, 21_000, 14_000, 3_000, 1_000), Sent, Ct);
        var created = (string?)await db.StringGetAsync(prefix + "epoch");
        var position = await OtherNode.GetPositionAsync(Ct);

        await db.KeyDeleteAsync([prefix + "journal", prefix + "seq", prefix + "revisions", prefix + "bodies", prefix + "epoch"]);
        var afterDeletion = await OtherNode.GetPositionAsync(Ct);
        await Journal.AppendStatusAsync(AlphaNorth, SeatStatus.Counting, Sent, Ct);

        Assert.NotNull(created);
        Assert.Equal(new JournalPosition(created, 1), position);
        Assert.NotEqual(created, afterDeletion.Epoch);
        Assert.Equal(new JournalPosition(afterDeletion.Epoch, 1), await Journal.GetPositionAsync(Ct));
    }

    [Fact]
    public async Task Read_EntryAddedWithAnIdThatIsNoSequence_IsNotTheJournalsAndIsSkipped()
    {
        await Journal.AppendStatusAsync(AlphaNorth, SeatStatus.Counting, Sent, Ct);
        var db = _connections[0].GetDatabase();
        await db.StreamAddAsync($"resultslive:{{{_electionId}}}:journal", "kind", "declaration");

        var entries = await ReadAllAsync(OtherNode);

        Assert.Equal([1L], entries.Select(e => e.Sequence));
    }

    [Fact]
    public async Task Tail_OwnAppends_AreNotReadBackFromRedisButOtherNodesAppendsAre()
    {
        // The node's clock never moves, so it never polls: every read Redis counts is one the tail chose to make.
        var node = await CreateNodeAsync(new FakeTimeProvider());
        await using var admin = await ConnectionMultiplexer.ConnectAsync(redis.Server.ConnectionString + ",allowAdmin=true");
        var server = admin.GetServer(admin.GetEndPoints()[0]);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var tail = node.TailAsync(0, stop.Token).GetAsyncEnumerator(stop.Token);
        var next = tail.MoveNextAsync();
        long readsBefore = 0;

        for (var i = 1; i <= 10; i++)
        {
            var sequence = i % 2 == 0
                ? await node.AppendStatusAsync(AlphaNorth, SeatStatus.Counting, Sent, Ct)
                : (await node.AppendDeclarationAsync(Declare(Election, AlphaNorth, i, 21_000, 14_000, 3_000, i), Sent, Ct)).Sequence;
            Assert.True(await next.AsTask().WaitAsync(Ct));
            Assert.Equal(sequence, tail.Current.Sequence);
            next = tail.MoveNextAsync();

            // The tail read the stream once on its way to waiting for the second entry; from here on it only waits.
            if (i == 2)
            {
                readsBefore = await StreamReadsAsync(server);
            }
        }

        var readsAfterOwn = await StreamReadsAsync(server);
        var foreign = await OtherNode.AppendStatusAsync(BetaSouth, SeatStatus.Counting, Sent, Ct);
        Assert.True(await next.AsTask().WaitAsync(Ct));
        Assert.Equal((foreign, BetaSouth), (tail.Current.Sequence, tail.Current.Constituency));
        next = tail.MoveNextAsync();

        // INFO's own counters: eight own appends took no XRANGE, another node's took one.
        Assert.Equal(readsBefore, readsAfterOwn);
        Assert.Equal(readsAfterOwn + 1, await StreamReadsAsync(server));
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => next.AsTask());
        await tail.DisposeAsync();
    }

    [Fact]
    public async Task Append_Acknowledged_SurvivesRedisKilledAndRestartedOnItsDataDirectory()
    {
        await using var server = await RedisServer.StartAsync(Ct);
        var electionId = "durable-" + Guid.NewGuid().ToString("N");
        var appended = new List<Declaration>();
        await using (var connection = await ConnectionMultiplexer.ConnectAsync(server.ConnectionString))
        {
            var journal = new RedisDeclarationJournal(connection, electionId);
            foreach (var (code, votes) in new[] { (AlphaNorth, new[] { 21_000, 14_000, 3_000, 1_000 }), (BetaSouth, [20_000, 9_000, 6_000]), (DeltaFirth, [18_000, 15_000, 5_000]) })
            {
                var declaration = Declare(Election, code, 1, votes);
                Assert.Equal(AppendOutcome.Appended, (await journal.AppendDeclarationAsync(declaration, Sent, Ct)).Outcome);
                appended.Add(declaration);
            }

            Assert.Equal(4, await journal.AppendStatusAsync(GammaVale, SeatStatus.Recount, Sent, Ct));

            // SIGKILL straight after the acknowledgements: no shutdown, no final fsync, nothing but what is already on disk.
            await server.KillAsync();
        }

        await server.RestartAsync(Ct);

        await using var again = await ConnectionMultiplexer.ConnectAsync(server.ConnectionString);
        var reopened = new RedisDeclarationJournal(again, electionId);
        var entries = await reopened.ReadAfterAsync(0, 100, Ct).ToListAsync(Ct);
        Assert.Equal([1L, 2L, 3L, 4L], entries.Select(e => e.Sequence));
        Assert.Equal(appended.Select(d => d.Constituency), entries.Take(3).Select(e => e.Declaration!.Constituency));
        Assert.Equal(appended[2].Candidates, entries[2].Declaration!.Candidates);
        Assert.Equal(SeatStatus.Recount, entries[3].Status);

        // The idempotency state came back too: a retry is still a repeat, and sequences carry on.
        Assert.Equal(new AppendResult(AppendOutcome.Repeated, 2, 1), await reopened.AppendDeclarationAsync(appended[1], Sent, Ct));
        Assert.Equal(AppendOutcome.Conflict, (await reopened.AppendDeclarationAsync(appended[1] with { InvalidVotes = 1 }, Sent, Ct)).Outcome);
        Assert.Equal(5, await reopened.AppendStatusAsync(GammaVale, SeatStatus.Counting, Sent, Ct));
    }

    [Fact]
    public async Task RedisConf_ServerUnderTest_FsyncsTheAppendOnlyFileOnEveryWrite()
    {
        await using var admin = await ConnectionMultiplexer.ConnectAsync(redis.Server.ConnectionString + ",allowAdmin=true");
        var server = admin.GetServer(admin.GetEndPoints()[0]);

        var settings = (await server.ConfigGetAsync("*")).ToDictionary(p => p.Key, p => p.Value);

        Assert.Equal(("yes", "always", "", "noeviction"), (settings["appendonly"], settings["appendfsync"], settings["save"], settings["maxmemory-policy"]));
    }

    [Fact]
    public async Task Check_ServerDown_ReportsUnreachable()
    {
        await using var server = await RedisServer.StartAsync(Ct);
        await using var connection = await ConnectionMultiplexer.ConnectAsync(server.ConnectionString + ",asyncTimeout=1000,connectTimeout=1000");
        var journal = new RedisDeclarationJournal(connection, _electionId);
        Assert.True((await journal.CheckAsync(Ct)).Reachable);

        await server.KillAsync();
        var health = await journal.CheckAsync(Ct);

        Assert.False(health.Reachable);
        Assert.Equal("redis", health.Kind);
        Assert.Contains("unreachable", health.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AppendDeclaration_RedisDownThenBack_FailsWhatWasWaitingThenAppendsAgain()
    {
        await using var server = await RedisServer.StartAsync(Ct);
        await using var connection = await ConnectionMultiplexer.ConnectAsync(server.ConnectionString + ",asyncTimeout=1000,connectTimeout=1000");
        var journal = new RedisDeclarationJournal(connection, _electionId);
        await server.KillAsync();

        // Several at once, so they share the failed calls: each caller must get the error, none may hang.
        var failing = Enumerable.Range(1, 5).Select(r => journal.AppendDeclarationAsync(Declare(Election, BetaSouth, r, 20_000, 9_000, 6_000), Sent, Ct)).ToList();
        foreach (var append in failing)
        {
            await Assert.ThrowsAnyAsync<Exception>(() => append.WaitAsync(Ct));
        }

        await server.RestartAsync(Ct);

        // The sender did not stay stuck on the failure: once the connection is back, appends go through. A resend is how
        // a client recovers (an attempt that timed out may still have landed, and then the resend is a repeat).
        var again = Declare(Election, BetaSouth, 6, 20_000, 9_000, 6_000);
        AppendResult? result = null;
        while (result is null)
        {
            try
            {
                result = await journal.AppendDeclarationAsync(again, Sent, Ct);
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                await Task.Delay(100, Ct);
            }
        }

        Assert.Contains(result.Outcome, new[] { AppendOutcome.Appended, AppendOutcome.Repeated });
        var entries = await journal.ReadAfterAsync(0, 100, Ct).ToListAsync(Ct);
        Assert.Equal(6, Assert.Single(entries).Declaration!.Revision);
    }

    [Fact]
    public void Constructor_ElectionIdWithBraces_Throws()
    {
        Assert.Throws<ArgumentException>(() => new RedisDeclarationJournal(_connections[0], "ge{2024}"));
    }

    /// <summary>How many XRANGE commands the server has run (INFO commandstats).</summary>
    private static async Task<long> StreamReadsAsync(IServer server)
    {
        var stats = await server.InfoAsync("commandstats");
        var xrange = stats.SelectMany(g => g).FirstOrDefault(p => p.Key == "cmdstat_xrange").Value;
        if (xrange is null)
        {
            return 0;
        }

        // "calls=12,usec=…"
        var calls = xrange.Split(',')[0];
        return long.Parse(calls["calls=".Length..], System.Globalization.CultureInfo.InvariantCulture);
    }

    protected override async Task<IDeclarationJournal> CreateNodeAsync(TimeProvider time)
    {
        var connection = await ConnectionMultiplexer.ConnectAsync(redis.Server.ConnectionString);
        _connections.Add(connection);
        return new RedisDeclarationJournal(connection, _electionId, time);
    }
}
