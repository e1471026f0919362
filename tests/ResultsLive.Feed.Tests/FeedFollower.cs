namespace ResultsLive.Feed.Tests;

/// <summary>
/// Follows the feed as every live page and the hub broadcaster do: subscribe, take Current, take each change above it,
/// and on <see cref="SubscriberLaggedException"/> (a <see cref="ProjectionResetException"/> too) take Current again and
/// resubscribe. <see cref="Shown"/> is what a page following it would be showing.
/// </summary>
internal sealed class FeedFollower(LiveResults live)
{
    private readonly Lock _lock = new();
    private readonly List<(Func<LiveSnapshot, bool> Wanted, TaskCompletionSource Seen)> _waiting = [];

    public LiveSnapshot? Shown { get; private set; }

    /// <summary>How the last subscription ended, if it was told to resynchronise.</summary>
    public SubscriberLaggedException? Ended { get; private set; }

    /// <summary>Completes when the follower shows a state that <paramref name="wanted"/> accepts.</summary>
    public Task ShowsAsync(Func<LiveSnapshot, bool> wanted)
    {
        lock (_lock)
        {
            if (Shown is { } shown && wanted(shown))
            {
                return Task.CompletedTask;
            }

            var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiting.Add((wanted, seen));
            return seen.Task;
        }
    }

    public async Task RunAsync(CancellationToken ct)
    {
        try
        {
            while (!ct.IsCancellationRequested)
            {
                var changes = live.SubscribeAsync(ct);
                var current = live.Current;
                Show(current);
                try
                {
                    await foreach (var change in changes.ConfigureAwait(false))
                    {
                        // (Epoch, Sequence), not the sequence alone: a rebuilt journal numbers its entries from 1 again.
                        if (change.Snapshot.Epoch != current.Epoch || change.Sequence > current.Sequence)
                        {
                            current = change.Snapshot;
                            Show(current);
                        }
                    }
                }
                catch (SubscriberLaggedException lagged)
                {
                    Ended = lagged;
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    private void Show(LiveSnapshot snapshot)
    {
        lock (_lock)
        {
            Shown = snapshot;
            foreach (var (wanted, seen) in _waiting.Where(w => w.Wanted(snapshot)).ToList())
            {
                seen.TrySetResult();
                _waiting.Remove((wanted, seen));
            }
        }
    }
}
