namespace ResultsLive.Testing;

/// <summary>One <see cref="RedisServer"/> shared by the tests of a class (<c>IClassFixture</c>) or a collection.</summary>
public sealed class RedisFixture : IAsyncLifetime
{
    private RedisServer? _server;

    public RedisServer Server => _server ?? throw new InvalidOperationException("the Redis fixture has not been started");

    public async Task InitializeAsync() => _server = await RedisServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
