using System.Runtime.CompilerServices;
using System.Security.Cryptography;

using ResultsLive.Core.Model;

namespace ResultsLive.Feed;

/// <summary>The embedded journal: one process, no Redis, lost on restart. The default for the demo and a single node.</summary>
public sealed class InMemoryDeclarationJournal : IDeclarationJournal
{
    private const int TailPage = 256;

    private readonly Lock _lock = new();
    private readonly List<JournalEntry> _entries = [];
    private readonly Dictionary<string, int> _revisions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (long Sequence, string Identity)> _identities = new(StringComparer.Ordinal);
    private readonly AppendSignal _appended = new();
    private readonly TimeProvider _time;
    private string _epoch = NewEpoch();

    public InMemoryDeclarationJournal(TimeProvider? time = null)
    {
        _time = time ?? TimeProvider.System;
    }

    public Task<AppendResult> AppendDeclarationAsync(Declaration declaration, Provenance provenance, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(declaration);
        ArgumentNullException.ThrowIfNull(provenance);
        ct.ThrowIfCancellationRequested();
        var identity = JournalFormat.Identity(declaration);
        var seat = JournalFormat.SeatKey(declaration.Constituency);
        var key = $"{seat}#{declaration.Revision}";
        AppendResult result;
        lock (_lock)
        {
            var current = _revisions.TryGetValue(seat, out var revision) ? revision : (int?)null;
            if (_identities.TryGetValue(key, out var existing) && existing.Identity == identity)
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
                // A copy of the list, so a caller that later changes its own cannot change history.
                var stored = declaration with { Candidates = [.. declaration.Candidates] };
                var entry = Add(JournalEntryKind.Declaration, declaration.Constituency, provenance, stored, null, null);
                _revisions[seat] = declaration.Revision;
                _identities[key] = (entry.Sequence, identity);
                result = new AppendResult(AppendOutcome.Appended, entry.Sequence, declaration.Revision);
            }
        }

        if (result.Outcome == AppendOutcome.Appended)
        {
            _appended.Pulse();
        }

        return Task.FromResult(result);
    }

    public Task<long> AppendStatusAsync(string constituency, SeatStatus status, Provenance provenance, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(constituency);
        ArgumentNullException.ThrowIfNull(provenance);
        ct.ThrowIfCancellationRequested();
        return Task.FromResult(AddAndPulse(JournalEntryKind.Status, constituency, provenance, null, status, null));
    }

    public Task<long> AppendExitPollAsync(ExitPoll exitPoll, Provenance provenance, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(exitPoll);
        ArgumentNullException.ThrowIfNull(provenance);
        ct.ThrowIfCancellationRequested();
        return Task.FromResult(AddAndPulse(JournalEntryKind.ExitPoll, "", provenance, null, null, exitPoll with { Parties = [.. exitPoll.Parties] }));
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

    public Task<JournalPosition> GetPositionAsync(CancellationToken ct)
    {
        lock (_lock)
        {
            return Task.FromResult(new JournalPosition(_epoch, _entries.Count));
        }
    }

    public Task<JournalPosition> RenewEpochAsync(string stale, CancellationToken ct)
    {
        lock (_lock)
        {
            if (_epoch == stale)
            {
                _epoch = NewEpoch();
            }

            return Task.FromResult(new JournalPosition(_epoch, _entries.Count));
        }
    }

    public Task<JournalHealth> CheckAsync(CancellationToken ct)
    {
        long last;
        string epoch;
        lock (_lock)
        {
            (last, epoch) = (_entries.Count, _epoch);
        }

        return Task.FromResult(new JournalHealth("in-memory", true, last, $"in-memory journal, {last} entries (lost when the process stops)", epoch));
    }

    /// <summary>Twelve hex digits: enough that two journals never share one, short enough to sit in every id.</summary>
    internal static string NewEpoch() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));

    private long AddAndPulse(JournalEntryKind kind, string constituency, Provenance provenance, Declaration? declaration, SeatStatus? status, ExitPoll? exitPoll)
    {
        long sequence;
        lock (_lock)
        {
            sequence = Add(kind, constituency, provenance, declaration, status, exitPoll).Sequence;
        }

        _appended.Pulse();
        return sequence;
    }

    /// <summary>Called under the lock: sequences are the list positions plus one, so they are dense by construction.</summary>
    private JournalEntry Add(JournalEntryKind kind, string constituency, Provenance provenance, Declaration? declaration, SeatStatus? status, ExitPoll? exitPoll)
    {
        var entry = new JournalEntry(_entries.Count + 1, kind, constituency, _time.GetUtcNow(), declaration, status, provenance, exitPoll);
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
