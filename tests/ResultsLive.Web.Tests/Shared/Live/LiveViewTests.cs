using System.Threading.Channels;

using Bunit;

using ResultsLive.Feed;
using ResultsLive.Web.Shared.Live;

namespace ResultsLive.Web.Tests.Shared.Live;

/// <summary>
/// The live path of every page: a circuit's <see cref="LiveView"/> subscribes once, re-renders the components following
/// it through one throttle, recovers from lagging, and stops when the circuit goes. The feed is driven through a Channel,
/// as the journal consumer drives it; time is a fake clock, so nothing here waits for a real 100 ms.
/// </summary>
public sealed class LiveViewTests : ComponentTestContext
{
    // Generous: a loaded CI machine may take seconds to schedule a background task; a pass never waits this long.
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    public LiveViewTests()
        : base(seats: 20, subscriberCapacity: 3)
    {
    }

    [Fact]
    public async Task Follow_IsolatedDeclaration_RendersAtOnceWithoutTheClockMoving()
    {
        var cut = Render<CountingLiveView>();
        Poll.Until(() => Feed.Live.SubscriberCount == 1, "the subscription");
        var before = cut.Instance.Renders;

        await PumpAsync(Feed.Entry(Feed.Night[0]));

        cut.WaitForAssertion(() => Assert.Equal("1", cut.Find("#sequence").TextContent), Wait);
        Assert.Equal(before + 1, cut.Instance.Renders);
    }

    [Fact]
    public async Task Follow_BurstOfDeclarations_RendersOnceAtTheLeadingEdgeThenOnceWhenTheIntervalIsUp()
    {
        var cut = Render<CountingLiveView>();
        Poll.Until(() => Feed.Live.SubscriberCount == 1, "the subscription");

        // Three entries, each published on its own: the first renders at once, the other two wait for the window.
        await PumpAsync(Feed.Entry(Feed.Night[0]));
        cut.WaitForAssertion(() => Assert.Equal("1", cut.Find("#sequence").TextContent), Wait);
        Assert.Equal(1, View.Renders);
        await PumpAsync(Feed.Entry(Feed.Night[1]), Feed.Entry(Feed.Night[2]));
        Poll.Until(() => View.Snapshot.Sequence == 3, "the burst to be taken");

        // The fake clock runs due timers inside Advance: one tick short of the interval, the throttle has not rendered again.
        Time.Advance(LiveOptionsDefaults.RenderInterval - TimeSpan.FromMilliseconds(1));
        Assert.Equal(1, View.Renders);

        Time.Advance(TimeSpan.FromMilliseconds(1));

        cut.WaitForAssertion(() => Assert.Equal("3", cut.Find("#sequence").TextContent), Wait);
        Assert.Equal(2, View.Renders);
    }

    [Fact]
    public void Follow_TwoComponentsInOneCircuit_ShareOneSubscriptionAndRenderOnlyWhatIsRelevant()
    {
        var seat = Feed.Night[0].Constituency;
        var everything = Render<CountingLiveView>();
        var oneSeat = Render<CountingLiveView>(p => p.Add(c => c.Relevant, change => change.Entry.Constituency == seat));
        Poll.Until(() => View.IsFollowing && Feed.Live.SubscriberCount == 1, "the circuit's one subscription");
        var (everythingBefore, oneSeatBefore) = (everything.Instance.Renders, oneSeat.Instance.Renders);

        Feed.Declare(1);
        everything.WaitForAssertion(() => Assert.Equal("1", everything.Find("#sequence").TextContent), Wait);
        AdvanceUntil(() => View.Renders >= 1, "the first render");
        Feed.Declare(0);
        AdvanceUntil(() => everything.Find("#sequence").TextContent == "2", "the second declaration on the page that follows everything");

        oneSeat.WaitForAssertion(() => Assert.Equal("2", oneSeat.Find("#sequence").TextContent), Wait);
        Assert.Equal(everythingBefore + 2, everything.Instance.Renders);
        Assert.Equal(oneSeatBefore + 1, oneSeat.Instance.Renders);
        Assert.Equal(1, Feed.Live.SubscriberCount);
    }

    [Fact]
    public void Follow_SubscriberLagsBehind_ResubscribesAndShowsTheCurrentState()
    {
        var cut = Render<CountingLiveView>();
        Poll.Until(() => Feed.Live.SubscriberCount == 1, "the subscription");

        // A batch publishes more changes at once than the subscriber's capacity (3): it is cut off as lagging.
        Feed.Live.ApplyBatch([.. Feed.Night.Take(8).Select(Feed.Entry)]);

        AdvanceUntil(() => cut.Find("#sequence").TextContent == "8", "the current state after lagging");
        Poll.Until(() => Feed.Live.SubscriberCount == 1, "the new subscription");
    }

    [Fact]
    public async Task Dispose_ComponentThenCircuit_StopsRenderingThenEndsTheSubscription()
    {
        var cut = Render<CountingLiveView>();
        Poll.Until(() => Feed.Live.SubscriberCount == 1, "the subscription");

        await DisposeComponentsAsync();
        await View.DisposeAsync();

        Assert.Equal(0, Feed.Live.SubscriberCount);
        Assert.Throws<ObjectDisposedException>(() => View.Follow(() => Task.CompletedTask));
    }

    /// <summary>Feeds entries through a channel to a pump that applies them, like the journal consumer tailing the journal.</summary>
    private async Task PumpAsync(params JournalEntry[] entries)
    {
        var channel = Channel.CreateUnbounded<JournalEntry>();
        var pump = Task.Run(async () =>
        {
            await foreach (var entry in channel.Reader.ReadAllAsync())
            {
                Feed.Live.Apply(entry);
            }
        });
        foreach (var entry in entries)
        {
            await channel.Writer.WriteAsync(entry);
        }

        channel.Writer.Complete();
        await pump;
    }

    private static class LiveOptionsDefaults
    {
        public static TimeSpan RenderInterval { get; } = new LiveOptions().RenderInterval;
    }
}
