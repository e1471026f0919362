using System.Threading.Channels;

using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace ResultsLive.Testing;

/// <summary>
/// A client of a node's <c>/hubs/results</c> as a graphics renderer or a live blog should write one: it subscribes to the
/// national scope, applies each pushed declaration in sequence order, and when the connection comes back (automatic
/// reconnect, for ever) it subscribes again and asks <c>GetDeclarationsAfter</c> the last sequence it applied, as it does
/// on a gap, so it applies every entry once whatever it missed.
/// </summary>
/// <remarks>
/// Hub handlers only queue what arrives and one loop does the work, as <c>resultslive watch</c> does: a hub call made from
/// inside a handler could wait on a reply the connection cannot read until the handler returns.
/// </remarks>
public sealed class HubFollower : IDrillFollower
{
    private const string Scope = "national";

    /// <summary>What the loop is told when the connection comes back (pushed sequences are positive): catch up.</summary>
    private const long Reconnected = -1;

    private readonly HubConnection _connection;
    private readonly Channel<long> _arrivals = Channel.CreateUnbounded<long>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ShownSequence _applied = new();
    private readonly CancellationTokenSource _stop = new();
    private Task _loop = Task.CompletedTask;
    private int _reconnects;

    private HubFollower(Uri node, string name)
    {
        Name = name;
        _connection = new HubConnectionBuilder()
            .WithUrl(new Uri(node, "hubs/results"))
            .WithAutomaticReconnect(new ForeverRetryPolicy())
            .Build();
        _connection.On<Sequenced>("Declared", m => _arrivals.Writer.TryWrite(m.Sequence));
        _connection.On<Sequenced>("StatusChanged", m => _arrivals.Writer.TryWrite(m.Sequence));
        _connection.Reconnected += _ =>
        {
            Interlocked.Increment(ref _reconnects);
            _arrivals.Writer.TryWrite(Reconnected);
            return Task.CompletedTask;
        };
    }

    public string Name { get; }

    /// <summary>The highest sequence this client has applied (every one below it applied too).</summary>
    public long Sequence => _applied.Sequence;

    /// <summary>How many times the connection dropped and came back.</summary>
    public int Reconnects => Volatile.Read(ref _reconnects);

    /// <summary>Connects, subscribes to the national scope and starts applying what is pushed from its snapshot's sequence on.</summary>
    public static async Task<HubFollower> StartAsync(Uri node, string name, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(node);
        var follower = new HubFollower(node, name);
        try
        {
            await follower._connection.StartAsync(ct).ConfigureAwait(false);
            var snapshot = await follower._connection.InvokeAsync<Sequenced>("Subscribe", Scope, ct).ConfigureAwait(false);
            follower._applied.Shown(snapshot.Sequence);
            follower._loop = Task.Run(() => follower.ApplyAsync(follower._stop.Token), CancellationToken.None);
            return follower;
        }
        catch
        {
            await follower.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public Task<long> WaitForAsync(long sequence, CancellationToken ct) => _applied.WaitForAsync(sequence, ct);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _arrivals.Writer.TryComplete();
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopped by us.
        }

        await _connection.DisposeAsync().ConfigureAwait(false);
        _stop.Dispose();
    }

    private async Task ApplyAsync(CancellationToken ct)
    {
        await foreach (var arrival in _arrivals.Reader.ReadAllAsync(ct).ConfigureAwait(false))
        {
            try
            {
                if (arrival == Reconnected)
                {
                    // Group membership does not survive a reconnect: join again, then fetch everything after the last applied.
                    var snapshot = await _connection.InvokeAsync<Sequenced>("Subscribe", Scope, ct).ConfigureAwait(false);
                    await CatchUpAsync(snapshot.Sequence, ct).ConfigureAwait(false);
                }
                else if (arrival > Sequence)
                {
                    // A pushed message after a gap: what is missing first, from the journal as this node applied it.
                    await CatchUpAsync(arrival - 1, ct).ConfigureAwait(false);
                    _applied.Shown(arrival);
                }
            }
            catch (Exception ex) when (ex is HubException or InvalidOperationException or HttpRequestException or IOException)
            {
                // The connection dropped mid-call; the reconnect that follows queues another catch-up from the last applied.
            }
        }
    }

    /// <summary>Applies every entry in (last applied, <paramref name="upTo"/>] from <c>GetDeclarationsAfter</c>, 1,000 a call.</summary>
    private async Task CatchUpAsync(long upTo, CancellationToken ct)
    {
        while (Sequence < upTo)
        {
            var entries = await _connection.InvokeAsync<IReadOnlyList<Sequenced>>("GetDeclarationsAfter", Sequence, ct).ConfigureAwait(false);
            if (entries.Count == 0)
            {
                // This node has not applied them yet (it is rebuilding after a restart): they will be pushed as it does.
                return;
            }

            foreach (var entry in entries.TakeWhile(e => e.Sequence <= upTo))
            {
                _applied.Shown(entry.Sequence);
            }

            if (entries[^1].Sequence >= upTo)
            {
                return;
            }
        }
    }

    /// <summary>The one field of a pushed message, a snapshot or a journal entry that following the feed needs.</summary>
    private sealed record Sequenced(long Sequence);

    /// <summary>Election night does not give up: at once, then every half second for the first few seconds, then every second.</summary>
    private sealed class ForeverRetryPolicy : IRetryPolicy
    {
        public TimeSpan? NextRetryDelay(RetryContext retryContext) =>
            retryContext.PreviousRetryCount switch
            {
                0 => TimeSpan.Zero,
                < 10 => TimeSpan.FromMilliseconds(500),
                _ => TimeSpan.FromSeconds(1),
            };
    }
}
