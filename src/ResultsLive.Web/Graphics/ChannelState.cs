using System.Text.Json.Serialization;

namespace ResultsLive.Web.Graphics;

/// <summary>What a cue chose beyond a seat: the swingometer's two parties and scope (each null for the default).</summary>
public sealed record GraphicsChoice(string? A, string? B, string? Scope);

/// <summary>
/// A graphic as cued or taken: the template, the seat it shows (if any), and its data exactly as the template's
/// <c>update()</c> is given it, pinned at the journal <see cref="Sequence"/> it was built from. <see cref="Id"/> follows the
/// graphic from cue to take, so an output that preloaded the cue plays that very page; an Update keeps the id (the
/// template's <c>update()</c>, no re-animation), a new cue gets a new one.
/// </summary>
public sealed record GraphicsItem(
    string Id,
    string Template,
    string? Constituency,
    long Sequence,
    string Data,
    DateTimeOffset At,
    string By,
    GraphicsChoice? Choice = null);

/// <summary>
/// One layer of a channel: what is cued (preview) and on air (program), how many times the on-air graphic has been paged
/// with <c>next()</c>, and the channel <see cref="Version"/> at which this layer last changed.
/// </summary>
public sealed record LayerState(GraphicsItem? Cued, GraphicsItem? OnAir, int Page, long Version)
{
    public static LayerState Empty { get; } = new(null, null, 0, 0);
}

/// <summary>
/// A channel's state, shared by every node through Redis: each layer's cued and on-air graphic. <see cref="Version"/> rises by
/// one with every change, so nodes and outputs apply changes in order and ignore stale ones.
/// </summary>
public sealed record ChannelState(string Channel, long Version, IReadOnlyDictionary<GraphicsLayer, LayerState> Layers)
{
    public static ChannelState Empty(string channel) =>
        new(channel, 0, GraphicsLayers.All.ToDictionary(l => l, _ => LayerState.Empty));

    [JsonIgnore]
    public LayerState this[GraphicsLayer layer] => Layers.TryGetValue(layer, out var state) ? state : LayerState.Empty;

    /// <summary>A copy with <paramref name="changes"/> applied, every changed layer stamped with the next version.</summary>
    public ChannelState With(IReadOnlyDictionary<GraphicsLayer, LayerState> changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var version = Version + 1;
        var layers = GraphicsLayers.All.ToDictionary(
            l => l,
            l => changes.TryGetValue(l, out var changed) ? changed with { Version = version } : this[l]);
        return new ChannelState(Channel, version, layers);
    }
}
