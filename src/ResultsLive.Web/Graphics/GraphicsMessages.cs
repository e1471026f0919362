namespace ResultsLive.Web.Graphics;

/// <summary>One layer as an output applies it: what is cued and on air, how far it is paged, and the version it is as of.</summary>
public sealed record LayerMessage(string Layer, long Version, GraphicsItem? Cued, GraphicsItem? OnAir, int Page)
{
    public static LayerMessage From(GraphicsLayer layer, LayerState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return new LayerMessage(layer.Name(), state.Version, state.Cued, state.OnAir, state.Page);
    }
}

/// <summary>
/// Layers of a channel that changed. An output applies a layer only if its version is newer than what it shows, except in a
/// <see cref="Panic"/> message (an Out or Clear sent to this node's outputs while Redis is away), which always clears.
/// <see cref="Cut"/> asks for no out-animation (Clear all).
/// </summary>
public sealed record ChannelChangeMessage(string Channel, long Version, IReadOnlyList<LayerMessage> Layers, bool Cut, bool Panic);

/// <summary>A live layer's (bug, ticker) new data, pushed by each node to its own outputs as the results move.</summary>
public sealed record LiveDataMessage(string Channel, string Layer, string ItemId, long Sequence, string Data);

/// <summary>The answer to an output's <c>Join</c>: the channel's state to rebuild from, and the feed's mode for the TEST/DEMO mark.</summary>
public sealed record OutputSnapshot(string Channel, string Mode, long Version, IReadOnlyList<LayerMessage> Layers);

/// <summary>What <see cref="GraphicsHub"/> pushes to output pages.</summary>
public interface IGraphicsClient
{
    Task Changed(ChannelChangeMessage message);

    Task LiveData(LiveDataMessage message);
}
