using Bunit;

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

using ResultsLive.Feed;
using ResultsLive.Web.Configuration;
using ResultsLive.Web.Public.Controls;
using ResultsLive.Web.Public.Fragments;
using ResultsLive.Web.Shared.Charts;
using ResultsLive.Web.Shared.Live;
using ResultsLive.Web.Shared.Markup;

namespace ResultsLive.Web.Tests.Shared;

/// <summary>
/// A bUnit context wired like the web host: the feed's <see cref="LiveResults"/>, the election, the circuit's
/// <see cref="LiveView"/> and the render caches, a fake clock for the render throttle, and strict JS interop in which only
/// the chart module and its calls are expected.
/// </summary>
public abstract class ComponentTestContext : BunitContext
{
    protected ComponentTestContext(int seats = 20, int subscriberCapacity = LiveResults.DefaultSubscriberCapacity, bool withHexmap = true)
    {
        Feed = new DemoFeed(seats, subscriberCapacity);
        Time = new FakeTimeProvider(DemoFeed.Now);
        var loaded = withHexmap ? Feed.Loaded : Feed.Loaded with { Hexmap = null };
        Services.AddSingleton(Feed.Live);
        Services.AddSingleton<TimeProvider>(Time);
        Services.AddSingleton(new ElectionContext(loaded, "demo", isDemo: true));
        Services.AddOptions<LiveOptions>();
        Services.AddScoped<LiveView>();
        Services.AddSingleton<ResultsMarkup>();
        Services.AddSingleton<ResultsCharts>();
        Services.AddSingleton<HexMapCache>();
        Services.AddLogging();
        Services.AddSingleton<FragmentLedger>();
        Services.AddSingleton<FragmentRenderer>();
        Services.AddSingleton<PublicParts>();

        JSInterop.Mode = JSRuntimeMode.Strict;
        ChartModule = JSInterop.SetupModule(ApexChart.ModulePath);
        ChartModule.SetupVoid("create", _ => true).SetVoidResult();
        // Strict mode: any other call (an update by interop, say) fails the test. Updates travel as element attributes.
        ChartModule.SetupVoid("destroy", _ => true).SetVoidResult();
    }

    public DemoFeed Feed { get; }

    public FakeTimeProvider Time { get; }

    public BunitJSModuleInterop ChartModule { get; }

    /// <summary>The chart definitions the components under test share (a singleton, as in the host).</summary>
    public ResultsCharts Charts => Services.GetRequiredService<ResultsCharts>();

    /// <summary>The test circuit's live view: the one every component rendered by this context follows.</summary>
    public LiveView View => Services.GetRequiredService<LiveView>();

    /// <summary>
    /// Moves the fake clock on in small steps until <paramref name="condition"/> holds: a throttled render lands whichever
    /// side of a step the page's feed loop takes the change, so the test does not race it.
    /// </summary>
    protected void AdvanceUntil(Func<bool> condition, string what) =>
        Poll.Until(
            () =>
            {
                Time.Advance(TimeSpan.FromMilliseconds(10));
                return condition();
            },
            what);
}
