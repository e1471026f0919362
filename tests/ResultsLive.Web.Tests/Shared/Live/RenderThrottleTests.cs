using Microsoft.Extensions.Time.Testing;

using ResultsLive.Web.Shared.Live;

namespace ResultsLive.Web.Tests.Shared.Live;

public sealed class RenderThrottleTests : IDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);
    private readonly FakeTimeProvider _time = new();
    private readonly RenderThrottle _throttle;
    private int _renders;

    public RenderThrottleTests()
    {
        _throttle = new RenderThrottle(Interval, () =>
        {
            Interlocked.Increment(ref _renders);
            return Task.CompletedTask;
        }, _time);
    }

    public void Dispose() => _throttle.Dispose();

    [Fact]
    public void Request_AfterAQuietSpell_RendersAtOnce()
    {
        _throttle.Request();

        Assert.Equal(1, _renders);

        _time.Advance(TimeSpan.FromSeconds(5));
        _throttle.Request();

        Assert.Equal(2, _renders);
    }

    [Fact]
    public void Request_BurstWithinTheInterval_RendersOnceMoreWhenTheIntervalIsUp()
    {
        _throttle.Request();
        for (var i = 0; i < 50; i++)
        {
            _time.Advance(TimeSpan.FromMilliseconds(1));
            _throttle.Request();
        }

        // Leading edge only so far: the burst waits for the interval that started with the first render.
        Assert.Equal(1, _renders);

        _time.Advance(TimeSpan.FromMilliseconds(49));
        Assert.Equal(1, _renders);

        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(2, _renders);

        // Nothing more was asked for, so nothing more happens.
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(2, _renders);
    }

    [Fact]
    public void Request_SteadyStreamEvery10ms_RendersAtMostOncePer100ms()
    {
        for (var i = 0; i < 100; i++)
        {
            _throttle.Request();
            _time.Advance(TimeSpan.FromMilliseconds(10));
        }

        _time.Advance(Interval);

        // One second of requests: the leading render plus one per 100 ms, and the last request still lands.
        Assert.InRange(_renders, 10, 11);
        Assert.Equal(_renders, _throttle.Renders);
    }

    [Fact]
    public void Request_AfterDispose_DoesNotRender()
    {
        _throttle.Request();
        _throttle.Request();
        _throttle.Dispose();

        _time.Advance(TimeSpan.FromSeconds(1));
        _throttle.Request();

        Assert.Equal(1, _renders);
    }
}
