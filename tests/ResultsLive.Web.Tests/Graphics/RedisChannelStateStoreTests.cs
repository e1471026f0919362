using Microsoft.Extensions.Logging.Abstractions;

using ResultsLive.Web.Graphics;

using StackExchange.Redis;

namespace ResultsLive.Web.Tests.Graphics;

/// <summary>The Redis store against a real redis-server: each <see cref="Node"/> is another node with its own connection.</summary>
public sealed class RedisChannelStateStoreTests : ChannelStateStoreContract, IAsyncLifetime
{
    private readonly List<IConnectionMultiplexer> _connections = [];
    private readonly List<RedisChannelStateStore> _stores = [];
    private readonly string _election = "graphics-" + Guid.NewGuid().ToString("N")[..8];
    private RedisServer _redis = null!;

    public async Task InitializeAsync() => _redis = await RedisServer.StartAsync();

    public async Task DisposeAsync()
    {
        foreach (var store in _stores)
        {
            store.Dispose();
        }

        foreach (var connection in _connections)
        {
            await connection.DisposeAsync();
        }

        await _redis.DisposeAsync();
    }

    [Fact]
    public async Task UpdateAsync_OnOneNode_IsAnnouncedOnAnother()
    {
        var a = (RedisChannelStateStore)Node();
        var b = (RedisChannelStateStore)Node();
        await b.StartAsync();
        var heard = new TaskCompletionSource<ChannelState>(TaskCreationOptions.RunContinuationsAsynchronously);
        b.Changed += state => heard.TrySetResult(state);

        await a.UpdateAsync("main", s => Cue(s, "from-a"), CancellationToken.None);

        var state = await heard.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("from-a", state[GraphicsLayer.LowerThird].Cued!.Id);
        Assert.Equal("Ynys Môn", System.Text.Json.JsonDocument.Parse(state[GraphicsLayer.LowerThird].Cued!.Data).RootElement.GetProperty("name").GetString());
    }

    [Fact]
    public async Task GetAsync_ANodeStartedLater_ReadsBackWhatWasCommitted()
    {
        await Node().UpdateAsync("main", s => Cue(s, "on-air"), CancellationToken.None);

        var restarted = Node();

        Assert.Equal("on-air", (await restarted.GetAsync("main", CancellationToken.None))[GraphicsLayer.LowerThird].Cued!.Id);
    }

    protected override IChannelStateStore Node()
    {
        var connection = ConnectionMultiplexer.Connect(_redis.ConnectionString);
        _connections.Add(connection);
        var store = new RedisChannelStateStore(connection, _election, NullLogger<RedisChannelStateStore>.Instance);
        _stores.Add(store);
        return store;
    }
}
