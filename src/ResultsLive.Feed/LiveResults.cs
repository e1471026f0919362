using System.Collections.ObjectModel;

using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

using ResultsLive.Core.Arithmetic;
using ResultsLive.Core.Model;

namespace ResultsLive.Feed;

/// <summary>
/// A node's projection of the journal: applies each entry once, in order, through the Core arithmetic, and publishes an
/// immutable <see cref="LiveSnapshot"/> plus a <see cref="LiveChange"/> to every subscriber.
/// </summary>
/// <remarks>
/// One writer (the <see cref="JournalConsumer"/>) calls <see cref="Apply"/>; the lock only guards against misuse and keeps
/// snapshot and publication in the same order. Per entry the work is O(parties) in the tally plus copying the seat and
/// status arrays; nothing is recounted over all seats.
/// </remarks>
public sealed partial class LiveResults
{
    /// <summary>How many declared seats <see cref="LiveSnapshot.Recent"/> keeps.</summary>
    public const int RecentCapacity = 50;

    /// <summary>More than the entries of a whole election night, so only a reader that has stopped reading ever fills it.</summary>
    public const int DefaultSubscriberCapacity = 10_000;

    private static readonly HashSet<string> Modes = new(StringComparer.Ordinal) { "demo", "test", "live" };

    private readonly Lock _lock = new();
    private readonly NationalTally _tally;
    private readonly SeatResult?[] _seats;
    private readonly SeatStatus[] _statuses;
    private readonly List<SeatResult> _recent = new(RecentCapacity + 1);
    private readonly SequenceWaiters _waiters = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ILogger _logger;
    private LiveSnapshot _current;

