namespace ResultsLive.Feed;

/// <summary>
/// The answer to appending a declaration: the new sequence (Appended), the original one (Repeated), or 0 (Conflict, Stale);
/// <see cref="CurrentRevision"/> is the seat's highest revision after the call.
/// </summary>
public sealed record AppendResult(AppendOutcome Outcome, long Sequence, int? CurrentRevision);
