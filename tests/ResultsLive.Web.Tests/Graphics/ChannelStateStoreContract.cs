using ResultsLive.Web.Graphics;

namespace ResultsLive.Web.Tests.Graphics;

/// <summary>What every channel state store does, run against memory and a real redis-server.</summary>
public abstract class ChannelStateStoreContract
{
    /// <summary>A store as one node sees it; for Redis, each call is another node on the same server.</summary>
    protected abstract IChannelStateStore Node();

    [Fact]
    public async Task GetAsync_NothingEverChanged_IsEmptyAtVersionZero()
    {
        var state = await Node().GetAsync("main", CancellationToken.None);

        Assert.Equal(0, state.Version);
        Assert.All(GraphicsLayers.All, l => Assert.Equal(LayerState.Empty, state[l]));
    }

    [Fact]
    public async Task UpdateAsync_AChange_CommitsTheNextVersionAndAnnouncesIt()
    {
        var store = Node();
        var announced = new TaskCompletionSource<ChannelState>(TaskCreationOptions.RunContinuationsAsynchronously);
        store.Changed += state => announced.TrySetResult(state);

        var committed = await store.UpdateAsync("main", s => Cue(s, "x1"), CancellationToken.None);

        Assert.Equal(1, committed.Version);
        Assert.Equal("x1", committed[GraphicsLayer.LowerThird].Cued!.Id);
        var heard = await announced.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(1, heard.Version);
        Assert.Equal("x1", (await store.GetAsync("main", CancellationToken.None))[GraphicsLayer.LowerThird].Cued!.Id);
    }

    [Fact]
    public async Task UpdateAsync_NoChange_LeavesTheVersion()
    {
        var store = Node();
        await store.UpdateAsync("main", s => Cue(s, "x1"), CancellationToken.None);

        var unchanged = await store.UpdateAsync("main", _ => null, CancellationToken.None);

        Assert.Equal(1, unchanged.Version);
    }

    [Fact]
    public async Task UpdateAsync_TwoNodesAtOnce_EveryChangeLandsOnceInOrder()
    {
        var a = Node();
        var b = Node();
        const int each = 25;

        await Task.WhenAll(
            Task.Run(async () =>
            {
                for (var i = 0; i < each; i++)
                {
                    await a.UpdateAsync("main", Page, CancellationToken.None);
                }
            }),
            Task.Run(async () =>
            {
                for (var i = 0; i < each; i++)
                {
                    await b.UpdateAsync("main", Page, CancellationToken.None);
                }
            }));

        var state = await Node().GetAsync("main", CancellationToken.None);
        Assert.Equal(2 * each, state.Version);
        Assert.Equal(2 * each, state[GraphicsLayer.FullFrame].Page);
    }

    [Fact]
    public async Task UpdateAsync_Channels_AreIndependent()
    {
        var store = Node();
        await store.UpdateAsync("main", s => Cue(s, "m"), CancellationToken.None);
        await store.UpdateAsync("second", s => Cue(s, "s"), CancellationToken.None);

        Assert.Equal("m", (await store.GetAsync("main", CancellationToken.None))[GraphicsLayer.LowerThird].Cued!.Id);
        Assert.Equal("s", (await store.GetAsync("second", CancellationToken.None))[GraphicsLayer.LowerThird].Cued!.Id);
        Assert.Equal(1, (await store.GetAsync("second", CancellationToken.None)).Version);
    }

    protected static ChannelState Cue(ChannelState state, string id) =>
        state.With(new Dictionary<GraphicsLayer, LayerState>
        {
            [GraphicsLayer.LowerThird] = state[GraphicsLayer.LowerThird] with
            {
                Cued = new GraphicsItem(id, "seat-result", "E14001305", 7, """{"name":"Ynys Môn"}""", DateTimeOffset.UnixEpoch, "test"),
            },
        });

    private static ChannelState Page(ChannelState state) =>
        state.With(new Dictionary<GraphicsLayer, LayerState> { [GraphicsLayer.FullFrame] = state[GraphicsLayer.FullFrame] with { Page = state[GraphicsLayer.FullFrame].Page + 1 } });
}

/// <summary>The in-memory store (one node, the in-memory journal).</summary>
public sealed class InMemoryChannelStateStoreTests : ChannelStateStoreContract
{
    private readonly InMemoryChannelStateStore _store = new();

    protected override IChannelStateStore Node() => _store;
}
