using Microsoft.AspNetCore.Components;

using ResultsLive.Feed;

namespace ResultsLive.Web.Components.Live;

/// <summary>
/// A page or control that shows the live results: it renders <see cref="Snapshot"/>, follows <see cref="LiveResults"/>
/// on a background task once interactive, and re-renders through a leading-edge <see cref="RenderThrottle"/>.
/// </summary>
/// <remarks>
/// The subscription starts before <see cref="LiveResults.Current"/> is read, so nothing falls between the snapshot and
/// the first change. A reader that falls behind (<see cref="SubscriberLaggedException"/>) takes the current snapshot and
/// subscribes again. Prerendering renders the snapshot once and never subscribes.
/// </remarks>
public abstract class LiveComponentBase : ComponentBase, IAsyncDisposable
{
    /// <summary>A burst of declarations renders at most this often; an isolated one renders at once.</summary>
    public static readonly TimeSpan RenderInterval = TimeSpan.FromMilliseconds(100);

    private readonly CancellationTokenSource _stop = new();
    private LiveSnapshot? _snapshot;
    private RenderThrottle? _throttle;
    private Task? _following;

    [Inject]
    public required LiveResults Live { get; init; }

    [Inject]
    public required TimeProvider Time { get; init; }

    /// <summary>The state to render: one immutable object, read once per render.</summary>
    protected LiveSnapshot Snapshot => Volatile.Read(ref _snapshot) ?? Live.Current;

    /// <summary>True once the component follows the feed (after its first interactive render).</summary>
    protected bool IsFollowing => _following is not null;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_following is not null)
        {
            try
            {
                await _following.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Stopping is what was asked for.
            }
        }

        _throttle?.Dispose();
        _stop.Dispose();
        await DisposeCoreAsync().ConfigureAwait(false);
        GC.SuppressFinalize(this);
    }

    protected override void OnInitialized()
    {
        Volatile.Write(ref _snapshot, Live.Current);
    }

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender && _following is null)
        {
            _throttle = new RenderThrottle(RenderInterval, () => InvokeAsync(StateHasChanged), Time);
            _following = Task.Run(() => FollowAsync(_stop.Token));
        }
    }

    /// <summary>Whether a change needs this component to render; a seat page only cares about its own seat.</summary>
    protected virtual bool IsRelevant(LiveChange change) => true;

    protected virtual ValueTask DisposeCoreAsync() => ValueTask.CompletedTask;

    private async Task FollowAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            var changes = Live.SubscribeAsync(ct);
            var current = Live.Current;
            var seen = current.Sequence;
            if (current.Sequence != Snapshot.Sequence)
            {
                // Catch up with whatever happened between the first render and now (or while lagging).
                Volatile.Write(ref _snapshot, current);
                _throttle!.Request();
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

                    if (IsRelevant(change))
                    {
                        _throttle!.Request();
                    }
                }
            }
            catch (SubscriberLaggedException)
            {
                // Fell behind: the loop takes Current again and resubscribes, so nothing is skipped silently.
            }
        }
    }
}
