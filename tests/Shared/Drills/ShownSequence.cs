using System.Diagnostics;

namespace ResultsLive.Testing;

/// <summary>
/// The highest sequence a follower has shown and the <see cref="Stopwatch"/> timestamp it first did, which a drill waits on
/// without polling.
/// </summary>
public sealed class ShownSequence
{
    private readonly Lock _lock = new();
    private long _sequence;
    private long _shownAt;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public long Sequence
    {
        get
        {
            lock (_lock)
            {
                return _sequence;
            }
        }
    }

    /// <summary>Records that <paramref name="sequence"/> is shown now; a sequence no higher than one already shown changes nothing.</summary>
    public void Shown(long sequence)
    {
        TaskCompletionSource changed;
        lock (_lock)
        {
            if (sequence <= _sequence)
            {
                return;
            }

            (_sequence, _shownAt) = (sequence, Stopwatch.GetTimestamp());
            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        changed.TrySetResult();
    }

    /// <summary>Waits until <paramref name="sequence"/> (or a later one) is shown, and returns the timestamp it was.</summary>
    public async Task<long> WaitForAsync(long sequence, CancellationToken ct)
    {
        while (true)
        {
            Task changed;
            lock (_lock)
            {
                if (_sequence >= sequence)
                {
                    return _shownAt;
                }

                changed = _changed.Task;
            }

            await changed.WaitAsync(ct).ConfigureAwait(false);
        }
    }
}
