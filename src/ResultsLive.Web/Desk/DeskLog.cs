using System.Threading.Channels;

namespace ResultsLive.Web.Desk;

/// <summary>
/// Every declaration revision of the night in sequence order, with what the projection computed for it: the one list the
/// desk, <c>GET /api/v1/alerts</c>, the Atom feeds and the webhooks read. Appended to by one writer; read without locks.
/// </summary>
/// <remarks>
/// About 700 entries on a general election night, each sharing the seat result the projection holds anyway, so nothing
/// is evicted. Readers get an immutable view (<see cref="Entries"/>) and can wait for the next append.
/// </remarks>
public sealed class DeskLog
{
    private readonly Lock _lock = new();
    private readonly List<Channel<DeskEntry>> _subscribers = [];
    private IReadOnlyList<DeskEntry> _entries = [];
    private TaskCompletionSource _appended = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Every entry so far, oldest first; an immutable list, so hold on to it for as long as a render or request needs.</summary>
    public IReadOnlyList<DeskEntry> Entries => Volatile.Read(ref _entries);

    /// <summary>The sequence of the latest entry, 0 before the first.</summary>
    public long Sequence => Entries is { Count: > 0 } entries ? entries[^1].Sequence : 0;

    /// <summary>The epoch of the journal the entries came from; empty before the first.</summary>
    public string Epoch => Entries is { Count: > 0 } entries ? entries[^1].Epoch : "";

    private readonly TaskCompletionSource _live = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>
    /// Entries at or below this sequence were already in the journal when this node started: history to show, not news to
    /// push or sound an alert for.
    /// </summary>
    public long LiveFrom { get; private set; }

    /// <summary>Completes once <see cref="LiveFrom"/> is known (the projection has caught up with the journal).</summary>
    public Task Live => _live.Task;

    public void MarkLive(long sequence)
    {
        LiveFrom = sequence;
        _live.TrySetResult();
    }

    /// <summary>Completes at the next append (a cheap way for a poller to wait).</summary>
    public Task Appended => Volatile.Read(ref _appended).Task;

    /// <summary>Entries with a sequence above <paramref name="after"/>, oldest first, at most <paramref name="max"/>.</summary>
    public IReadOnlyList<DeskEntry> After(long after, int max = int.MaxValue)
    {
        var entries = Entries;
        int low = 0, high = entries.Count;
        while (low < high)
        {
            var middle = low + ((high - low) / 2);
            if (entries[middle].Sequence <= after)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        var count = Math.Min(entries.Count - low, max);
        return count <= 0 ? [] : entries.Skip(low).Take(count).ToArray();
    }

    /// <summary>Every revision of one seat, oldest first.</summary>
    public IReadOnlyList<DeskEntry> Revisions(string constituency) =>
        [.. Entries.Where(e => string.Equals(e.Constituency, constituency, StringComparison.OrdinalIgnoreCase))];

    /// <summary>Called by the one writer in sequence order; an entry at or below the latest sequence is a replay and ignored.</summary>
    public void Append(DeskEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        TaskCompletionSource appended;
        lock (_lock)
        {
            var entries = Entries;
            if (entries.Count > 0 && entry.Sequence <= entries[^1].Sequence)
            {
                return;
            }

            Volatile.Write(ref _entries, [.. entries, entry]);
            foreach (var subscriber in _subscribers)
            {
                subscriber.Writer.TryWrite(entry);
            }

            appended = _appended;
            Volatile.Write(ref _appended, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        }

        appended.TrySetResult();
    }

    /// <summary>Every entry after <paramref name="after"/>: those already here, then each new one, until cancelled.</summary>
    public async IAsyncEnumerable<DeskEntry> ReadAsync(long after, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var channel = Channel.CreateUnbounded<DeskEntry>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        IReadOnlyList<DeskEntry> backlog;
        lock (_lock)
        {
            backlog = After(after);
            _subscribers.Add(channel);
        }

        try
        {
            var seen = after;
            foreach (var entry in backlog)
            {
                seen = entry.Sequence;
                yield return entry;
            }

            await foreach (var entry in channel.Reader.ReadAllAsync(ct).ConfigureAwait(false))
            {
                if (entry.Sequence > seen)
                {
                    seen = entry.Sequence;
                    yield return entry;
                }
            }
        }
        finally
        {
            lock (_lock)
            {
                _subscribers.Remove(channel);
            }
        }
    }
}
