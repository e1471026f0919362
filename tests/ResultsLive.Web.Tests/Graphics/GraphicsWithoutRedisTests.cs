using Microsoft.Extensions.Logging.Abstractions;

using ResultsLive.Web.Graphics;

using ResultsLive.Web.Tests.Shared;

using StackExchange.Redis;

using static ResultsLive.Web.Tests.Graphics.Election2024;

namespace ResultsLive.Web.Tests.Graphics;

/// <summary>The panic buttons when Redis dies: Out and Clear still act at once, and reach Redis when it is back.</summary>
public sealed class GraphicsWithoutRedisTests : IAsyncLifetime
{
    private RedisServer Redis { get; set; } = null!;

    private ConnectionMultiplexer Connection { get; set; } = null!;

    private RedisChannelStateStore Store { get; set; } = null!;

    private GraphicsHarness Graphics { get; set; } = null!;

    public async Task InitializeAsync()
    {
        Redis = await RedisServer.StartAsync();
        Connection = await ConnectionMultiplexer.ConnectAsync(Redis.ConnectionString);
        Store = new RedisChannelStateStore(Connection, "ge2024", NullLogger<RedisChannelStateStore>.Instance);
        Graphics = new GraphicsHarness(Store);
    }

    public async Task DisposeAsync()
    {
        await Graphics.DisposeAsync();
        Store.Dispose();
        await Connection.DisposeAsync();
        await Redis.DisposeAsync();
    }

    [Fact]
    public async Task OutAsync_RedisGone_ActsOnThisNodeAtOnceAndReachesRedisWhenItIsBack()
    {
        Graphics.Declare(IslingtonNorth);
        await Graphics.Control.CueAsync(GraphicsSettings.Channel, GraphicsLayer.LowerThird, "seat-result", IslingtonNorth, "op", CancellationToken.None);
        await Graphics.Control.TakeAsync(GraphicsSettings.Channel, null, "op", CancellationToken.None);

        await Redis.KillAsync();
        Poll.Until(() => !Connection.IsConnected, "the connection to notice Redis is gone");
        var outcome = await Graphics.Control.OutAsync(GraphicsSettings.Channel, GraphicsLayer.LowerThird, "op", CancellationToken.None);

        Assert.True(outcome.Degraded);
        Assert.Equal(202, outcome.Status);
        Assert.Null(outcome.State[GraphicsLayer.LowerThird].OnAir);
        Assert.Equal("out", Graphics.Control.Pending(GraphicsSettings.Channel));
        Assert.Contains(Graphics.Audit.Events, e => e is { Action: "out", Layer: "lowerThird" });

        var recorded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Graphics.Control.PendingChanged += _ =>
        {
            if (Graphics.Control.Pending(GraphicsSettings.Channel) is null)
            {
                recorded.TrySetResult();
            }
        };
        await Redis.RestartAsync();
        Poll.Until(
            () =>
            {
                Graphics.Time.Advance(TimeSpan.FromSeconds(1));
                return recorded.Task.IsCompleted;
            },
            "the Out to reach Redis once it is back");

        await using var other = await ConnectionMultiplexer.ConnectAsync(Redis.ConnectionString);
        using var node = new RedisChannelStateStore(other, "ge2024", NullLogger<RedisChannelStateStore>.Instance);
        var state = await node.GetAsync(GraphicsSettings.Channel, CancellationToken.None);
        Assert.Null(state[GraphicsLayer.LowerThird].OnAir);
        Assert.Equal(3, state.Version);
    }

    [Fact]
    public async Task TakeAsync_RedisGone_IsNotTakenAndSaysWhy()
    {
        Graphics.Declare(IslingtonNorth);
        await Graphics.Control.CueAsync(GraphicsSettings.Channel, GraphicsLayer.LowerThird, "seat-result", IslingtonNorth, "op", CancellationToken.None);
        await Redis.KillAsync();
        Poll.Until(() => !Connection.IsConnected, "the connection to notice Redis is gone");

        var outcome = await Graphics.Control.TakeAsync(GraphicsSettings.Channel, null, "op", CancellationToken.None);

        Assert.Equal(503, outcome.Status);
        Assert.Contains("nothing was taken", Assert.Single(outcome.Problems).Reason, StringComparison.Ordinal);
        Assert.DoesNotContain(Graphics.Audit.Events, e => e.Action == "take");
    }
}
