namespace ResultsLive.Feed;

/// <summary>What a journal entry records: a declaration (or a correction of one), or a change of a seat's status.</summary>
public enum JournalEntryKind
{
    Declaration,
    Status,
}
