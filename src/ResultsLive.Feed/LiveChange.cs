using ResultsLive.Core.Arithmetic;
using ResultsLive.Core.Model;

namespace ResultsLive.Feed;

/// <summary>
/// One applied journal entry as subscribers see it: the seat's result and status after it, and the whole state after it
/// (for entries applied as a batch during a rebuild, the state after the batch).
/// </summary>
public sealed record LiveChange(long Sequence, JournalEntry Entry, SeatResult? Seat, SeatStatus Status, LiveSnapshot Snapshot);
