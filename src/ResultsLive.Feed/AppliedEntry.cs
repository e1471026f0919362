using ResultsLive.Core.Arithmetic;
using ResultsLive.Core.Model;

namespace ResultsLive.Feed;

/// <summary>
/// What the projection made of one journal entry: the seat result a declaration produced, the status, the exit poll, or
/// why it was quarantined. Kept in sequence order (<see cref="LiveSnapshot.EntriesAfter"/>) so pollers and resyncing
/// clients are served what was computed, never a re-computation that could fail where the projection did not.
/// </summary>
/// <param name="Kind"><see cref="JournalEntryKind.Quarantined"/> for an entry that could not be decoded or applied.</param>
/// <param name="Constituency">As the entry recorded it; empty for an exit poll, or a quarantined entry that named no seat.</param>
public sealed record AppliedEntry(
    long Sequence,
    JournalEntryKind Kind,
    string Constituency,
    DateTimeOffset RecordedAt,
    SeatResult? Seat,
    SeatStatus? Status,
    ExitPoll? ExitPoll,
    string? Problem,
    Provenance? Provenance);
