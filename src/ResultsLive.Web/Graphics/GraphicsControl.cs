using System.Collections.Concurrent;

using Microsoft.AspNetCore.SignalR;

using ResultsLive.Core.Validation;
using ResultsLive.Feed;
using ResultsLive.Web.Api;
using ResultsLive.Web.Graphics.CasparCg;

using StackExchange.Redis;

namespace ResultsLive.Web.Graphics;

/// <summary>
/// The operator's commands on a channel — cue, take, update, next, out, clear — for the console and the control API alike.
/// Each is checked first (bad input changes nothing), committed to the shared channel state, then sent to every node's
/// outputs over the backplane, played out on CasparCG where configured, and audited.
/// </summary>
public sealed partial class GraphicsControl(
    IChannelStateStore store,
    ChannelStates states,
    LiveResults live,
    IHubContext<GraphicsHub, IGraphicsClient> hub,
    OutputConnections outputs,
    CasparCgPlayout playout,
    IGraphicsAudit audit,
    TimeProvider time,
    ILogger<GraphicsControl> logger)
{
    private static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(1);
    private readonly ConcurrentDictionary<string, string> _pending = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Raised when a panic Out or Clear is waiting for Redis (or has reached it), so consoles can say so.</summary>
    public event Action<string>? PendingChanged;

    /// <summary>What is waiting to be written to Redis for <paramref name="channel"/> after a panic Out or Clear, if anything.</summary>
    public string? Pending(string channel) => _pending.TryGetValue(channel, out var what) ? what : null;

    /// <summary>Cues a template (with its seat, or the swingometer's <paramref name="choice"/>) on a layer, pinned at the current sequence, into preview.</summary>
    public async Task<GraphicsOutcome> CueAsync(
        string channel, GraphicsLayer layer, string? templateId, string? constituency, string actor, CancellationToken ct, GraphicsChoice? choice = null)
    {
        if (states.Canonical(channel) is not { } id)
        {
            return UnknownChannel(channel);
        }

        if (GraphicsTemplates.Find(templateId) is not { } template)
        {
            return Rejected(id, 422, "template", $"'{templateId}' is not a template: use one of {string.Join(", ", GraphicsTemplates.All.Select(t => t.Id))}");
        }

        if (!template.Layers.Contains(layer))
        {
            return Rejected(id, 422, "template", $"{template.Id} plays on {string.Join(" or ", template.Layers.Select(l => l.Name()))}, not {layer.Name()}");
        }

        var snapshot = live.Current;
        string? data, problem;
        if (template.Data == TemplateData.Swingometer)
        {
            // Built once: the choice's problem names its own field (a, b or scope), which the cue answers with.
            (data, var wrong) = GraphicsData.Swingometer(snapshot, choice);
            if (wrong is not null)
            {
                return Rejected(id, wrong.Status == 404 ? 404 : 422, wrong.Field, wrong.Reason);
            }

            problem = null;
        }
        else
        {
            choice = null;
            (data, problem) = GraphicsData.Build(template, constituency, snapshot);
        }

        if (data is null)
        {
            var unknown = template.NeedsSeat && !string.IsNullOrWhiteSpace(constituency) && snapshot.Election.FindConstituency(constituency.Trim()) is null;
            return Rejected(id, unknown ? 404 : 422, "constituency", problem!);
        }

        var seat = template.NeedsSeat ? snapshot.Election.FindConstituency(constituency!.Trim())!.Code : null;
        var item = new GraphicsItem(NewId(), template.Id, seat, snapshot.Sequence, data, time.GetUtcNow(), actor, choice);
        return await SharedAsync(id, "cue", actor, state =>
        {
            var changes = new Dictionary<GraphicsLayer, LayerState> { [layer] = state[layer] with { Cued = item } };

            // Held graphics cued together are from one snapshot, so what is taken together never contradicts itself.
            if (layer.IsHeld())
            {
                foreach (var other in GraphicsLayers.All.Where(l => l != layer && l.IsHeld()))
                {
                    if (state[other].Cued is { } cued && cued.Sequence != snapshot.Sequence && Rebuild(cued, snapshot) is { } repinned)
                    {
                        changes[other] = state[other] with { Cued = repinned };
                    }
                }
            }

            return state.With(changes);
        }, cut: false, ct).ConfigureAwait(false);
    }

    /// <summary>Puts what is cued on air: one layer, or every cued layer at once.</summary>
    public async Task<GraphicsOutcome> TakeAsync(string channel, GraphicsLayer? layer, string actor, CancellationToken ct)
    {
        if (states.Canonical(channel) is not { } id)
        {
            return UnknownChannel(channel);
        }

        var known = await states.GetAsync(id, ct).ConfigureAwait(false);
        if (layer is { } only ? known[only].Cued is null : GraphicsLayers.All.All(l => known[l].Cued is null))
        {
            return Rejected(id, 409, "layer", layer is { } l ? $"nothing is cued on {l.Name()}" : "nothing is cued");
        }

        var now = time.GetUtcNow();
        return await SharedAsync(id, "take", actor, state =>
        {
            var taking = GraphicsLayers.All.Where(l => (layer is null || l == layer) && state[l].Cued is not null).ToList();
            if (taking.Count == 0)
            {
                return null;
            }

            var changes = taking.ToDictionary(l => l, l => state[l] with { OnAir = state[l].Cued! with { At = now, By = actor }, Cued = null, Page = 0 });

            // A full frame clears the lower third already on air (one taken with it stays, over it).
            if (taking.Contains(GraphicsLayer.FullFrame) && !taking.Contains(GraphicsLayer.LowerThird) && state[GraphicsLayer.LowerThird].OnAir is not null)
            {
                changes[GraphicsLayer.LowerThird] = state[GraphicsLayer.LowerThird] with { OnAir = null, Page = 0 };
            }

            return state.With(changes);
        }, cut: false, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Brings held graphics up to the current results: the template's <c>update()</c> on air, no re-animation; a cue is
    /// pinned afresh. One layer, or every layer whose figures moved.
    /// </summary>
    public async Task<GraphicsOutcome> UpdateAsync(string channel, GraphicsLayer? layer, string actor, CancellationToken ct)
    {
        if (states.Canonical(channel) is not { } id)
        {
            return UnknownChannel(channel);
        }

        var snapshot = live.Current;
        return await SharedAsync(id, "update", actor, state =>
        {
            var changes = new Dictionary<GraphicsLayer, LayerState>();
            foreach (var l in GraphicsLayers.All.Where(l => layer is null || l == layer))
            {
                var onAir = state[l].OnAir is { } shown && HoldChange.Between(shown, snapshot) is { } change
                    ? shown with { Data = change.Data, Sequence = change.ToSequence }
                    : state[l].OnAir;
                var cued = state[l].Cued is { } pinned && HoldChange.Between(pinned, snapshot) is not null ? Rebuild(pinned, snapshot) ?? pinned : state[l].Cued;
                if (!ReferenceEquals(onAir, state[l].OnAir) || !ReferenceEquals(cued, state[l].Cued))
                {
                    changes[l] = state[l] with { OnAir = onAir, Cued = cued };
                }
            }

            return changes.Count == 0 ? null : state.With(changes);
        }, cut: false, ct).ConfigureAwait(false);
    }

    /// <summary>Pages a paged graphic on air (<c>next()</c>): one layer, or every paged graphic on air.</summary>
    public async Task<GraphicsOutcome> NextAsync(string channel, GraphicsLayer? layer, string actor, CancellationToken ct)
    {
        if (states.Canonical(channel) is not { } id)
        {
            return UnknownChannel(channel);
        }

        var known = await states.GetAsync(id, ct).ConfigureAwait(false);
        if (layer is { } only)
        {
            if (known[only].OnAir is not { } shown)
            {
                return Rejected(id, 409, "layer", $"nothing is on air on {only.Name()}");
            }

            if (GraphicsTemplates.Find(shown.Template) is not { Paged: true })
            {
                return Rejected(id, 422, "layer", $"{shown.Template} on {only.Name()} has no pages");
            }
        }
        else if (!GraphicsLayers.All.Any(l => IsPaged(known[l].OnAir)))
        {
            return Rejected(id, 409, "layer", "no paged graphic is on air");
        }

        return await SharedAsync(id, "next", actor, state =>
        {
            var paging = GraphicsLayers.All.Where(l => (layer is null || l == layer) && IsPaged(state[l].OnAir)).ToList();
            return paging.Count == 0 ? null : state.With(paging.ToDictionary(l => l, l => state[l] with { Page = state[l].Page + 1 }));
        }, cut: false, ct).ConfigureAwait(false);
    }

    /// <summary>Takes one layer off air (its out-animation). Reaches this node's outputs even while Redis is unreachable.</summary>
    public Task<GraphicsOutcome> OutAsync(string channel, GraphicsLayer layer, string actor, CancellationToken ct) =>
        states.Canonical(channel) is not { } id
            ? Task.FromResult(UnknownChannel(channel))
            : PanicAsync(id, "out", actor, state => state[layer].OnAir is null ? null : state.With(new Dictionary<GraphicsLayer, LayerState>
            {
                [layer] = state[layer] with { OnAir = null, Page = 0 },
            }), cut: false, ct);

    /// <summary>Clear all, the panic button: every layer off air at once, no out-animation. Cues stay.</summary>
    public Task<GraphicsOutcome> ClearAsync(string channel, string actor, CancellationToken ct) =>
        states.Canonical(channel) is not { } id
            ? Task.FromResult(UnknownChannel(channel))
            : PanicAsync(id, "clear", actor, state =>
            {
                var shown = GraphicsLayers.All.Where(l => state[l].OnAir is not null).ToList();
                return shown.Count == 0 ? null : state.With(shown.ToDictionary(l => l, l => state[l] with { OnAir = null, Page = 0 }));
            }, cut: true, ct);

    /// <summary>A command that needs the shared state: refused, with the reason, while Redis cannot be reached.</summary>
    private async Task<GraphicsOutcome> SharedAsync(string channel, string action, string actor, Func<ChannelState, ChannelState?> change, bool cut, CancellationToken ct)
    {
        try
        {
            return await CommitAsync(channel, action, actor, change, cut, ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsUnreachable(ex))
        {
            LogRefusedWithoutRedis(action, channel, ex);
            return Rejected(channel, 503, "channel", $"Redis is unreachable: nothing was {Past(action)}. Out and Clear still reach this node's outputs");
        }
    }

    private static string Past(string action) => action switch
    {
        "cue" => "cued",
        "take" => "taken",
        "update" => "updated",
        _ => "paged",
    };

    private async Task<GraphicsOutcome> PanicAsync(string channel, string action, string actor, Func<ChannelState, ChannelState?> change, bool cut, CancellationToken ct)
    {
        try
        {
            return await CommitAsync(channel, action, actor, change, cut, ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsUnreachable(ex))
        {
            // Redis (and with it the backplane) is away: clear this node's outputs directly from what this node last knew,
            // and keep trying to record it, so the other nodes and a restarted node agree once Redis is back.
            var before = states.Cached(channel);
            if (change(before) is not { } after)
            {
                return new GraphicsOutcome(before, [], 200, [], Degraded: true);
            }

            LogPanicWithoutRedis(action, channel, ex);
            await SendLocallyAsync(Message(before, after, cut, panic: true)).ConfigureAwait(false);
            var results = await playout.ApplyAsync(channel, before, after, cut, ct).ConfigureAwait(false);
            await AuditAsync(actor, action, before, after).ConfigureAwait(false);
            _pending[channel] = action;
            PendingChanged?.Invoke(channel);
            _ = RetryAsync(channel, action, actor, change, cut);
            return new GraphicsOutcome(after, [], 202, results, Degraded: true);
        }
    }

    private async Task RetryAsync(string channel, string action, string actor, Func<ChannelState, ChannelState?> change, bool cut)
    {
        while (true)
        {
            await Task.Delay(RetryInterval, time).ConfigureAwait(false);
            try
            {
                await CommitAsync(channel, action, actor, change, cut, CancellationToken.None, audited: false).ConfigureAwait(false);
                _pending.TryRemove(channel, out _);
                PendingChanged?.Invoke(channel);
                return;
            }
            catch (Exception ex) when (IsUnreachable(ex))
            {
                // Still away: try again.
            }
        }
    }

    private async Task<GraphicsOutcome> CommitAsync(
        string channel, string action, string actor, Func<ChannelState, ChannelState?> change, bool cut, CancellationToken ct, bool audited = true)
    {
        ChannelState? before = null;
        var after = await store.UpdateAsync(channel, state =>
        {
            before = state;
            return change(state);
        }, ct).ConfigureAwait(false);
        if (before is null || after.Version == before.Version)
        {
            // Nothing to do (Out of an empty layer, an Update with nothing new): answered, not an error.
            return new GraphicsOutcome(after, [], 200, [], Degraded: false);
        }

        states.Remember(after);
        var message = Message(before, after, cut, panic: false);
        try
        {
            await hub.Clients.Group(GraphicsHub.Group(channel)).Changed(message).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsUnreachable(ex))
        {
            // The change is committed but the backplane failed: this node's outputs at least get it now; the others rebuild
            // from the shared state when they reconnect.
            LogBackplaneFailed(channel, ex);
            await SendLocallyAsync(message).ConfigureAwait(false);
        }

        var results = await playout.ApplyAsync(channel, before, after, cut, ct).ConfigureAwait(false);
        if (audited && action != "cue")
        {
            await AuditAsync(actor, action, before, after).ConfigureAwait(false);
        }

        return new GraphicsOutcome(after, [], 200, results, Degraded: false);
    }

    private async Task SendLocallyAsync(ChannelChangeMessage message)
    {
        foreach (var connection in outputs.For(message.Channel))
        {
            try
            {
                await hub.Clients.Client(connection).Changed(message).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogLocalSendFailed(message.Channel, ex);
            }
        }
    }

    private async Task AuditAsync(string actor, string action, ChannelState before, ChannelState after)
    {
        foreach (var layer in GraphicsLayers.All.Where(l => after[l].Version != before[l].Version))
        {
            // The graphic the act concerns: the one now on air, or for an Out the one it took off.
            var item = after[layer].OnAir ?? before[layer].OnAir;
            var act = action == "take" && after[layer].OnAir is null ? "out" : action;
            await audit.RecordAsync(new GraphicsAuditEvent(actor, act, after.Channel, layer.Name(), item?.Template, item?.Constituency, item?.Sequence), CancellationToken.None)
                .ConfigureAwait(false);
        }
    }

    private static ChannelChangeMessage Message(ChannelState before, ChannelState after, bool cut, bool panic) =>
        new(after.Channel, after.Version, [.. GraphicsLayers.All.Where(l => after[l].Version != before[l].Version).Select(l => LayerMessage.From(l, after[l]))], cut, panic);

    private static GraphicsItem? Rebuild(GraphicsItem item, LiveSnapshot snapshot) =>
        GraphicsTemplates.Find(item.Template) is { } template && GraphicsData.Build(template, item.Constituency, snapshot, item.Choice).Json is { } data
            ? item with { Data = data, Sequence = snapshot.Sequence }
            : null;

    private static bool IsPaged(GraphicsItem? item) => item is not null && GraphicsTemplates.Find(item.Template) is { Paged: true };

    private static bool IsUnreachable(Exception ex) => ex is RedisException or TimeoutException;

    private static string NewId() => Guid.NewGuid().ToString("N")[..12];

    private static GraphicsOutcome UnknownChannel(string? channel) =>
        new(ChannelState.Empty(channel ?? ""), [new ValidationProblem("channel", $"'{channel}' is not a configured channel", ProblemKind.NotFound)], 404, [], Degraded: false);

    private GraphicsOutcome Rejected(string channel, int status, string field, string reason) =>
        new(states.Cached(channel), [new ValidationProblem(field, reason, status == 404 ? ProblemKind.NotFound : ProblemKind.Invalid)], status, [], Degraded: false);

    [LoggerMessage(Level = LogLevel.Error, Message = "Graphics {Action} on {Channel} while Redis is unreachable: sent to this node's outputs, retrying until Redis has it")]
    private partial void LogPanicWithoutRedis(string action, string channel, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Graphics {Action} on {Channel} refused: Redis is unreachable")]
    private partial void LogRefusedWithoutRedis(string action, string channel, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "The graphics backplane failed for {Channel}; sent to this node's outputs only")]
    private partial void LogBackplaneFailed(string channel, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "An output of {Channel} on this node could not be sent a change")]
    private partial void LogLocalSendFailed(string channel, Exception exception);
}

/// <summary>
/// The result of a command: the channel's state after it, the problems that stopped it (with the HTTP status they mean),
/// what CasparCG answered, and whether it only reached this node's outputs (Redis unreachable).
/// </summary>
public sealed record GraphicsOutcome(ChannelState State, IReadOnlyList<ValidationProblem> Problems, int Status, IReadOnlyList<PlayoutResult> Playout, bool Degraded)
{
    public bool IsRejected => Problems.Count > 0;
}
