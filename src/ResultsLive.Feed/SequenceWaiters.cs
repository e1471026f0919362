namespace ResultsLive.Feed;

/// <summary>
/// Callers waiting for the projection to reach a sequence, ordered by that sequence, so each is woken exactly once, when
/// its own entry has been applied, rather than every waiter on every change only for most to look and wait again (with
/// fifty ingest requests in flight, fifty wake-ups a change).
/// </summary>
/// <remarks>
/// A waiter whose caller gave up stays queued until its sequence arrives. That is bounded: a sequence is only waited for
/// after the journal acknowledged it, so the projection is on its way to it.
/// </remarks>
internal sealed class SequenceWaiters
{
    private readonly Lock _lock = new();
    private readonly PriorityQueue<TaskCompletionSource, long> _waiting = new();
    private long _reached;

    /// <summary>Completes once <see cref="Reach"/> has been called with <paramref name="sequence"/> or more.</summary>
    public Task WaitAsync(long sequence)
    {
        lock (_lock)
        {
            if (sequence <= _reached)
            {
                return Task.CompletedTask;
            }

            var waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiting.Enqueue(waiter, sequence);
            return waiter.Task;
        }
    }

    /// <summary>
    /// The projection started again at <paramref name="sequence"/> of another journal: what is waited for above it is
    /// waited for in the new numbering (ingest gives up after a moment anyway), what is at or below it wakes.
    /// </summary>
    public void Reset(long sequence)
    {
        lock (_lock)
        {
            _reached = sequence;
        }

        Reach(sequence);
    }

    /// <summary>Records that everything up to <paramref name="sequence"/> is visible and wakes whoever waited for it.</summary>
    public void Reach(long sequence)
    {
        List<TaskCompletionSource>? due = null;
        lock (_lock)
        {
            _reached = Math.Max(_reached, sequence);
            while (_waiting.TryPeek(out var waiter, out var wanted) && wanted <= _reached)
            {
                _waiting.Dequeue();
                (due ??= []).Add(waiter);
            }
        }

        // Outside the lock: completing runs nothing inline (continuations are asynchronous), but there is no need to hold it.
        foreach (var waiter in due ?? [])
        {
            waiter.TrySetResult();
        }
    }
}
