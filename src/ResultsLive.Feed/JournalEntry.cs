using ResultsLive.Core.Model;

namespace ResultsLive.Feed;

/// <summary>
/// One entry of the declaration journal. <see cref="Declaration"/> is set for <see cref="JournalEntryKind.Declaration"/>,
/// <see cref="Status"/> for <see cref="JournalEntryKind.Status"/>.
/// </summary>
public sealed record JournalEntry(
    long Sequence,
    JournalEntryKind Kind,
    string Constituency,
    DateTimeOffset RecordedAt,
    Declaration? Declaration,
    SeatStatus? Status);
