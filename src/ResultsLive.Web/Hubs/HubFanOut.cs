namespace ResultsLive.Web.Hubs;

/// <summary>
/// A broadcaster's pushes, sent in order without waiting for every connection to take each one.
/// </summary>
/// <remarks>
/// A SignalR group send completes when the slowest connection in the group has taken the message. Awaited push by push,
/// one client that stopped reading (a phone whose page froze) held every other client's next push until SignalR closed
/// it, <c>ResultsLive:Push:SendTimeout</c> (10 s) later. Sent without waiting, each connection still gets its pushes in
/// order (SignalR queues a connection's writes first come, first served, and each send queues on every connection before
/// the next begins), and SignalR still closes a connection that cannot take one in time. At most
/// <see cref="MaxInFlight"/> pushes are outstanding: past that (a replay at full speed to a slow client), the next waits
/// for the oldest, so the node never holds pushes without bound.
/// </remarks>
public sealed partial class HubFanOut(ILogger logger)
{
    public const int MaxInFlight = 256;

    private readonly Queue<Task> _inFlight = new();

    private int _pending;

    /// <summary>Pushes sent and not yet taken by every connection they were sent to; safe to read from any thread.</summary>
    public int Pending => Volatile.Read(ref _pending);

    /// <summary>
    /// Takes a push that has been sent (the task of a hub send) and returns as soon as another may be sent. Called from one
    /// loop at a time, as a broadcaster does.
    /// </summary>
    public async ValueTask SentAsync(Task push)
    {
        ArgumentNullException.ThrowIfNull(push);
        Retire();
        if (_inFlight.Count >= MaxInFlight)
        {
            await _inFlight.Dequeue().ConfigureAwait(false); // observed: never throws
        }

        if (!push.IsCompletedSuccessfully)
        {
            Interlocked.Increment(ref _pending);
            _inFlight.Enqueue(ObserveAsync(push));
        }
    }

    private void Retire()
    {
        while (_inFlight.TryPeek(out var oldest) && oldest.IsCompleted)
        {
            _inFlight.Dequeue();
        }
    }

    /// <summary>A send that fails is logged here, as nobody else awaits it (SignalR itself closes a connection whose write failed).</summary>
    private async Task ObserveAsync(Task push)
    {
        await push.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        Interlocked.Decrement(ref _pending);
        if (push.Exception is { } failed)
        {
            LogSendFailed(logger, failed.GetBaseException());
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A hub push failed to reach some connections; SignalR closes them, and their clients reconnect and catch up")]
    private static partial void LogSendFailed(ILogger logger, Exception exception);
}
