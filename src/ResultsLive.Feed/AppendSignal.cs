namespace ResultsLive.Feed;

/// <summary>
/// Wakes every waiter at once when something new arrives. A waiter takes <see cref="Next"/> before it looks for new
/// entries, so an arrival between the look and the wait still wakes it.
/// </summary>
internal sealed class AppendSignal
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Next => Volatile.Read(ref _next).Task;

    public void Pulse()
    {
        var fired = Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        fired.TrySetResult();
    }
}
