using System.Text.Json;

using StackExchange.Redis;

namespace ResultsLive.Web.Desk.Webhooks;

/// <summary>
/// The webhook ledger in Redis beside the journal (<c>resultslive:{election}:webhooks:*</c>): a lease per webhook
/// (<c>SET NX PX</c>, renewed by its holder), what it has delivered (a watermark and the ids beyond it) written only under
/// the lease, and a capped log; recording a delivery is one script call.
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

    // Only the lease holder records, so a node that lost its lease (a long pause) cannot write over the new holder's
    // progress; the watermark only moves forward.
    private const string RecordScript = """
        if redis.call('GET', KEYS[1]) ~= ARGV[1] then
          return 0
        end
        if ARGV[2] == '1' then
          redis.call('SADD', KEYS[3], ARGV[3])
        end
        local current = tonumber(redis.call('GET', KEYS[2]) or '0')
        if tonumber(ARGV[4]) > current then
          redis.call('SET', KEYS[2], ARGV[4])
        end
        redis.call('LPUSH', KEYS[4], ARGV[5])
        redis.call('LTRIM', KEYS[4], 0, tonumber(ARGV[6]) - 1)
        return 1
        """;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly string _prefix = $"resultslive:{{{electionId}}}:webhooks:";

    private IDatabase Db => redis.GetDatabase();

    private RedisKey Log => _prefix + "log";

    public async Task<bool> TryLeaseAsync(string webhook, string node, TimeSpan ttl, CancellationToken ct) =>
        (int)await Db.ScriptEvaluateAsync(LeaseScript, [Key(webhook, "lease")], [node, (long)ttl.TotalMilliseconds]).ConfigureAwait(false) == 1;

    public async Task<DeliveryProgress> ProgressAsync(string webhook, CancellationToken ct)
    {
        var watermark = Db.StringGetAsync(Key(webhook, "watermark"));
        var delivered = Db.SetMembersAsync(Key(webhook, "delivered"));
        await Task.WhenAll(watermark, delivered).ConfigureAwait(false);
        return new DeliveryProgress(
            (long?)await watermark.ConfigureAwait(false) ?? 0,
            (await delivered.ConfigureAwait(false)).Select(v => (string)v!).ToHashSet(StringComparer.Ordinal));
    }

    public async Task<bool> RecordAsync(string webhook, string node, DeliveryRecord record, long watermark, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(record);
        var result = await Db.ScriptEvaluateAsync(
            RecordScript,
            [Key(webhook, "lease"), Key(webhook, "watermark"), Key(webhook, "delivered"), Log],
            [node, record.Delivered ? "1" : "0", record.Id, watermark, JsonSerializer.Serialize(record, Json), LogCapacity]).ConfigureAwait(false);
        return (int)result == 1;
    }

    public async Task<IReadOnlyList<DeliveryRecord>> RecentAsync(int max, CancellationToken ct) =>
        [.. (await Db.ListRangeAsync(Log, 0, max - 1).ConfigureAwait(false)).Select(v => JsonSerializer.Deserialize<DeliveryRecord>((string)v!, Json)!)];

    private RedisKey Key(string webhook, string what) => _prefix + webhook + ":" + what;
}
