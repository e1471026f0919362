using StackExchange.Redis;

namespace ResultsLive.Web.Security;

/// <summary><see cref="ISecurityStore"/> in the journal's Redis, under <c>resultslive:{&lt;election&gt;}:security:</c>.</summary>
public sealed class RedisSecurityStore(IConnectionMultiplexer redis, string electionId) : ISecurityStore
{
    // INCR and its expiry in one step, so a counter never lives without one (Redis runs with noeviction).
    private const string IncrementScript = """
        local n = redis.call('INCR', KEYS[1])
        if n == 1 or n == tonumber(ARGV[2]) then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
        return n
        """;

    private readonly string _prefix = $"resultslive:{{{electionId}}}:security:";

    private IDatabase Db => redis.GetDatabase();

    public async Task<long> IncrementAsync(string key, TimeSpan ttl, long extendAt = long.MaxValue) =>
        (long)await Db.ScriptEvaluateAsync(IncrementScript, [Key(key)], [(long)ttl.TotalMilliseconds, extendAt]).ConfigureAwait(false);

    public async Task<(long Count, TimeSpan? Remaining)> ReadCounterAsync(string key)
    {
        var batch = Db.CreateBatch();
        var value = batch.StringGetAsync(Key(key));
        var ttl = batch.KeyTimeToLiveAsync(Key(key));
        batch.Execute();
        var count = (long?)await value.ConfigureAwait(false) ?? 0;
        return (count, count == 0 ? null : await ttl.ConfigureAwait(false));
    }

    public async Task AddToSetAsync(string key, string member, TimeSpan ttl)
    {
        var transaction = Db.CreateTransaction();
        _ = transaction.SetAddAsync(Key(key), member);
        _ = transaction.KeyExpireAsync(Key(key), ttl);
        await transaction.ExecuteAsync().ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<string>> SetMembersAsync(string key) =>
        [.. (await Db.SetMembersAsync(Key(key)).ConfigureAwait(false)).Select(m => m.ToString())];

    public Task SetAsync(string key, string value, TimeSpan ttl) => Db.StringSetAsync(Key(key), value, ttl);

    public async Task<string?> GetAsync(string key) => await Db.StringGetAsync(Key(key)).ConfigureAwait(false);

    public async Task<bool> DeleteAsync(params string[] keys) =>
        keys.Length > 0 && await Db.KeyDeleteAsync([.. keys.Select(k => (RedisKey)Key(k))]).ConfigureAwait(false) > 0;

    private string Key(string key) => _prefix + key;
}
