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
/// status arrays; nothing is recounted over all seats. An entry that cannot be decoded or applied is quarantined: the
/// sequence moves on (so nodes agree and waiters wake), the results are unchanged, and the snapshot counts it.
/// </remarks>
public sealed partial class LiveResults
{
    /// <summary>How many declared seats <see cref="LiveSnapshot.Recent"/> keeps.</summary>
    public const int RecentCapacity = 50;

    /// <summary>How many quarantined entries <see cref="LiveSnapshot.Quarantined"/> lists; the count goes on past it.</summary>
    public const int QuarantineCapacity = 100;

    /// <summary>More than the entries of a whole election night, so only a reader that has stopped reading ever fills it.</summary>
    public const int DefaultSubscriberCapacity = 10_000;

    private static readonly HashSet<string> Modes = new(StringComparer.Ordinal) { "demo", "test", "live" };

    private readonly Lock _lock = new();
    private readonly SeatResult?[] _seats;
    private readonly SeatStatus[] _statuses;
    private readonly List<SeatResult> _recent = new(RecentCapacity + 1);
    private readonly List<QuarantinedEntry> _quarantined = new(QuarantineCapacity + 1);
    private readonly SequenceWaiters _waiters = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ILogger _logger;
    private NationalTally _tally;
    private AppliedLog _log = new();
    private int _quarantinedCount;
    private string _epoch = "";
    private LiveSnapshot _current;
    private JournalLink _link = JournalLink.Starting;

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
        _current = Full(0);
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

    /// <summary>Whether this node hears from its journal now; pages say "results paused" while it does not.</summary>
    public JournalLink Link => Volatile.Read(ref _link);

    /// <summary>Called by the consumer whenever the journal answers.</summary>
    public void MarkHeard(DateTimeOffset at)
    {
        var link = Link;
        Volatile.Write(ref _link, link.Connected ? link with { LastHeard = at } : new JournalLink(true, at, at));
    }

    /// <summary>Called by the consumer when reading or checking the journal fails; the figures stay as they are.</summary>
    public void MarkLost(DateTimeOffset at)
    {
        var link = Link;
        if (link.Connected)
        {
            Volatile.Write(ref _link, link with { Connected = false, Since = at });
        }
    }

