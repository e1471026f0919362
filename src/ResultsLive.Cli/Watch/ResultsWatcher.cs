using System.Threading.Channels;

using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace ResultsLive.Cli.Watch;

/// <summary>
/// Follows a node's <c>/hubs/results</c> and hands each declaration's text to <c>print</c> exactly once, in sequence order.
/// Pushed messages carry the journal sequence: on a gap, or after a reconnect, the watcher asks for what it missed
/// (<c>GetDeclarationsAfter</c>) before printing anything newer, so nothing is skipped and nothing is printed twice.
/// </summary>
/// <remarks>
/// Hub handlers only queue what arrives; one loop does the work. Calling the hub from inside a handler could wait on
/// a reply that the connection cannot read until the handler returns.
/// </remarks>
internal sealed class ResultsWatcher : IAsyncDisposable
{
    private readonly HubConnection _connection;
    private readonly string _scope;
    private readonly string? _constituency;
    private readonly Func<string, Task> _print;
    private readonly Channel<Arrival> _arrivals = Channel.CreateUnbounded<Arrival>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stopping = new();
    private Task _loop = Task.CompletedTask;
    private long _last;

    public ResultsWatcher(Uri baseUrl, string? constituency, Func<string, Task> print, Action<IHubConnectionBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        _constituency = constituency;
        _scope = constituency is null ? "national" : $"constituency:{constituency}";
        _print = print;
        var builder = new HubConnectionBuilder()
            .WithUrl(new Uri(baseUrl, "hubs/results"))
            .WithAutomaticReconnect(new ForeverRetryPolicy());
        configure?.Invoke(builder);
        _connection = builder.Build();
        _connection.On<DeclaredMessage>("Declared", m => _arrivals.Writer.TryWrite(new Arrival(m.Sequence, m.Text)));
        _connection.On<StatusChangedMessage>("StatusChanged", m => _arrivals.Writer.TryWrite(new Arrival(m.Sequence, null)));
        _connection.Reconnected += _ =>
        {
            _arrivals.Writer.TryWrite(Arrival.Reconnected);
            return Task.CompletedTask;
        };
    }

    public HubConnectionState State => _connection.State;

    /// <summary>The last journal sequence the watcher has accounted for.</summary>
    public long LastSequence => Interlocked.Read(ref _last);

    public event Action<string>? Notice;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await _connection.StartAsync(cancellationToken).ConfigureAwait(false);
        var snapshot = await _connection.InvokeAsync<SubscriptionSnapshot>("Subscribe", _scope, cancellationToken).ConfigureAwait(false);

        // The snapshot is the starting point: only what is declared after it is printed.
        Interlocked.Exchange(ref _last, snapshot.Sequence);
        Notice?.Invoke($"watching {_scope} from sequence {snapshot.Sequence}");
        _loop = Task.Run(() => ProcessAsync(_stopping.Token), CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        _arrivals.Writer.TryComplete();
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }

        await _connection.DisposeAsync().ConfigureAwait(false);
        _stopping.Dispose();
    }

    private async Task ProcessAsync(CancellationToken cancellationToken)
    {
        await foreach (var arrival in _arrivals.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            try
            {
                await HandleAsync(arrival, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is HubException or InvalidOperationException or HttpRequestException)
            {
                // The connection dropped mid-fetch; the reconnect queues a resync that picks up from the last sequence.
                Notice?.Invoke($"catching up failed ({ex.Message}); will retry after reconnecting");
            }
        }
    }

    private async Task HandleAsync(Arrival arrival, CancellationToken cancellationToken)
    {
        if (arrival.IsReconnect)
        {
            // Group membership does not survive a reconnect: join again, then fetch everything since the last sequence.
            var snapshot = await _connection.InvokeAsync<SubscriptionSnapshot>("Subscribe", _scope, cancellationToken).ConfigureAwait(false);
            Notice?.Invoke($"reconnected; catching up from sequence {LastSequence} to {snapshot.Sequence}");
            await FetchMissedAsync(snapshot.Sequence, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (arrival.Sequence <= LastSequence)
        {
            return;
        }

        if (arrival.Sequence > LastSequence + 1)
        {
            await FetchMissedAsync(arrival.Sequence - 1, cancellationToken).ConfigureAwait(false);
        }

        if (arrival.Sequence > LastSequence)
        {
            if (arrival.Text is not null)
            {
                await _print(arrival.Text).ConfigureAwait(false);
            }

            Interlocked.Exchange(ref _last, arrival.Sequence);
        }
    }

    /// <summary>Prints every declaration of this scope in (last, upTo] from the journal.</summary>
    private async Task FetchMissedAsync(long upTo, CancellationToken cancellationToken)
    {
        while (LastSequence < upTo)
        {
            var entries = await _connection.InvokeAsync<IReadOnlyList<JournalEntry>>("GetDeclarationsAfter", LastSequence, cancellationToken).ConfigureAwait(false);
            if (entries.Count == 0)
            {
                return;
            }

            foreach (var entry in entries.TakeWhile(e => e.Sequence <= upTo))
            {
                if (entry.Kind == "declaration" && entry.Text is not null
                    && (_constituency is null || string.Equals(entry.Constituency, _constituency, StringComparison.OrdinalIgnoreCase)))
                {
                    await _print(entry.Text).ConfigureAwait(false);
                }

                Interlocked.Exchange(ref _last, entry.Sequence);
            }

            if (entries[^1].Sequence >= upTo)
            {
                return;
            }
        }
    }

    /// <summary>Something that arrived from the hub: a pushed message (Text null for a status change) or a reconnect.</summary>
    private sealed record Arrival(long Sequence, string? Text)
    {
        public static Arrival Reconnected { get; } = new(-1, null);

        public bool IsReconnect => Sequence < 0;
    }

    /// <summary>Election night does not give up: retry at once, then every second or few, for as long as it takes.</summary>
    private sealed class ForeverRetryPolicy : IRetryPolicy
    {
        public TimeSpan? NextRetryDelay(RetryContext retryContext) =>
            retryContext.PreviousRetryCount switch
            {
                0 => TimeSpan.Zero,
                < 10 => TimeSpan.FromMilliseconds(500),
                _ => TimeSpan.FromSeconds(3),
            };
    }
}
