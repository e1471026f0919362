namespace ResultsLive.Feed;

/// <summary>What a health check reports about the journal: which kind, whether it answers, and how far it has got.</summary>
public sealed record JournalHealth(string Kind, bool Reachable, long LastSequence, string Description);
