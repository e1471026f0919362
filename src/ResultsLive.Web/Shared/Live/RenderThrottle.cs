namespace ResultsLive.Web.Shared.Live;

/// <summary>
/// Coalesces render requests on the leading edge: a request after a quiet spell renders at once; requests in a burst
/// render at most once per <c>interval</c>, the last one always landing, so the final state is never left unrendered.
/// </summary>
/// <remarks>
/// Time comes from a <see cref="TimeProvider"/> so tests can drive it. <c>render</c> is called without a lock held, from
/// the caller's thread (leading edge) or a timer thread (trailing edge); it must marshal to the renderer itself.
/// </remarks>
public sealed class RenderThrottle : IDisposable
{
    private readonly Lock _lock = new();
    private readonly TimeSpan _interval;
    private readonly Func<Task> _render;
    private readonly TimeProvider _time;
    private readonly ITimer _timer;
    private long? _lastRender;
    private bool _trailingScheduled;
    private bool _disposed;

    public RenderThrottle(TimeSpan interval, Func<Task> render, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        ArgumentNullException.ThrowIfNull(render);
        ArgumentNullException.ThrowIfNull(time);
        _interval = interval;
        _render = render;
        _time = time;
        _timer = time.CreateTimer(static state => ((RenderThrottle)state!).OnTimer(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>How many renders this throttle has started; for tests and diagnostics.</summary>
    public int Renders { get; private set; }

    /// <summary>Asks for a render: now if the last one was at least an interval ago, otherwise once the interval is up.</summary>
    public void Request()
    {
        lock (_lock)
        {
            if (_disposed || _trailingScheduled)
            {
                return;
            }

            var now = _time.GetTimestamp();
            var since = _lastRender is { } last ? _time.GetElapsedTime(last, now) : TimeSpan.MaxValue;
            if (since < _interval)
            {
                _trailingScheduled = true;
                _timer.Change(_interval - since, Timeout.InfiniteTimeSpan);
                return;
            }

            _lastRender = now;
            Renders++;
        }

        Start();
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _disposed = true;
            _trailingScheduled = false;
        }

        _timer.Dispose();
    }

    private void OnTimer()
    {
        lock (_lock)
        {
            if (_disposed || !_trailingScheduled)
            {
                return;
            }

            _trailingScheduled = false;
            _lastRender = _time.GetTimestamp();
            Renders++;
        }

        Start();
    }

    private void Start()
    {
        // Fire and forget by design: the renderer reports its own failures, and a slow render must not hold up the feed.
        _ = _render();
    }
}
