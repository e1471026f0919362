using ResultsLive.Core.Arithmetic;
using ResultsLive.Core.Model;

namespace ResultsLive.Feed;

/// <summary>
/// The results as of one journal sequence: immutable, so any number of pages, hub connections and threads can read it
/// while the next one is built. <see cref="Seats"/> and <see cref="Statuses"/> are indexed like <see cref="Election.Constituencies"/>.
/// </summary>
public sealed class LiveSnapshot
{
    private readonly AppliedLog _log;

    internal LiveSnapshot(
        long sequence,
        string epoch,
        string mode,
        Election election,
        NationalSnapshot national,
        IReadOnlyList<SeatResult?> seats,
        IReadOnlyList<SeatStatus> statuses,
        IReadOnlyList<SeatResult> recent,
        QuarantineState quarantine,
        AppliedLog log)
    {
        Sequence = sequence;
        Epoch = epoch;
        Mode = mode;
        Election = election;
        National = national;
        Seats = seats;
        Statuses = statuses;
        Recent = recent;
        Quarantined = quarantine.Recent;
        QuarantinedCount = quarantine.Count;
        _log = log;
    }

    /// <summary>The last journal entry this state includes; every message a client gets carries it.</summary>
    public long Sequence { get; }

    /// <summary>
    /// The epoch of the journal this state was built from (empty before the first rebuild): a sequence only names an entry
    /// together with it, so ids that outlive a node (fragments, feed entries, webhook deliveries) carry both.
    /// </summary>
    public string Epoch { get; }

    /// <summary>"demo", "test" or "live", shown on every screen so nobody mistakes a rehearsal for the night.</summary>
    public string Mode { get; }

    public Election Election { get; }

    public NationalSnapshot National { get; }

    /// <summary>The latest exit poll, or null before one is entered.</summary>
    public ExitPoll? ExitPoll => National.ExitPoll;

    public IReadOnlyList<SeatResult?> Seats { get; }

    public IReadOnlyList<SeatStatus> Statuses { get; }

    /// <summary>The latest declared seats, newest first, at most <see cref="LiveResults.RecentCapacity"/>; a correction moves its seat to the top.</summary>
    public IReadOnlyList<SeatResult> Recent { get; }

    /// <summary>The latest entries that could not be decoded or applied, oldest first, at most <see cref="LiveResults.QuarantineCapacity"/>.</summary>
    public IReadOnlyList<QuarantinedEntry> Quarantined { get; }

    /// <summary>How many entries have been quarantined in all, however many <see cref="Quarantined"/> still lists.</summary>
    public int QuarantinedCount { get; }

    /// <summary>The seat's current result, or null while it is undeclared (or the code is not a seat of this election).</summary>
    public SeatResult? Seat(string code) => Election.ConstituencyIndex(code) is var index and >= 0 ? Seats[index] : null;

    public SeatStatus Status(string code) =>
        Election.ConstituencyIndex(code) is var index and >= 0
            ? Statuses[index]
            : throw new KeyNotFoundException($"'{code}' is not a constituency of {Election.Name}");

    /// <summary>
    /// What the projection made of each entry after <paramref name="after"/> up to this state's <see cref="Sequence"/>, in
    /// order, at most <paramref name="max"/>: what <c>GET /api/v1/declarations</c> and the hub's resync serve.
    /// </summary>
    public IReadOnlyList<AppliedEntry> EntriesAfter(long after, int max)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
        return _log.Range(after, Sequence, max);
    }
}

/// <summary>The quarantined entries a snapshot shows: the latest few and how many in all.</summary>
internal sealed record QuarantineState(IReadOnlyList<QuarantinedEntry> Recent, int Count)
{
    public static QuarantineState None { get; } = new([], 0);
}
