namespace ResultsLive.Feed.Tests.Replication;

/// <summary>A primary and one replica (replication.conf), shared by a class whose tests leave both running.</summary>
public sealed class ReplicatedRedisFixture : IAsyncLifetime
{
    private RedisTopology? _topology;

    public RedisTopology Topology => _topology ?? throw new InvalidOperationException("the topology has not been started");

    public RedisServer Primary => Topology.Servers[0];

    public async Task InitializeAsync() => _topology = await RedisTopology.StartAsync(replicas: 1, sentinels: 0);

    public async Task DisposeAsync()
    {
        if (_topology is not null)
        {
            await _topology.DisposeAsync();
        }
    }
}
