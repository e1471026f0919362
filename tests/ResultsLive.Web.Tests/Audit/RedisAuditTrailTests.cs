using ResultsLive.Web.Audit;
using ResultsLive.Web.Security;

using StackExchange.Redis;

namespace ResultsLive.Web.Tests.Audit;

/// <summary>The audit trail as a stream in a real redis-server; each test has an election (and so keys) of its own.</summary>
public sealed class RedisAuditTrailTests(RedisFixture redis) : AuditTrailContract, IClassFixture<RedisFixture>, IAsyncLifetime
{
    private readonly string _election = "audit-" + Guid.NewGuid().ToString("N");
    private ConnectionMultiplexer? _connection;

    private ConnectionMultiplexer Connection => _connection ?? throw new InvalidOperationException("not connected");

    public async Task InitializeAsync() => _connection = await ConnectionMultiplexer.ConnectAsync(redis.Server.ConnectionString);

    public async Task DisposeAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }
    }

    protected override IAuditTrail Trail(int capacity = IAuditTrail.Capacity) => new RedisAuditTrail(Connection, _election, capacity);

    protected override ISecurityStore Store(TimeProvider time) => new RedisSecurityStore(Connection, _election);

    protected override Task<long> StoredCountAsync(IAuditTrail trail) => Connection.GetDatabase().StreamLengthAsync($"resultslive:{{{_election}}}:audit");

    [Fact]
    public async Task SecurityKeys_AllHaveAnExpiry()
    {
        var store = Store(TimeProvider.System);
        await store.IncrementAsync("a", TimeSpan.FromMinutes(5));
        await store.AddToSetAsync("b", "x", TimeSpan.FromMinutes(5));
        await store.SetAsync("c", "v", TimeSpan.FromMinutes(5));

        var server = Connection.GetServer(Connection.GetEndPoints()[0]);
        var keys = server.Keys(pattern: $"resultslive:{{{_election}}}:security:*").ToList();
        Assert.Equal(3, keys.Count);
        foreach (var key in keys)
        {
            Assert.NotNull(await Connection.GetDatabase().KeyTimeToLiveAsync(key));
        }
    }
}
