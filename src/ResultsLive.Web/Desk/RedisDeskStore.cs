using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;

using StackExchange.Redis;

namespace ResultsLive.Web.Desk;

/// <summary>
/// The desk's state in Redis beside the journal (<c>resultslive:{election}:desk:*</c>): every change is one atomic step,
/// then a message on <c>:desk:changed</c> that every node (this one included) answers by reloading the state and telling its desks.
/// </summary>
public sealed partial class RedisDeskStore : IDeskStore, IAsyncDisposable
{
    // Claim and take-over in one step: another editor's claim stands unless this is a take-over.
    private const string ClaimScript = """
        local held = redis.call('HGET', KEYS[1], ARGV[1])
        if held and ARGV[3] == '0' and cjson.decode(held)['editor'] ~= ARGV[2] then
          return {0, held}
        end
        redis.call('HSET', KEYS[1], ARGV[1], ARGV[4])
        return {1, held or ''}
        """;

    private const string ReleaseScript = """
        local held = redis.call('HGET', KEYS[1], ARGV[1])
        if held and cjson.decode(held)['editor'] == ARGV[2] then
          redis.call('HDEL', KEYS[1], ARGV[1])
          return 1
        end
        return 0
        """;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly IConnectionMultiplexer _redis;
    private readonly TimeProvider _time;
    private readonly ILogger<RedisDeskStore> _logger;
    private readonly RedisKey _claims;
    private readonly RedisKey _posted;
    private readonly RedisKey _copied;
    private readonly RedisKey _watchlist;
    private readonly RedisKey _seeded;
    private readonly RedisChannel _changed;
    private ChannelMessageQueue? _queue;
    private DeskState _state = DeskState.Empty;

    public RedisDeskStore(IConnectionMultiplexer redis, string electionId, TimeProvider time, ILogger<RedisDeskStore> logger)
    {
        ArgumentNullException.ThrowIfNull(redis);
        _redis = redis;
        _time = time;
        _logger = logger;
        var prefix = $"resultslive:{{{electionId}}}:desk:";
        _claims = prefix + "claims";
        _posted = prefix + "posted";
        _copied = prefix + "copied";
        _watchlist = prefix + "watchlist";
        _seeded = prefix + "watchlist-seeded";
        _changed = RedisChannel.Literal(prefix + "changed");
    }

    public DeskState Current => Volatile.Read(ref _state);

    public event Action<DeskState, DeskNotice>? Changed;

    private IDatabase Db => _redis.GetDatabase();

    public async Task StartAsync(IEnumerable<string> seedWatchlist, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(seedWatchlist);

        // The configured list seeds the store once; after that the desk's own edits are the list.
        if (await Db.StringSetAsync(_seeded, "1", when: When.NotExists).ConfigureAwait(false))
        {
            foreach (var item in seedWatchlist.Select(DeskInput.WatchItem).OfType<string>())
            {
                await Db.HashSetAsync(_watchlist, item.ToUpperInvariant(), item).ConfigureAwait(false);
            }
        }

        // Subscribed before the first load, so a change between the two is not missed.
        _queue = await _redis.GetSubscriber().SubscribeAsync(_changed).ConfigureAwait(false);
        _queue.OnMessage(OnChangedAsync);
        Volatile.Write(ref _state, await LoadAsync().ConfigureAwait(false));
    }

    public async Task<ClaimOutcome> ClaimAsync(string constituency, string editor, bool takeOver, CancellationToken ct)
    {
        var claim = new SeatClaim(constituency, editor, _time.GetUtcNow());
        var result = (RedisResult[])(await Db.ScriptEvaluateAsync(
            ClaimScript,
            [_claims],
            [constituency, editor, takeOver ? "1" : "0", JsonSerializer.Serialize(new StoredClaim(editor, claim.At), Json)]).ConfigureAwait(false))!;
        var held = (string?)result[1] is { Length: > 0 } text ? JsonSerializer.Deserialize<StoredClaim>(text, Json) : null;
        if ((int)result[0] == 0)
        {
            return new ClaimOutcome(false, new SeatClaim(constituency, held!.Editor, held.At));
        }

        var previous = held is not null && !string.Equals(held.Editor, editor, StringComparison.Ordinal) ? held.Editor : null;
        await PublishAsync(new DeskNotice(previous is null ? DeskNotice.Claimed : DeskNotice.TakenOver, constituency, editor, previous, null, claim.At)).ConfigureAwait(false);
        return new ClaimOutcome(true, claim);
    }

    public async Task<bool> ReleaseAsync(string constituency, string editor, CancellationToken ct)
    {
        var released = (int)(await Db.ScriptEvaluateAsync(ReleaseScript, [_claims], [constituency, editor]).ConfigureAwait(false)) == 1;
        if (released)
        {
            await PublishAsync(new DeskNotice(DeskNotice.Released, constituency, editor, null, null, _time.GetUtcNow())).ConfigureAwait(false);
        }

        return released;
    }

