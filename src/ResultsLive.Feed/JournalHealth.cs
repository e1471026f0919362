namespace ResultsLive.Feed;

/// <summary>What a health check reports about the journal: which kind, whether it answers, how far it has got, and its epoch.</summary>
public sealed record JournalHealth(string Kind, bool Reachable, long LastSequence, string Description, string? Epoch = null);
