namespace ResultsLive.Feed;

/// <summary>What <see cref="LiveResults.Apply"/> did with a journal entry.</summary>
public enum EntryOutcome
{
    /// <summary>The entry changed the results and was published.</summary>
    Applied,

    /// <summary>Its sequence was at or below the current one: a replay, ignored.</summary>
    AlreadyApplied,

    /// <summary>
    /// It does not fit this election (an unknown seat or party, which ingest validation rules out): the sequence moves on
    /// so nodes agree and waiters wake, but the results are unchanged.
    /// </summary>
    Rejected,
}