    public LiveResults(Election election, string mode, int subscriberCapacity = DefaultSubscriberCapacity, ILogger<LiveResults>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(election);
        if (mode is null || !Modes.Contains(mode))
        {
            throw new ArgumentException($"mode must be demo, test or live, not '{mode}'", nameof(mode));
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(subscriberCapacity);
        Election = election;
        Mode = mode;
        _subscriberCapacity = subscriberCapacity;
        _logger = logger ?? NullLogger<LiveResults>.Instance;
        _tally = new NationalTally(election);
        _seats = new SeatResult?[election.SeatCount];
        _statuses = new SeatStatus[election.SeatCount];
        _current = new LiveSnapshot(0, mode, election, _tally.Snapshot(), Array.AsReadOnly(_seats.ToArray()), Array.AsReadOnly(_statuses.ToArray()), []);
    }

    public Election Election { get; }

    public string Mode { get; }

    /// <summary>The latest state; read it once per render and use that one object throughout.</summary>
    public LiveSnapshot Current => Volatile.Read(ref _current);

    /// <summary>True once the initial rebuild from the journal is done; until then pages should show "catching up".</summary>
    public bool IsCaughtUp => _ready.Task.IsCompleted;

    /// <summary>Completes when the initial rebuild from the journal is done.</summary>
    public Task Ready => _ready.Task;

    /// <summary>Called by the consumer once it has applied everything the journal held when it started.</summary>
    public void MarkCaughtUp() => _ready.TrySetResult();

    /// <summary>Applies one journal entry and publishes it; entries at or below the current sequence are ignored, so replays are harmless.</summary>
    public EntryOutcome Apply(JournalEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        lock (_lock)
        {
            var previous = _current;
            if (entry.Sequence <= previous.Sequence)
            {
                return EntryOutcome.AlreadyApplied;
            }

            var (outcome, change) = Mutate(entry);
            var snapshot = new LiveSnapshot(
                entry.Sequence,
                Mode,
                Election,
                change.National ? _tally.Snapshot() : previous.National,
                change.Seats ? Array.AsReadOnly(_seats.ToArray()) : previous.Seats,
                change.Statuses ? Array.AsReadOnly(_statuses.ToArray()) : previous.Statuses,
                change.Recent ? [.. _recent] : previous.Recent);
            Volatile.Write(ref _current, snapshot);
            var (seat, status) = SeatAt(change.Index);
            Publish(new LiveChange(entry.Sequence, entry, seat, status, snapshot));
            _waiters.Reach(entry.Sequence);
            return outcome;
        }
    }

    /// <summary>
    /// Applies many entries and builds one snapshot at the end: the rebuild on start-up, where publishing a state per entry
    /// would cost O(seats) each for states nobody looks at. Subscribers still get one change per entry, in order.
    /// </summary>
    /// <returns>How many entries were new (applied or rejected).</returns>
    public int ApplyBatch(IEnumerable<JournalEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        lock (_lock)
        {
            var sequence = _current.Sequence;
            var applied = new List<(JournalEntry Entry, SeatResult? Seat, SeatStatus Status)>();
            foreach (var entry in entries)
            {
                if (entry.Sequence <= sequence)
                {
                    continue;
                }

                var (_, change) = Mutate(entry);
                var (seat, status) = SeatAt(change.Index);
                applied.Add((entry, seat, status));
                sequence = entry.Sequence;
            }

            if (applied.Count == 0)
            {
                return 0;
            }

            var snapshot = new LiveSnapshot(
                sequence, Mode, Election, _tally.Snapshot(), Array.AsReadOnly(_seats.ToArray()), Array.AsReadOnly(_statuses.ToArray()), [.. _recent]);
            Volatile.Write(ref _current, snapshot);
            foreach (var (entry, seat, status) in applied)
            {
                Publish(new LiveChange(entry.Sequence, entry, seat, status, snapshot));
            }

            _waiters.Reach(sequence);
            return applied.Count;
        }
    }

    /// <summary>Completes once <see cref="Current"/> has reached <paramref name="sequence"/>: read-your-writes for ingest.</summary>
    public Task WaitForSequenceAsync(long sequence, CancellationToken ct) =>
        Current.Sequence >= sequence ? Task.CompletedTask : _waiters.WaitAsync(sequence).WaitAsync(ct);

    /// <summary>Changes the state, under the lock; says what changed so <see cref="Apply"/> copies only that.</summary>
    private (EntryOutcome Outcome, Changed Change) Mutate(JournalEntry entry)
    {
        var index = Election.ConstituencyIndex(entry.Declaration?.Constituency ?? entry.Constituency);
        if (index < 0)
        {
            return Reject(entry, index, "it is not a constituency of this election");
        }

        return entry.Kind switch
        {
            JournalEntryKind.Declaration when entry.Declaration is { } declaration => Declare(entry.Sequence, index, declaration),
            JournalEntryKind.Status when entry.Status is { } status => ChangeStatus(index, status),
            _ => Reject(entry, index, $"a {entry.Kind} entry without its {entry.Kind}"),
        };
    }

    private (EntryOutcome, Changed) Declare(long sequence, int index, Declaration declaration)
    {
        SeatResult result;
        try
        {
            result = SeatCalculator.Calculate(Election, declaration);
        }
        catch (Exception ex) when (ex is ArgumentException or OverflowException)
        {
            return Reject(sequence, declaration.Constituency, index, ex.Message);
        }

        // The tally throws half-way through an unknown party, so check them all before it starts.
        if (result.Candidates.Any(c => Election.PartyIndex(c.Party) < 0))
        {
            return Reject(sequence, declaration.Constituency, index, "a candidate's party is not in this election");
        }

        _tally.Apply(result);
        _seats[index] = result;
        _statuses[index] = SeatStatus.Declared;
        RemoveRecent(result.Constituency.Code);
        _recent.Insert(0, result);
        if (_recent.Count > RecentCapacity)
        {
            _recent.RemoveAt(_recent.Count - 1);
        }

        return (EntryOutcome.Applied, new Changed(index, true, true, true, true));
    }

    private (EntryOutcome, Changed) ChangeStatus(int index, SeatStatus status)
    {
        // Back to Awaiting withdraws a declared result (Core's Remove); a recount keeps the result until a correction arrives.
        var withdrawn = status == SeatStatus.Awaiting && _seats[index] is not null;
        if (withdrawn)
        {
            _tally.Remove(Election.Constituencies[index].Code);
            _seats[index] = null;
            RemoveRecent(Election.Constituencies[index].Code);
        }

        _statuses[index] = status;
        return (EntryOutcome.Applied, new Changed(index, withdrawn, withdrawn, true, withdrawn));
    }

    private (EntryOutcome, Changed) Reject(JournalEntry entry, int index, string reason) =>
        Reject(entry.Sequence, entry.Constituency, index, reason);

    private (EntryOutcome, Changed) Reject(long sequence, string constituency, int index, string reason)
    {
        LogRejected(_logger, sequence, constituency, reason);
        return (EntryOutcome.Rejected, new Changed(index, false, false, false, false));
    }

    /// <summary>A seat's result and status now; a rejected entry for an unknown seat has neither.</summary>
    private (SeatResult? Seat, SeatStatus Status) SeatAt(int index) =>
        index >= 0 ? (_seats[index], _statuses[index]) : (null, SeatStatus.Awaiting);

    private void RemoveRecent(string code)
    {
        var at = _recent.FindIndex(r => string.Equals(r.Constituency.Code, code, StringComparison.Ordinal));
        if (at >= 0)
        {
            _recent.RemoveAt(at);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Journal entry {Sequence} for '{Constituency}' was not applied: {Reason}")]
    private static partial void LogRejected(ILogger logger, long sequence, string constituency, string reason);

    /// <summary>Which parts of the state an entry touched, and the seat it was about (-1 for none).</summary>
    private readonly record struct Changed(int Index, bool National, bool Seats, bool Statuses, bool Recent);
}
