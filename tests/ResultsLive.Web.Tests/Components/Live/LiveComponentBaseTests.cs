using System.Threading.Channels;

using Bunit;

using ResultsLive.Feed;

namespace ResultsLive.Web.Tests.Components.Live;

/// <summary>
/// The live path of every page: subscribe, re-render through the throttle, recover from lagging, stop on dispose.
/// The feed is driven through a Channel, as the journal consumer drives it; time is a fake clock.
/// </summary>
public sealed class LiveComponentBaseTests : ComponentTestContext
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    public LiveComponentBaseTests()
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
    public async Task Follow_BurstOfDeclarations_RendersOnceAtTheLeadingEdgeThenOnceAfter100ms()
    {
        var cut = Render<CountingLiveView>();
        Poll.Until(() => Feed.Live.SubscriberCount == 1, "the subscription");
        var before = cut.Instance.Renders;

        // Three entries, each published on its own: the first renders at once, the other two wait for the window.
        await PumpAsync(Feed.Entry(Feed.Night[0]));
        cut.WaitForAssertion(() => Assert.Equal("1", cut.Find("#sequence").TextContent), Wait);
        await PumpAsync(Feed.Entry(Feed.Night[1]), Feed.Entry(Feed.Night[2]));
        Poll.Until(() => cut.Instance.LatestSequence == 3, "the burst to be taken");

        Time.Advance(TimeSpan.FromMilliseconds(99));
        await Task.Delay(50);
        Assert.Equal("1", cut.Find("#sequence").TextContent);
        Assert.Equal(before + 1, cut.Instance.Renders);

        Time.Advance(TimeSpan.FromMilliseconds(1));

        cut.WaitForAssertion(() => Assert.Equal("3", cut.Find("#sequence").TextContent), Wait);
        Assert.Equal(before + 2, cut.Instance.Renders);
    }

    [Fact]
    public void Follow_SubscriberLagsBehind_ResubscribesAndShowsTheCurrentState()
    {
        var cut = Render<CountingLiveView>();
        Poll.Until(() => Feed.Live.SubscriberCount == 1, "the subscription");

        // A batch publishes more changes at once than the subscriber's capacity (3): it is cut off as lagging.
        Feed.Live.ApplyBatch([.. Feed.Night.Take(8).Select(Feed.Entry)]);
        Time.Advance(TimeSpan.FromSeconds(1));

        cut.WaitForAssertion(() => Assert.Equal("8", cut.Find("#sequence").TextContent), Wait);
        Poll.Until(() => Feed.Live.SubscriberCount == 1, "the subscription");
    }

    [Fact]
    public async Task DisposeAsync_Subscribed_CancelsTheSubscription()
    {
        var cut = Render<CountingLiveView>();
        Poll.Until(() => Feed.Live.SubscriberCount == 1, "the subscription");

        await DisposeComponentsAsync();

        Assert.Equal(0, Feed.Live.SubscriberCount);
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
}
