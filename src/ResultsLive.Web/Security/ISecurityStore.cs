namespace ResultsLive.Web.Security;

/// <summary>
/// The small state sign-in shares between nodes: counters and sets that expire, short values, one-time tokens. In Redis when
/// Redis is configured (every node must agree on a lockout, and a token must be used once across nodes), in memory otherwise.
/// Everything in it expires, so nothing grows without bound.
/// </summary>
public interface ISecurityStore
{
    /// <summary>Adds one to a counter and returns its new value. The first increment starts <paramref name="ttl"/>; so does
    /// reaching <paramref name="extendAt"/> (a lock lasts its full time from the failure that set it).</summary>
    Task<long> IncrementAsync(string key, TimeSpan ttl, long extendAt = long.MaxValue);

    /// <summary>A counter's value (0 when absent or expired) and how long it has left.</summary>
    Task<(long Count, TimeSpan? Remaining)> ReadCounterAsync(string key);

    /// <summary>Adds a member to a set and (re)starts the set's expiry.</summary>
    Task AddToSetAsync(string key, string member, TimeSpan ttl);

    Task<IReadOnlyList<string>> SetMembersAsync(string key);

    Task SetAsync(string key, string value, TimeSpan ttl);

    Task<string?> GetAsync(string key);

    /// <summary>Deletes keys; true when any existed. Deleting a one-time token this way uses it: only one caller gets true.</summary>
    Task<bool> DeleteAsync(params string[] keys);
}
