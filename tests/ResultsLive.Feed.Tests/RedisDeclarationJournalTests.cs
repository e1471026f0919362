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
    public async Task Append_Entries_AreStreamEntriesWhoseIdsAreTheSequences()
    {
        await Journal.AppendDeclarationAsync(Declare(Election, AlphaNorth, 1, 21_000, 14_000, 3_000, 1_000), Ct);
        await Journal.AppendStatusAsync(BetaSouth, SeatStatus.Counting, Ct);

        var db = _connections[0].GetDatabase();
        var prefix = $"resultslive:{{{_electionId}}}:";
        var stream = await db.StreamRangeAsync(prefix + "journal");
        Assert.Equal(["0-1", "0-2"], stream.Select(e => (string)e.Id!));
        Assert.Equal("declaration", (string?)stream[0]["kind"]);
        Assert.Equal("2", (string?)await db.StringGetAsync(prefix + "seq"));
        Assert.Equal("1", (string?)await db.HashGetAsync(prefix + "revisions", AlphaNorth));
        Assert.StartsWith("1|{", (string?)await db.HashGetAsync(prefix + "bodies", AlphaNorth + "#1"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tail_OwnAppends_AreNotReadBackFromRedisButOtherNodesAppendsAre()
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var tail = Journal.TailAsync(0, stop.Token).GetAsyncEnumerator(stop.Token);
        var next = tail.MoveNextAsync();
        await Task.Delay(200, Ct); // the tail's first read has found nothing; it waits
        await using var admin = await ConnectionMultiplexer.ConnectAsync(redis.Server.ConnectionString + ",allowAdmin=true");
        var server = admin.GetServer(admin.GetEndPoints()[0]);
        var readsBefore = await StreamReadsAsync(server);

        for (var i = 1; i <= 10; i++)
        {
            var sequence = i % 2 == 0
                ? await Journal.AppendStatusAsync(AlphaNorth, SeatStatus.Counting, Ct)
                : (await Journal.AppendDeclarationAsync(Declare(Election, AlphaNorth, i, 21_000, 14_000, 3_000, i), Ct)).Sequence;
            Assert.True(await next.AsTask().WaitAsync(Ct));
            Assert.Equal(sequence, tail.Current.Sequence);
            next = tail.MoveNextAsync();
        }

        var readsAfterOwn = await StreamReadsAsync(server);
        var foreign = await OtherNode.AppendStatusAsync(BetaSouth, SeatStatus.Counting, Ct);
        Assert.True(await next.AsTask().WaitAsync(Ct));
        Assert.Equal((foreign, BetaSouth), (tail.Current.Sequence, tail.Current.Constituency));
        next = tail.MoveNextAsync();

        // INFO's own counters: ten own appends took no XRANGE (a quiet second's poll may add one), another node's took one.
        Assert.InRange(readsAfterOwn - readsBefore, 0, 1);
        Assert.InRange(await StreamReadsAsync(server) - readsAfterOwn, 1, 2);
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
                Assert.Equal(AppendOutcome.Appended, (await journal.AppendDeclarationAsync(declaration, Ct)).Outcome);
                appended.Add(declaration);
            }

            Assert.Equal(4, await journal.AppendStatusAsync(GammaVale, SeatStatus.Recount, Ct));

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
        Assert.Equal(new AppendResult(AppendOutcome.Repeated, 2, 1), await reopened.AppendDeclarationAsync(appended[1], Ct));
        Assert.Equal(AppendOutcome.Conflict, (await reopened.AppendDeclarationAsync(appended[1] with { InvalidVotes = 1 }, Ct)).Outcome);
        Assert.Equal(5, await reopened.AppendStatusAsync(GammaVale, SeatStatus.Counting, Ct));
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
        var failing = Enumerable.Range(1, 5).Select(r => journal.AppendDeclarationAsync(Declare(Election, BetaSouth, r, 20_000, 9_000, 6_000), Ct)).ToList();
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
                result = await journal.AppendDeclarationAsync(again, Ct);
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

    protected override async Task<IDeclarationJournal> CreateNodeAsync()
    {
        var connection = await ConnectionMultiplexer.ConnectAsync(redis.Server.ConnectionString);
        _connections.Add(connection);
        return new RedisDeclarationJournal(connection, _electionId);
    }
}
