namespace ResultsLive.Feed;

/// <summary>A journal entry the projection skipped because it could not be decoded or applied, kept for admins and readiness.</summary>
/// <param name="Constituency">The seat it named, if it could be read.</param>
public sealed record QuarantinedEntry(long Sequence, string? Constituency, string Reason);
