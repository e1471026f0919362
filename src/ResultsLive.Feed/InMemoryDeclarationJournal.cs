using System.Runtime.CompilerServices;

using ResultsLive.Core.Model;

namespace ResultsLive.Feed;

/// <summary>The embedded journal: one process, no Redis, lost on restart. The default for the demo and a single node.</summary>
public sealed class InMemoryDeclarationJournal : IDeclarationJournal
{
    private const int TailPage = 256;

    private readonly Lock _lock = new();
    private readonly List<JournalEntry> _entries = [];
    private readonly Dictionary<string, int> _revisions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (long Sequence, string Body)> _bodies = new(StringComparer.Ordinal);
    private readonly AppendSignal _appended = new();
    private readonly TimeProvider _time;

    public InMemoryDeclarationJournal(TimeProvider? time = null)
    {
        _time = time ?? TimeProvider.System;
    }

    public Task<AppendResult> AppendDeclarationAsync(Declaration declaration, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(declaration);
        ct.ThrowIfCancellationRequested();
        var body = DeclarationJson.Canonical(declaration);
        var seat = DeclarationJson.SeatKey(declaration.Constituency);
        var key = $"{seat}#{declaration.Revision}";
        AppendResult result;
        lock (_lock)
        {
            var current = _revisions.TryGetValue(seat, out var revision) ? revision : (int?)null;
            if (_bodies.TryGetValue(key, out var existing) && existing.Body == body)
            {
                result = new AppendResult(AppendOutcome.Repeated, existing.Sequence, current);
            }
            else if (declaration.Revision < current)
            {
                result = new AppendResult(AppendOutcome.Stale, 0, current);
            }
            else if (declaration.Revision == current)
            {
                result = new AppendResult(AppendOutcome.Conflict, 0, current);
            }
            else
            {
                // Stored from the canonical body, so a caller that later mutates its candidate list cannot change history.
                var entry = Add(JournalEntryKind.Declaration, declaration.Constituency, DeclarationJson.Parse(body), null);
                _revisions[seat] = declaration.Revision;
                _bodies[key] = (entry.Sequence, body);
                result = new AppendResult(AppendOutcome.Appended, entry.Sequence, declaration.Revision);
            }
        }

        if (result.Outcome == AppendOutcome.Appended)
        {
            _appended.Pulse();
        }

        return Task.FromResult(result);
    }

    public Task<long> AppendStatusAsync(string constituency, SeatStatus status, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(constituency);
        ct.ThrowIfCancellationRequested();
        long sequence;
        lock (_lock)
        {
            sequence = Add(JournalEntryKind.Status, constituency, null, status).Sequence;
        }

        _appended.Pulse();
        return Task.FromResult(sequence);
    }

    public async IAsyncEnumerable<JournalEntry> ReadAfterAsync(long after, int max, [EnumeratorCancellation] CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(after);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
        await Task.CompletedTask.ConfigureAwait(false);
        foreach (var entry in Slice(after, max))
        {
            ct.ThrowIfCancellationRequested();
            yield return entry;
        }
    }

    public async IAsyncEnumerable<JournalEntry> TailAsync(long after, [EnumeratorCancellation] CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(after);
        var last = after;
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            var wake = _appended.Next;
            var page = Slice(last, TailPage);
            foreach (var entry in page)
            {
                yield return entry;
                last = entry.Sequence;
            }

            if (page.Count == 0)
            {
                await wake.WaitAsync(ct).ConfigureAwait(false);
            }
        }
    }

    public Task<JournalHealth> CheckAsync(CancellationToken ct)
    {
        long last;
        lock (_lock)
        {
            last = _entries.Count;
        }

        return Task.FromResult(new JournalHealth("in-memory", true, last, $"in-memory journal, {last} entries (lost when the process stops)"));
    }

    /// <summary>Called under the lock: sequences are the list positions plus one, so they are dense by construction.</summary>
    private JournalEntry Add(JournalEntryKind kind, string constituency, Declaration? declaration, SeatStatus? status)
    {
        var entry = new JournalEntry(_entries.Count + 1, kind, constituency, _time.GetUtcNow(), declaration, status);
        _entries.Add(entry);
        return entry;
    }

    private List<JournalEntry> Slice(long after, int max)
    {
        lock (_lock)
        {
            var start = (int)Math.Min(after, _entries.Count);
            return _entries.GetRange(start, Math.Min(max, _entries.Count - start));
        }
    }
}
