using StackExchange.Redis;

namespace ResultsLive.Feed.Tests.Replication;

/// <summary>
/// The whole journal contract again, with every entry acknowledged by a replica before it is answered or read: WAIT on a
/// connection of its own, and a tail that reads only what the replicas have.
/// </summary>
public sealed class ReplicatedRedisJournalTests(ReplicatedRedisFixture redis) : DeclarationJournalContract, IClassFixture<ReplicatedRedisFixture>
{
    private readonly string _electionId = "replicated-" + Guid.NewGuid().ToString("N");
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

    protected override async Task<IDeclarationJournal> CreateNodeAsync(TimeProvider time)
    {
        var main = await ConnectionMultiplexer.ConnectAsync(redis.Primary.ConnectionString);
        var acks = await ConnectionMultiplexer.ConnectAsync(redis.Primary.ConnectionString);
        _connections.Add(main);
        _connections.Add(acks);
        return new RedisDeclarationJournal(main, _electionId, time, acknowledgement: new ReplicaAcknowledgement(acks, 1, TimeSpan.FromSeconds(5)));
    }
}
