using Microsoft.Extensions.Options;

using ResultsLive.Feed;

namespace ResultsLive.Web.Shared.Live;

/// <summary>
/// The live results as one circuit sees them: the snapshot its components render, and one subscription to
/// <see cref="LiveResults"/> that re-renders the components following it, through one leading-edge throttle.
/// </summary>
/// <remarks>
/// Scoped, so each circuit (and each statically rendered request) has its own; components inject it instead of inheriting
/// a base class. A component calls <see cref="Follow"/> once it is interactive (its first <c>OnAfterRender</c>; prerendering
/// and static rendering never do) and disposes what it returns when it goes. The subscription starts with the first
/// follower, before <see cref="LiveResults.Current"/> is read, so nothing falls between the snapshot and the first change.
/// A circuit that falls behind (<see cref="SubscriberLaggedException"/>, which is also how the feed says it was rebuilt)
/// takes the current snapshot, re-renders every follower and subscribes again.
/// </remarks>
public sealed class LiveView : IAsyncDisposable, IDisposable
{
    private readonly LiveResults _live;
    private readonly TimeProvider _time;
    private readonly TimeSpan _renderInterval;
    private readonly Lock _lock = new();
    private readonly List<Follower> _followers = [];
    private readonly CancellationTokenSource _stop = new();
    private LiveSnapshot _snapshot;
    private RenderThrottle? _throttle;
    private Task? _following;

    public LiveView(LiveResults live, TimeProvider time, IOptions<LiveOptions> options)
    {
        ArgumentNullException.ThrowIfNull(live);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(options);
        _live = live;
        _time = time;
        _renderInterval = options.Value.RenderInterval;
        _snapshot = live.Current;
    }

    /// <summary>The state to render: one immutable object; read it once per render and use that one throughout.</summary>
    public LiveSnapshot Snapshot => Volatile.Read(ref _snapshot);

    /// <summary>False while the node is still rebuilding its projection from the journal after a start.</summary>
    public bool IsCaughtUp => _live.IsCaughtUp;

    /// <summary>True once a component follows the feed through this view (after its first interactive render).</summary>
    public bool IsFollowing => Volatile.Read(ref _following) is not null;

    /// <summary>How many times the throttle has re-rendered the followers; for tests and diagnostics.</summary>
    public int Renders => _throttle?.Renders ?? 0;

    /// <summary>
    /// Re-renders a component, through the circuit's throttle, after every change <paramref name="relevant"/> says matters
    /// to it (every change when it is null). <paramref name="render"/> must marshal to the renderer itself:
    /// <c>() =&gt; InvokeAsync(StateHasChanged)</c>. Dispose the result to stop.
    /// </summary>
    public IDisposable Follow(Func<Task> render, Func<LiveChange, bool>? relevant = null)
    {
        ArgumentNullException.ThrowIfNull(render);
        var follower = new Follower(this, render, relevant);
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_stop.IsCancellationRequested, this);
            _followers.Add(follower);
            if (_following is null)
            {
                _throttle = new RenderThrottle(_renderInterval, RenderDirtyAsync, _time);
                Volatile.Write(ref _following, Task.Run(() => FollowAsync(_stop.Token)));
            }
        }

        return follower;
    }

    public async ValueTask DisposeAsync()
    {
        if (Stop() is not { } following)
        {
            return;
        }

        try
        {
            await following.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping is what was asked for.
        }

        _throttle?.Dispose();
        _stop.Dispose();
    }

    /// <summary>Stops following without waiting for the loop to notice (a container that disposes synchronously).</summary>
    public void Dispose()
    {
        if (Stop() is not null)
        {
            _throttle?.Dispose();
        }
    }

    /// <summary>Cancels the loop and forgets the followers; the loop's task to await, or null if already stopped.</summary>
    private Task? Stop()
    {
        lock (_lock)
        {
            if (_stop.IsCancellationRequested)
            {
                return null;
            }

            _stop.Cancel();
            _followers.Clear();
            return _following ?? Task.CompletedTask;
        }
    }

    private async Task FollowAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            var changes = _live.SubscribeAsync(ct);
            var current = _live.Current;
            var seen = current.Sequence;
            if (!ReferenceEquals(current, Snapshot))
            {
                // Catch up with whatever happened since this circuit's first render (or while it lagged, or a rebuild).
                Volatile.Write(ref _snapshot, current);
                MarkDirty(null);
            }

            try
            {
                await foreach (var change in changes.ConfigureAwait(false))
                {
                    if (change.Sequence <= seen)
                    {
                        continue;
                    }

                    seen = change.Sequence;
                    if (change.Snapshot.Sequence > Snapshot.Sequence)
                    {
                        Volatile.Write(ref _snapshot, change.Snapshot);
                    }

                    MarkDirty(change);
                }
            }
            catch (SubscriberLaggedException)
            {
                // Fell behind, or the feed was rebuilt: the loop takes Current again and resubscribes, so nothing is skipped silently.
            }
        }
    }

    /// <summary>Marks the followers a change matters to (all of them for null) and asks the throttle for a render.</summary>
    private void MarkDirty(LiveChange? change)
    {
        var any = false;
        lock (_lock)
        {
            foreach (var follower in _followers)
            {
                if (change is null || follower.IsRelevant(change))
                {
                    follower.Dirty = true;
                    any = true;
                }
            }
        }

        if (any)
        {
            _throttle?.Request();
        }
    }

    private Task RenderDirtyAsync()
    {
        List<Func<Task>> renders = [];
        lock (_lock)
        {
            foreach (var follower in _followers)
            {
                if (follower.Dirty)
                {
                    follower.Dirty = false;
                    renders.Add(follower.Render);
                }
            }
        }

        return renders.Count switch
        {
            0 => Task.CompletedTask,
            1 => renders[0](),
            _ => Task.WhenAll(renders.Select(render => render())),
        };
    }

    private void Unfollow(Follower follower)
    {
        lock (_lock)
        {
            _followers.Remove(follower);
        }
    }

    /// <summary>One component following the view; <see cref="Dirty"/> is guarded by the view's lock.</summary>
    private sealed class Follower(LiveView view, Func<Task> render, Func<LiveChange, bool>? relevant) : IDisposable
    {
        public Func<Task> Render { get; } = render;

        public bool Dirty { get; set; }

        public bool IsRelevant(LiveChange change) => relevant?.Invoke(change) ?? true;

        public void Dispose() => view.Unfollow(this);
    }
}
