using ResultsLive.Core.Arithmetic;
using ResultsLive.Core.Model;

namespace ResultsLive.Feed;

/// <summary>
/// The results as of one journal sequence: immutable, so any number of pages, hub connections and threads can read it
/// while the next one is built. <see cref="Seats"/> and <see cref="Statuses"/> are indexed like <see cref="Election.Constituencies"/>.
/// </summary>
public sealed class LiveSnapshot
{
    internal LiveSnapshot(
        long sequence,
        string mode,
        Election election,
        NationalSnapshot national,
        IReadOnlyList<SeatResult?> seats,
        IReadOnlyList<SeatStatus> statuses,
        IReadOnlyList<SeatResult> recent)
    {
        Sequence = sequence;
        Mode = mode;
        Election = election;
        National = national;
        Seats = seats;
        Statuses = statuses;
        Recent = recent;
    }

    /// <summary>The last journal entry this state includes; every message a client gets carries it.</summary>
    public long Sequence { get; }

    /// <summary>"demo", "test" or "live", shown on every screen so nobody mistakes a rehearsal for the night.</summary>
    public string Mode { get; }

    public Election Election { get; }

    public NationalSnapshot National { get; }

    public IReadOnlyList<SeatResult?> Seats { get; }

    public IReadOnlyList<SeatStatus> Statuses { get; }

    /// <summary>The latest declared seats, newest first, at most <see cref="LiveResults.RecentCapacity"/>; a correction moves its seat to the top.</summary>
    public IReadOnlyList<SeatResult> Recent { get; }

    /// <summary>The seat's current result, or null while it is undeclared (or the code is not a seat of this election).</summary>
    public SeatResult? Seat(string code) => Election.ConstituencyIndex(code) is var index and >= 0 ? Seats[index] : null;

    public SeatStatus Status(string code) =>
        Election.ConstituencyIndex(code) is var index and >= 0
            ? Statuses[index]
            : throw new KeyNotFoundException($"'{code}' is not a constituency of {Election.Name}");
}