    /// <summary>Applies one journal entry and publishes it; entries at or below the current sequence are ignored, so replays are harmless.</summary>
    /// <returns><see cref="EntryOutcome.Rejected"/> for an entry that was quarantined.</returns>
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
                _epoch,
                Mode,
                Election,
                change.National ? _tally.Snapshot() : previous.National,
                change.Seats ? Array.AsReadOnly(_seats.ToArray()) : previous.Seats,
                change.Statuses ? Array.AsReadOnly(_statuses.ToArray()) : previous.Statuses,
                change.Recent ? [.. _recent] : previous.Recent,
                change.Quarantine ? QuarantineNow() : new QuarantineState(previous.Quarantined, previous.QuarantinedCount),
                _log);
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
    /// <returns>How many entries were new (applied or quarantined).</returns>
    public int ApplyBatch(IEnumerable<JournalEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        lock (_lock)
        {
            return ApplyAndPublish(entries);
        }
    }

    /// <summary>
    /// Starts again from <paramref name="entries"/>, the whole journal of epoch <paramref name="epoch"/>: the rebuild when a
    /// node starts, and when it finds the journal it followed replaced (a new epoch) or behind what it applied.
    /// </summary>
    /// <remarks>
    /// Before anything has been applied this is <see cref="ApplyBatch"/> under the epoch. After, the state is thrown away
    /// and rebuilt in one step, so nobody reads a half-built state, and every subscriber is ended with
    /// <see cref="ProjectionResetException"/>: the changes it had no longer add up to the new state, and like any lagging
    /// subscriber it takes <see cref="Current"/> and subscribes again.
    /// </remarks>
    public void Reset(string epoch, IEnumerable<JournalEntry> entries)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(epoch);
        ArgumentNullException.ThrowIfNull(entries);
        lock (_lock)
        {
            var previous = _current;
            if (previous.Sequence == 0)
            {
                _epoch = epoch;
                if (ApplyAndPublish(entries) == 0 && previous.Epoch != epoch)
                {
                    Volatile.Write(ref _current, Full(0));
                }

                return;
            }

            _tally = new NationalTally(Election);
            Array.Clear(_seats);
            Array.Clear(_statuses);
            _recent.Clear();
            _quarantined.Clear();
            _quarantinedCount = 0;
            _log = new AppliedLog();
            _epoch = epoch;
            var sequence = 0L;
            foreach (var entry in entries)
            {
                if (entry.Sequence > sequence)
                {
                    Mutate(entry);
                    sequence = entry.Sequence;
                }
            }

            Volatile.Write(ref _current, Full(sequence));
            EndSubscribers(new ProjectionResetException(previous.Epoch, previous.Sequence, epoch, sequence));
            _waiters.Reset(sequence);
            LogReset(_logger, previous.Epoch, previous.Sequence, epoch, sequence);
        }
    }

    /// <summary>Completes once <see cref="Current"/> has reached <paramref name="sequence"/>: read-your-writes for ingest.</summary>
    public Task WaitForSequenceAsync(long sequence, CancellationToken ct) =>
        Current.Sequence >= sequence ? Task.CompletedTask : _waiters.WaitAsync(sequence).WaitAsync(ct);

    /// <summary>Under the lock: applies the new entries, then one snapshot, then one change per entry.</summary>
    private int ApplyAndPublish(IEnumerable<JournalEntry> entries)
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

        var snapshot = Full(sequence);
        Volatile.Write(ref _current, snapshot);
        foreach (var (entry, seat, status) in applied)
        {
            Publish(new LiveChange(entry.Sequence, entry, seat, status, snapshot));
        }

        _waiters.Reach(sequence);
        return applied.Count;
    }

    /// <summary>The whole state as a snapshot, every part copied.</summary>
    private LiveSnapshot Full(long sequence) => new(
        sequence,
        _epoch,
        Mode,
        Election,
        _tally.Snapshot(),
        Array.AsReadOnly(_seats.ToArray()),
        Array.AsReadOnly(_statuses.ToArray()),
        [.. _recent],
        QuarantineNow(),
        _log);

    private QuarantineState QuarantineNow() => _quarantinedCount == 0 ? QuarantineState.None : new QuarantineState([.. _quarantined], _quarantinedCount);

    /// <summary>Changes the state, under the lock, and logs what it computed; says what changed so <see cref="Apply"/> copies only that.</summary>
    private (EntryOutcome Outcome, Changed Change) Mutate(JournalEntry entry)
    {
        switch (entry.Kind)
        {
            case JournalEntryKind.Quarantined:
                return Quarantine(entry, -1, entry.Problem ?? "the journal could not read it");
            case JournalEntryKind.ExitPoll:
                return entry.ExitPoll is { } exitPoll ? SetExitPoll(entry, exitPoll) : Quarantine(entry, -1, "an exit poll entry without its exit poll");
        }

        var index = Election.ConstituencyIndex(entry.Declaration?.Constituency ?? entry.Constituency ?? "");
        if (index < 0)
        {
            return Quarantine(entry, index, "it is not a constituency of this election");
        }

        return entry.Kind switch
        {
            JournalEntryKind.Declaration when entry.Declaration is { } declaration => Declare(entry, index, declaration),
            JournalEntryKind.Status when entry.Status is { } status && Enum.IsDefined(status) => ChangeStatus(entry, index, status),
            _ => Quarantine(entry, index, $"a {entry.Kind} entry without its {entry.Kind}"),
        };
    }

    private (EntryOutcome, Changed) Declare(JournalEntry entry, int index, Declaration declaration)
    {
        if (Implausible(declaration) is { } problem)
        {
            return Quarantine(entry, index, problem);
        }

        SeatResult result;
        try
        {
            result = SeatCalculator.Calculate(Election, declaration);
        }
        catch (Exception ex) when (ex is ArgumentException or OverflowException)
        {
            return Quarantine(entry, index, ex.Message);
        }

        // The tally throws half-way through an unknown party, so check them all before it starts.
        if (result.Candidates.Any(c => Election.PartyIndex(c.Party) < 0))
        {
            return Quarantine(entry, index, "a candidate's party is not in this election");
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

        Log(entry, JournalEntryKind.Declaration, result, SeatStatus.Declared, null, null);
        return (EntryOutcome.Applied, new Changed(index, true, true, true, true, false));
    }

    /// <summary>What ingest validation rules out but a hand-written or damaged entry could still hold.</summary>
    private static string? Implausible(Declaration declaration)
    {
        if (declaration.Candidates is not { Count: > 0 } candidates || candidates.Any(c => c is null || c.Name is null || c.Party is null))
        {
            return "a declaration without its candidates";
        }

        return declaration.Revision < 1 || declaration.Electorate < 0 || declaration.InvalidVotes < 0 || candidates.Any(c => c.Votes < 0)
            ? "a declaration with a revision below 1 or a negative figure"
            : null;
    }

    private (EntryOutcome, Changed) ChangeStatus(JournalEntry entry, int index, SeatStatus status)
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
        Log(entry, JournalEntryKind.Status, null, status, null, null);
        return (EntryOutcome.Applied, new Changed(index, withdrawn, withdrawn, true, withdrawn, false));
    }

    private (EntryOutcome, Changed) SetExitPoll(JournalEntry entry, ExitPoll exitPoll)
    {
        if (exitPoll.Parties is null || exitPoll.Parties.Any(p => p is null || p.Party is null || p.Seats < 0) || exitPoll.Source is null)
        {
            return Quarantine(entry, -1, "an exit poll without its parties and source, or with a negative number of seats");
        }

        _tally.SetExitPoll(exitPoll);
        Log(entry, JournalEntryKind.ExitPoll, null, null, exitPoll, null);
        return (EntryOutcome.Applied, new Changed(-1, true, false, false, false, false));
    }

    private (EntryOutcome, Changed) Quarantine(JournalEntry entry, int index, string reason)
    {
        var constituency = string.IsNullOrEmpty(entry.Constituency) ? null : entry.Constituency;
        LogQuarantined(_logger, entry.Sequence, constituency ?? "(none)", reason);
        _quarantinedCount++;
        _quarantined.Add(new QuarantinedEntry(entry.Sequence, constituency, reason));
        if (_quarantined.Count > QuarantineCapacity)
        {
            _quarantined.RemoveAt(0);
        }

        Log(entry, JournalEntryKind.Quarantined, null, null, null, reason);
        return (EntryOutcome.Rejected, new Changed(index, false, false, false, false, true));
    }

    private void Log(JournalEntry entry, JournalEntryKind kind, SeatResult? seat, SeatStatus? status, ExitPoll? exitPoll, string? problem) =>
        _log.Add(new AppliedEntry(entry.Sequence, kind, entry.Constituency ?? "", entry.RecordedAt, seat, status, exitPoll, problem, entry.Provenance));

    /// <summary>A seat's result and status now; an entry about no seat (an exit poll, an unknown seat) has neither.</summary>
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Journal entry {Sequence} for '{Constituency}' was quarantined, not applied: {Reason}")]
    private static partial void LogQuarantined(ILogger logger, long sequence, string constituency, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The journal was replaced (epoch {OldEpoch} at {OldSequence} -> epoch {Epoch}); rebuilt up to sequence {Sequence}")]
    private static partial void LogReset(ILogger logger, string oldEpoch, long oldSequence, string epoch, long sequence);

    /// <summary>Which parts of the state an entry touched, and the seat it was about (-1 for none).</summary>
    private readonly record struct Changed(int Index, bool National, bool Seats, bool Statuses, bool Recent, bool Quarantine);
}