    public async Task MarkPostedAsync(string constituency, int revision, string editor, CancellationToken ct)
    {
        var now = _time.GetUtcNow();
        var transaction = Db.CreateTransaction();
        _ = transaction.HashSetAsync(_posted, constituency, JsonSerializer.Serialize(new StoredMark(revision, editor, now), Json));
        _ = transaction.HashDeleteAsync(_claims, constituency);
        await transaction.ExecuteAsync().ConfigureAwait(false);
        await PublishAsync(new DeskNotice(DeskNotice.Posted, constituency, editor, null, revision, now)).ConfigureAwait(false);
    }

    public async Task MarkCopiedAsync(string constituency, int revision, string editor, CancellationToken ct)
    {
        var now = _time.GetUtcNow();
        var field = string.Create(CultureInfo.InvariantCulture, $"{constituency}\t{revision}\t{editor}");
        if (await Db.HashSetAsync(_copied, field, now.ToUnixTimeMilliseconds(), When.NotExists).ConfigureAwait(false))
        {
            await PublishAsync(new DeskNotice(DeskNotice.Copied, constituency, editor, null, revision, now)).ConfigureAwait(false);
        }
    }

    public async Task<bool> WatchAsync(string item, string editor, CancellationToken ct)
    {
        var added = await Db.HashSetAsync(_watchlist, item.ToUpperInvariant(), item, When.NotExists).ConfigureAwait(false);
        if (added)
        {
            await PublishAsync(new DeskNotice(DeskNotice.Watched, item, editor, null, null, _time.GetUtcNow())).ConfigureAwait(false);
        }

        return added;
    }

    public async Task<bool> UnwatchAsync(string item, string editor, CancellationToken ct)
    {
        var removed = await Db.HashDeleteAsync(_watchlist, item.ToUpperInvariant()).ConfigureAwait(false);
        if (removed)
        {
            await PublishAsync(new DeskNotice(DeskNotice.Unwatched, item, editor, null, null, _time.GetUtcNow())).ConfigureAwait(false);
        }

        return removed;
    }

    public async ValueTask DisposeAsync()
    {
        if (_queue is not null)
        {
            await _queue.UnsubscribeAsync().ConfigureAwait(false);
        }
    }

    private Task<long> PublishAsync(DeskNotice notice) =>
        _redis.GetSubscriber().PublishAsync(_changed, JsonSerializer.Serialize(notice, Json));

    /// <summary>Messages arrive one at a time, in order, so each reload sees at least the change it was told of.</summary>
    private async Task OnChangedAsync(ChannelMessage message)
    {
        try
        {
            var notice = JsonSerializer.Deserialize<DeskNotice>((string)message.Message!, Json)!;
            var state = await LoadAsync().ConfigureAwait(false);
            Volatile.Write(ref _state, state);
            Changed?.Invoke(state, notice);
        }
        catch (Exception ex) when (ex is RedisException or JsonException)
        {
            LogReloadFailed(ex);
        }
    }

    private async Task<DeskState> LoadAsync()
    {
        var db = Db;
        var claims = db.HashGetAllAsync(_claims);
        var posted = db.HashGetAllAsync(_posted);
        var copied = db.HashGetAllAsync(_copied);
        var watchlist = db.HashValuesAsync(_watchlist);
        await Task.WhenAll(claims, posted, copied, watchlist).ConfigureAwait(false);

        return new DeskState(
            (await claims.ConfigureAwait(false))
                .Select(e => (Seat: (string)e.Name!, Claim: JsonSerializer.Deserialize<StoredClaim>((string)e.Value!, Json)!))
                .ToImmutableDictionary(x => x.Seat, x => new SeatClaim(x.Seat, x.Claim.Editor, x.Claim.At), StringComparer.OrdinalIgnoreCase),
            (await posted.ConfigureAwait(false))
                .Select(e => (Seat: (string)e.Name!, Mark: JsonSerializer.Deserialize<StoredMark>((string)e.Value!, Json)!))
                .ToImmutableDictionary(x => x.Seat, x => new PostedMark(x.Seat, x.Mark.Revision, x.Mark.Editor, x.Mark.At), StringComparer.OrdinalIgnoreCase),
            [
                .. (await copied.ConfigureAwait(false))
                    .Select(e => (Parts: ((string)e.Name!).Split('\t'), At: (long)e.Value))
                    .Where(x => x.Parts.Length == 3)
                    .Select(x => new CopiedMark(x.Parts[0], int.Parse(x.Parts[1], CultureInfo.InvariantCulture), x.Parts[2], DateTimeOffset.FromUnixTimeMilliseconds(x.At)))
                    .OrderBy(m => m.At),
            ],
            [.. (await watchlist.ConfigureAwait(false)).Select(v => (string)v!).Order(StringComparer.OrdinalIgnoreCase)]);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The desk could not reload its state after a change; the next change reloads it")]
    private partial void LogReloadFailed(Exception ex);

    private sealed record StoredClaim(string Editor, DateTimeOffset At);

    private sealed record StoredMark(int Revision, string Editor, DateTimeOffset At);
}
