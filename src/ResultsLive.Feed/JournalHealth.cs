namespace ResultsLive.Feed;

/// <summary>What a health check reports about the journal: which kind, whether it answers, how far it has got, and its epoch.</summary>
/// <param name="Description">Safe to show anyone: it never carries an exception's text or a server's address.</param>
/// <param name="Warning">Why the journal works but not as it should (replicas not acknowledging), or null.</param>
public sealed record JournalHealth(string Kind, bool Reachable, long LastSequence, string Description, string? Epoch = null, string? Warning = null);
