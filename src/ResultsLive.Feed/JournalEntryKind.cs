namespace ResultsLive.Feed;

/// <summary>What a journal entry records.</summary>
public enum JournalEntryKind
{
    /// <summary>A declaration, or a correction of one under a higher revision.</summary>
    Declaration,

    /// <summary>A change of a seat's status; back to awaiting withdraws its result.</summary>
    Status,

    /// <summary>The exit poll; a later one replaces it whole.</summary>
    ExitPoll,

    /// <summary>
    /// An entry that cannot be decoded (garbage, an unknown kind, a newer format) or applied (an unknown seat, figures that
    /// overflow): skipped identically on every node and recorded with the reason.
    /// </summary>
    Quarantined,
}
