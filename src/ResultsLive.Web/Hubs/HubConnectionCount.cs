namespace ResultsLive.Web.Hubs;

/// <summary>How many clients this node's <see cref="ResultsHub"/> has, so the broadcaster builds no messages for nobody.</summary>
public sealed class HubConnectionCount
{
    private int _count;

    public int Current => Volatile.Read(ref _count);

    public void Connected() => Interlocked.Increment(ref _count);

    public void Disconnected() => Interlocked.Decrement(ref _count);
}
