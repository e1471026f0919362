namespace ResultsLive.Testing;

/// <summary>
/// Something a reader or a newsroom has open on a node through a drill (a stream, a hub client, a page, an output), which
/// must carry on showing the results through every failure.
/// </summary>
public interface IDrillFollower : IAsyncDisposable
{
    /// <summary>What it is and which node it is on, e.g. <c>hub A</c>.</summary>
    string Name { get; }

    /// <summary>The highest sequence it has shown.</summary>
    long Sequence { get; }

    /// <summary>How many times it lost its connection to the node and came back.</summary>
    int Reconnects { get; }

    /// <summary>Waits until it shows <paramref name="sequence"/>, and returns the <see cref="System.Diagnostics.Stopwatch"/> timestamp it did.</summary>
    Task<long> WaitForAsync(long sequence, CancellationToken ct);
}
