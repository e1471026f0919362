using Microsoft.AspNetCore.SignalR;

using ResultsLive.Feed;
using ResultsLive.Web.Graphics.CasparCg;
using ResultsLive.Web.Hubs;

namespace ResultsLive.Web.Graphics;

/// <summary>
/// Keeps the live layers (bug, ticker) on this node's outputs following the results: after each burst of declarations it
/// builds the on-air live graphics' data once per channel and sends it to the channel's outputs connected here. Every node
/// tails the journal, so each serves only its own outputs and none gets a change twice. One node (the playout leader) also
/// sends CasparCG the new data as CG UPDATE.
/// </summary>
public sealed class LiveLayers(
    LiveResults live,
    ChannelStates states,
    OutputConnections outputs,
    IHubContext<GraphicsHub, IGraphicsClient> hub,
    CasparCgPlayout playout,
    GraphicsNodes nodes,
    TimeProvider time,
    ILogger<LiveLayers> logger) : BackgroundService
{
    private readonly Dictionary<(string Channel, GraphicsLayer Layer), string> _playedOut = [];
    private readonly HubFanOut _fanOut = new(logger);

    /// <summary>Live data some output has yet to take (<see cref="HubFanOut.Pending"/>).</summary>
    internal int PendingSends => _fanOut.Pending;

    /// <summary>A burst of declarations updates a live graphic at most this often; an isolated one at once.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    /// <summary>The layer with a live graphic's data brought up to <paramref name="snapshot"/>; held layers as they are.</summary>
    public static LayerState Current(GraphicsLayer layer, LayerState state, LiveSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(snapshot);
        return layer.IsHeld() || state.OnAir is not { } item || Fresh(item, snapshot) is not { } data
            ? state
            : state with { OnAir = item with { Data = data, Sequence = snapshot.Sequence } };
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await foreach (var change in live.SubscribeAsync(stoppingToken).ConfigureAwait(false))
                {
                    await SendAsync(live.Current).ConfigureAwait(false);

                    // Leading edge: the first declaration goes at once; what arrives meanwhile is sent as one, Interval later.
                    await Task.Delay(Interval, time, stoppingToken).ConfigureAwait(false);
                    if (live.Current.Sequence > change.Sequence)
                    {
                        await SendAsync(live.Current).ConfigureAwait(false);
                    }
                }
            }
            catch (SubscriberLaggedException)
            {
                // Fell behind: carry on from the current state, which the next send uses anyway.
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private async Task SendAsync(LiveSnapshot snapshot)
    {
        foreach (var channel in states.Channels)
        {
            var connections = outputs.For(channel);
            var casparCg = playout.IsConfigured(channel) && nodes.IsPlayoutLeader;
            if (connections.Count == 0 && !casparCg)
            {
                continue;
            }

            var state = states.Cached(channel);
            foreach (var layer in GraphicsLayers.All.Where(l => !l.IsHeld()))
            {
                if (state[layer].OnAir is not { } item || Fresh(item, snapshot) is not { } data)
                {
                    continue;
                }

                if (casparCg && !(_playedOut.TryGetValue((channel, layer), out var sent) && sent == data) && data != item.Data)
                {
                    _playedOut[(channel, layer)] = data;
                    await playout.UpdateAsync(channel, layer, data, CancellationToken.None).ConfigureAwait(false);
                }

                // Connection by connection: one of this node's is written to directly, not through the backplane. Not waited
                // for: an output that stops reading (a frozen preview window) must not hold the others' live data.
                var message = new LiveDataMessage(channel, layer.Name(), item.Id, snapshot.Sequence, data);
                await _fanOut.SentAsync(Task.WhenAll(connections.Select(id => hub.Clients.Client(id).LiveData(message)))).ConfigureAwait(false);
            }
        }
    }

    private static string? Fresh(GraphicsItem item, LiveSnapshot snapshot) =>
        GraphicsTemplates.Find(item.Template) is { } template ? GraphicsData.Build(template, item.Constituency, snapshot).Json : null;
}
