namespace ResultsLive.Feed;

/// <summary>What the journal did with a declaration; the API maps Repeated to 200, Conflict and Stale to 409.</summary>
public enum AppendOutcome
{
    /// <summary>A new (constituency, revision): appended under a new sequence.</summary>
    Appended,

    /// <summary>The same revision with an identical body: nothing appended, the original sequence is returned.</summary>
    Repeated,

    /// <summary>The same revision with a different body: nothing appended.</summary>
    Conflict,

    /// <summary>A revision lower than the seat's current one: nothing appended.</summary>
    Stale,
}
