using ResultsLive.Web.Security;

using StackExchange.Redis;

namespace ResultsLive.Web.Tests.Security;

/// <summary>Lockout in a real redis-server, where several nodes share it; each test has keys of its own.</summary>
public sealed class RedisSignInLockoutTests(RedisFixture redis) : SignInLockoutContract, IClassFixture<RedisFixture>, IAsyncLifetime
{
    private readonly string _election = "lockout-" + Guid.NewGuid().ToString("N");
    private ConnectionMultiplexer? _connection;

    public async Task InitializeAsync() => _connection = await ConnectionMultiplexer.ConnectAsync(redis.Server.ConnectionString);

    public async Task DisposeAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }
    }

    protected override ISecurityStore Store() => new RedisSecurityStore(_connection!, _election);

    [Fact]
    public async Task Lockout_RecordedThroughOneNode_HoldsOnAnother()
    {
        await using var other = await ConnectionMultiplexer.ConnectAsync(redis.Server.ConnectionString);
        var users = new UserDirectory(new StaticOptions(Users("oscar")));
        var first = new SignInLockout(new RedisSecurityStore(_connection!, _election), users);
        var second = new SignInLockout(new RedisSecurityStore(other, _election), users);

        for (var i = 0; i < SignInLockout.PairLimit; i++)
        {
            await first.RecordFailureAsync("oscar", "203.0.113.8");
        }

        Assert.Equal(LockoutKind.Account, (await second.CheckAsync("oscar", "203.0.113.8")).Kind);
    }
}
