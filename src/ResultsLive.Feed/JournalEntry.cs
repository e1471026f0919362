using ResultsLive.Core.Model;

namespace ResultsLive.Feed;

/// <summary>
/// One entry of the declaration journal. <see cref="Declaration"/> is set for <see cref="JournalEntryKind.Declaration"/>,
/// <see cref="Status"/> for <see cref="JournalEntryKind.Status"/>, <see cref="ExitPoll"/> for <see cref="JournalEntryKind.ExitPoll"/>
/// and <see cref="Problem"/> for <see cref="JournalEntryKind.Quarantined"/>. <see cref="Constituency"/> is empty for an
/// exit poll, and for a quarantined entry whose seat could not be read.
/// </summary>
/// <param name="Provenance">Who sent it; null for entries written before the journal recorded it.</param>
public sealed record JournalEntry(
    long Sequence,
    JournalEntryKind Kind,
    string Constituency,
    DateTimeOffset RecordedAt,
    Declaration? Declaration,
    SeatStatus? Status,
    Provenance? Provenance = null,
    ExitPoll? ExitPoll = null,
    string? Problem = null);
