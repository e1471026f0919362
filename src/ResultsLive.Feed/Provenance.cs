namespace ResultsLive.Feed;

/// <summary>
/// Who sent a journal entry, stored beside it and never part of its identity: the same figures sent by the feed's key and
/// then typed by hand are a repeat, not a conflict.
/// </summary>
/// <param name="Source">
/// <c>key:&lt;name&gt;</c> for a named API key (never the key itself), <c>user:&lt;name&gt;</c> for a signed-in person,
/// <c>demo</c> or <c>replay</c>.
/// </param>
/// <param name="OverrideReason">The written reason a plausibility check was overridden, if one was.</param>
public sealed record Provenance(string Source, string? OverrideReason = null)
{
    /// <summary>The demo night's own declarations.</summary>
    public static Provenance Demo { get; } = new("demo");

    /// <summary>A rehearsal replaying an earlier night.</summary>
    public static Provenance Replay { get; } = new("replay");

    public string Source { get; } = string.IsNullOrWhiteSpace(Source)
        ? throw new ArgumentException("a provenance names its source", nameof(Source))
        : Source;

    public string? OverrideReason { get; } = string.IsNullOrWhiteSpace(OverrideReason) ? null : OverrideReason;

    /// <summary>An entry sent with the named API key.</summary>
    public static Provenance Key(string name) => new($"key:{name}");

    /// <summary>An entry made by a signed-in person.</summary>
    public static Provenance User(string name, string? overrideReason = null) => new($"user:{name}", overrideReason);
}
