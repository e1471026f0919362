namespace ResultsLive.Feed;

/// <summary>
/// Whether a node is hearing from its journal (<see cref="LiveResults.Link"/>): while it is not, its figures stand still at
/// the last sequence it applied, and every live surface says "results paused" rather than pass them off as live.
/// </summary>
/// <param name="Connected">False from the first failure to read or check the journal until the next success.</param>
/// <param name="Since">When it last changed between connected and not.</param>
/// <param name="LastHeard">When the journal last answered (a read, or the check made every second); null before it ever has.</param>
public sealed record JournalLink(bool Connected, DateTimeOffset Since, DateTimeOffset? LastHeard)
{
    /// <summary>Before the consumer has started: not yet heard from, not yet known to be lost.</summary>
    public static JournalLink Starting { get; } = new(true, DateTimeOffset.MinValue, null);
}
