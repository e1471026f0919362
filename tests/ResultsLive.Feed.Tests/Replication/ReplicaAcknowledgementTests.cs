using System.Globalization;

using ResultsLive.Core.Model;

using StackExchange.Redis;

using static ResultsLive.Feed.Tests.TestElection;

namespace ResultsLive.Feed.Tests.Replication;

/// <summary>What acknowledgement by replicas changes: an entry no replica has is neither answered nor read, and WAITs are shared.</summary>
public sealed class ReplicaAcknowledgementTests : IAsyncLifetime, IDisposable
{
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(90));
    private readonly string _electionId = "acks-" + Guid.NewGuid().ToString("N");
    private readonly List<ConnectionMultiplexer> _connections = [];
    private readonly Election _election = Create();
    private RedisTopology _topology = null!;

    private CancellationToken Ct => _timeout.Token;

    private RedisServer Primary => _topology.Servers[0];

    private RedisServer Replica => _topology.Servers[1];

    public async Task InitializeAsync() => _topology = await RedisTopology.StartAsync(replicas: 1, sentinels: 0);

    public async Task DisposeAsync()
    {
        foreach (var connection in _connections)
        {
            await connection.DisposeAsync();
        }

        await _topology.DisposeAsync();
    }

    public void Dispose() => _timeout.Dispose();

    [Fact]
    public async Task Append_NoReplicaReachable_IsUnavailableAndUnreadUntilAReplicaHasIt()
    {
        var writer = await NodeAsync(TimeSpan.FromMilliseconds(300));
        var reader = await NodeAsync(TimeSpan.FromMilliseconds(300));
        await Replica.SuspendAsync();

        // A hung replica: the primary still counts it (min-replicas-to-write allows it 10 s of lag), so the entry is
        // stored, but it acknowledges nothing. The caller is told to try again, and no node reads the entry.
        await Assert.ThrowsAsync<JournalUnavailableException>(() => writer.AppendStatusAsync(AlphaNorth, SeatStatus.Counting, Sent, Ct));
        var db = _connections[0].GetDatabase();
        Assert.Equal(1, await db.StreamLengthAsync($"resultslive:{{{_electionId}}}:journal"));
        Assert.Empty(await reader.ReadAfterAsync(0, 10, Ct).ToListAsync(Ct));
        Assert.Empty(await writer.ReadAfterAsync(0, 10, Ct).ToListAsync(Ct));

        // Once a replica has it, it is as safe as any other entry: a node confirms it on a quiet second and it is read.
        using var tailing = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var tail = reader.TailAsync(0, tailing.Token).GetAsyncEnumerator(tailing.Token);
        var first = tail.MoveNextAsync().AsTask();
        await Replica.ResumeAsync();

        Assert.True(await first.WaitAsync(Ct));
        Assert.Equal((1L, SeatStatus.Counting), (tail.Current.Sequence, tail.Current.Status));
        await tailing.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await tail.MoveNextAsync());
        await tail.DisposeAsync();
    }

    [Fact]
    public async Task Append_BurstFromOneNode_SharesWaitsAsItSharesScriptCalls()
    {
        var journal = await NodeAsync(TimeSpan.FromSeconds(5));
        var election = Generated(300);
        var admin = await ConnectionMultiplexer.ConnectAsync(Primary.ConnectionString + ",allowAdmin=true");
        _connections.Add(admin);
        var server = admin.GetServer("127.0.0.1", Primary.Port);
        await server.ExecuteAsync("CONFIG", "RESETSTAT");

        var answers = await Task.WhenAll(Enumerable.Range(1, 300).Select(i =>
            journal.AppendDeclarationAsync(Declare(election, Code(i), 1, 20_000, 10_000), Sent, Ct)));

        Assert.All(answers, a => Assert.Equal(AppendOutcome.Appended, a.Outcome));
        Assert.Equal(Enumerable.Range(1, 300).Select(i => (long)i), answers.Select(a => a.Sequence).Order());
        var waits = await CallsAsync(server, "wait");
        Assert.InRange(waits, 1, await CallsAsync(server, "evalsha") + await CallsAsync(server, "eval"));
        Assert.True(waits < 300, $"{waits} WAITs for 300 appends");
    }

    private async Task<RedisDeclarationJournal> NodeAsync(TimeSpan ackTimeout)
    {
        var main = await ConnectionMultiplexer.ConnectAsync(Primary.ConnectionString);
        var acks = await ConnectionMultiplexer.ConnectAsync(Primary.ConnectionString);
        _connections.Add(main);
        _connections.Add(acks);
        return new RedisDeclarationJournal(main, _electionId, acknowledgement: new ReplicaAcknowledgement(acks, 1, ackTimeout));
    }

    private static async Task<long> CallsAsync(IServer server, string command)
    {
        var stats = await server.InfoAsync("commandstats");
        var line = stats.SelectMany(g => g).FirstOrDefault(p => p.Key == "cmdstat_" + command).Value;
        return line is null ? 0 : long.Parse(line.Split(',')[0]["calls=".Length..], CultureInfo.InvariantCulture);
    }
}
