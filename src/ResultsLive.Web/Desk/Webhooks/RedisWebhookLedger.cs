using System.Text.Json;

using StackExchange.Redis;

namespace ResultsLive.Web.Desk.Webhooks;

/// <summary>
/// The webhook ledger in Redis beside the journal (<c>resultslive:{election}:webhooks:*</c>): a lease per webhook
/// (<c>SET NX PX</c>, renewed by its holder), a cursor per webhook written only under the lease, and a capped log.
/// </summary>
public sealed class RedisWebhookLedger(IConnectionMultiplexer redis, string electionId) : IWebhookLedger
{
    public const int LogCapacity = 500;

    // Take the lease if free or already ours (then renew it), in one step.
    private const string LeaseScript = """
        local holder = redis.call('GET', KEYS[1])
        if holder == false or holder == ARGV[1] then
          redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
          return 1
        end
        return 0
        """;

    // The cursor moves only forward and only for the lease holder, so a node that lost its lease (a long pause) cannot
    // write over what the new holder recorded.
    private const string AdvanceScript = """
        if redis.call('GET', KEYS[1]) ~= ARGV[1] then
          return 0
        end
        local current = tonumber(redis.call('GET', KEYS[2]) or '0')
        if tonumber(ARGV[2]) > current then
          redis.call('SET', KEYS[2], ARGV[2])
        end
        return 1
        """;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly string _prefix = $"resultslive:{{{electionId}}}:webhooks:";

    private IDatabase Db => redis.GetDatabase();

    private RedisKey Log => _prefix + "log";

    public async Task<bool> TryLeaseAsync(string webhook, string node, TimeSpan ttl, CancellationToken ct) =>
        (int)await Db.ScriptEvaluateAsync(LeaseScript, [LeaseKey(webhook)], [node, (long)ttl.TotalMilliseconds]).ConfigureAwait(false) == 1;

    public async Task<long> CursorAsync(string webhook, CancellationToken ct) =>
        (long?)await Db.StringGetAsync(CursorKey(webhook)).ConfigureAwait(false) ?? 0;

    public async Task<bool> AdvanceAsync(string webhook, string node, long sequence, CancellationToken ct) =>
        (int)await Db.ScriptEvaluateAsync(AdvanceScript, [LeaseKey(webhook), CursorKey(webhook)], [node, sequence]).ConfigureAwait(false) == 1;

    public async Task LogAsync(DeliveryRecord record, CancellationToken ct)
    {
        var transaction = Db.CreateTransaction();
        _ = transaction.ListLeftPushAsync(Log, JsonSerializer.Serialize(record, Json));
        _ = transaction.ListTrimAsync(Log, 0, LogCapacity - 1);
        await transaction.ExecuteAsync().ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<DeliveryRecord>> RecentAsync(int max, CancellationToken ct) =>
        [.. (await Db.ListRangeAsync(Log, 0, max - 1).ConfigureAwait(false)).Select(v => JsonSerializer.Deserialize<DeliveryRecord>((string)v!, Json)!)];

    private RedisKey LeaseKey(string webhook) => _prefix + webhook + ":lease";

    private RedisKey CursorKey(string webhook) => _prefix + webhook + ":cursor";
}
