using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace ResultsLive.Feed;

// Publishing to subscribers. Each has its own bounded channel, written without ever waiting: a reader that stops reading
// must not stall the projection for everyone else, and dropping a change silently would leave a screen wrong for good.
// So a subscriber that fills its channel is cut off with SubscriberLaggedException after the changes it already has,
// and resynchronises from Current: no change is ever skipped without it being told.
public sealed partial class LiveResults
{
    private readonly int _subscriberCapacity;
    private readonly List<Subscriber> _subscribers = [];
    private int _nextFirst;

    /// <summary>
    /// Every change applied after this call, in order. The subscription starts when this is called, not on the first
    /// MoveNextAsync, so <c>var changes = live.SubscribeAsync(ct); var snapshot = live.Current;</c> misses nothing
    /// (skip changes at or below <c>snapshot.Sequence</c>). Ends when <paramref name="ct"/> is cancelled, or with
    /// <see cref="SubscriberLaggedException"/> if the reader falls <c>subscriberCapacity</c> changes behind.
    /// </summary>
    public IAsyncEnumerable<LiveChange> SubscribeAsync(CancellationToken ct)
    {
        var subscriber = new Subscriber(this, Channel.CreateBounded<LiveChange>(new BoundedChannelOptions(_subscriberCapacity)
        {
            SingleReader = true,
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        }));
        lock (_lock)
        {
            _subscribers.Add(subscriber);
        }

        // A subscriber that is never enumerated still goes away when its token is cancelled.
        subscriber.Registration = ct.Register(static state => ((Subscriber)state!).Close(), subscriber);
        return ReadAsync(subscriber, ct);
    }

    /// <summary>How many subscriptions are open; for health pages and for tests that check nothing leaks.</summary>
    public int SubscriberCount
    {
        get
        {
            lock (_lock)
            {
                return _subscribers.Count;
            }
        }
    }

    private static async IAsyncEnumerable<LiveChange> ReadAsync(Subscriber subscriber, [EnumeratorCancellation] CancellationToken ct)
    {
        try
        {
            await foreach (var change in subscriber.Channel.Reader.ReadAllAsync(ct).ConfigureAwait(false))
            {
                yield return change;
            }
        }
        finally
        {
            await subscriber.Registration.DisposeAsync().ConfigureAwait(false);
            subscriber.Close();
        }
    }

    private void Unsubscribe(Subscriber subscriber)
    {
        lock (_lock)
        {
            _subscribers.Remove(subscriber);
        }
    }

    /// <summary>Called under the lock, so every subscriber sees changes in sequence order.</summary>
    /// <remarks>
    /// Each change starts with the next subscriber along. Whoever is written first is woken, and so renders and is sent
    /// its page, first; with a fixed order the same viewers would wait for every other page on every declaration of the
    /// night. Rotating spreads that wait evenly.
    /// </remarks>
    private void Publish(LiveChange change)
    {
        var count = _subscribers.Count;
        if (count == 0)
        {
            return;
        }

        var first = _nextFirst % count;
        _nextFirst = first + 1;
        List<Subscriber>? lagged = null;
        for (var k = 0; k < count; k++)
        {
            var subscriber = _subscribers[(first + k) % count];
            if (!subscriber.Channel.Writer.TryWrite(change))
            {
                // Full, or completed by its cancellation: either way it gets nothing more.
                subscriber.Channel.Writer.TryComplete(new SubscriberLaggedException());
                (lagged ??= []).Add(subscriber);
            }
        }

        foreach (var subscriber in lagged ?? [])
        {
            _subscribers.Remove(subscriber);
        }
    }

    /// <summary>Under the lock: ends every subscription with <paramref name="reason"/>; readers get what they had, then it.</summary>
    private void EndSubscribers(SubscriberLaggedException reason)
    {
        foreach (var subscriber in _subscribers)
        {
            subscriber.Channel.Writer.TryComplete(reason);
        }

        _subscribers.Clear();
    }

    private sealed class Subscriber(LiveResults owner, Channel<LiveChange> channel)
    {
        public Channel<LiveChange> Channel { get; } = channel;

        public CancellationTokenRegistration Registration { get; set; }

        public void Close()
        {
            Channel.Writer.TryComplete();
            owner.Unsubscribe(this);
        }
    }
}
