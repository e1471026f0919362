using System.Text.Json;

using StackExchange.Redis;

namespace ResultsLive.Web.Graphics;

/// <summary>
/// Channel state in Redis: a hash per channel (<c>version</c>, <c>state</c>) changed by compare-and-set in one Lua script,
/// which also publishes the new state, so every node hears each change once and in order, and a node that restarts
/// reads back what is on air.
/// </summary>
public sealed partial class RedisChannelStateStore : IChannelStateStore, IDisposable
{
    // Compare-and-set on the version, then publish: one atomic step, so no two nodes commit the same version and the
    // announcements leave in commit order.
    private const string CompareAndSetScript = """
        local current = tonumber(redis.call('HGET', KEYS[1], 'version') or '0')
        if current ~= tonumber(ARGV[1]) then
          return current
        end
        redis.call('HSET', KEYS[1], 'version', ARGV[2], 'state', ARGV[3])
        redis.call('PUBLISH', ARGV[4], ARGV[3])
        return -1
        """;

    private const int MaxAttempts = 20;

    private readonly IConnectionMultiplexer _redis;
    private readonly string _prefix;
    private readonly RedisChannel _changes;
    private readonly ILogger<RedisChannelStateStore> _logger;
    private readonly Lazy<Task> _subscribed;

    public RedisChannelStateStore(IConnectionMultiplexer redis, string electionId, ILogger<RedisChannelStateStore> logger)
    {
        ArgumentNullException.ThrowIfNull(redis);
        _redis = redis;
        _logger = logger;
        _prefix = $"resultslive:{electionId}:graphics:";
        _changes = RedisChannel.Literal(_prefix + "changed");
        _subscribed = new Lazy<Task>(SubscribeAsync);
    }

    public event Action<ChannelState>? Changed;

    /// <summary>Subscribes to other nodes' changes; called at start-up so a console hears them before its first command.</summary>
    public Task StartAsync() => _subscribed.Value;

    public async Task<ChannelState> GetAsync(string channel, CancellationToken ct)
    {
        ThrowIfUnreachable();
        await _subscribed.Value.ConfigureAwait(false);
        var json = await _redis.GetDatabase().HashGetAsync(Key(channel), "state").ConfigureAwait(false);
        return json.IsNullOrEmpty ? ChannelState.Empty(channel) : Deserialize(json!);
    }

    public async Task<ChannelState> UpdateAsync(string channel, Func<ChannelState, ChannelState?> change, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(change);
        ThrowIfUnreachable();
        await _subscribed.Value.ConfigureAwait(false);
        var database = _redis.GetDatabase();
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            ct.ThrowIfCancellationRequested();
            var current = await GetAsync(channel, ct).ConfigureAwait(false);
            if (change(current) is not { } next)
            {
                return current;
            }

            var result = (long)await database.ScriptEvaluateAsync(
                CompareAndSetScript,
                [Key(channel)],
                [current.Version, next.Version, JsonSerializer.Serialize(next, GraphicsJson.Options), _changes.ToString()]).ConfigureAwait(false);
            if (result == -1)
            {
                return next;
            }

            // Another node changed the channel between the read and the write: apply the change to its state instead,
            // after a short random pause that grows with each lost race, so two nodes in step do not keep colliding and
            // one starve (it happened: two nodes updating one channel in tight loops, one lost 20 races in a row).
            await Task.Delay(Random.Shared.Next(1, 2 << Math.Min(attempt, 5)), ct).ConfigureAwait(false);
        }

        throw new InvalidOperationException($"channel '{channel}' kept changing under {MaxAttempts} attempts to change it");
    }

    public void Dispose() => _redis.GetSubscriber().Unsubscribe(_changes);

    private async Task SubscribeAsync()
    {
        // A queue, not a handler: messages are processed one at a time in the order Redis published them.
        var queue = await _redis.GetSubscriber().SubscribeAsync(_changes).ConfigureAwait(false);
        queue.OnMessage(message =>
        {
            try
            {
                Changed?.Invoke(Deserialize(message.Message!));
            }
            catch (JsonException ex)
            {
                LogUnreadable(ex);
            }
        });
    }

    /// <summary>
    /// Fails at once while the connection is down, rather than queueing the command until Redis's timeout: a panic Out must
    /// fall back to this node's outputs now, not in five seconds.
    /// </summary>
    private void ThrowIfUnreachable()
    {
        if (!_redis.IsConnected)
        {
            throw new RedisConnectionException(ConnectionFailureType.UnableToConnect, CommandFlags.None, "Redis is unreachable", null, CommandStatus.Unknown);
        }
    }

    private RedisKey Key(string channel) => _prefix + "channel:" + channel.ToLowerInvariant();

    private static ChannelState Deserialize(string json) =>
        JsonSerializer.Deserialize<ChannelState>(json, GraphicsJson.Options) ?? throw new JsonException("a channel state was null");

    [LoggerMessage(Level = LogLevel.Error, Message = "A channel state announced over Redis could not be read")]
    private partial void LogUnreadable(Exception exception);
}
