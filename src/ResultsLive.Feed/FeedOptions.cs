namespace ResultsLive.Feed;

/// <summary>Where the journal lives, bound from the <c>ResultsLive</c> configuration section.</summary>
public sealed class FeedOptions
{
    public const string SectionName = "ResultsLive";

    /// <summary>A StackExchange.Redis connection string; empty means the in-memory journal on a single node.</summary>
    public string? Redis { get; set; }

    /// <summary>The journal's key prefix in Redis; defaults to the loaded election's id.</summary>
    public string? ElectionId { get; set; }

    public bool UsesRedis => !string.IsNullOrWhiteSpace(Redis);
}
