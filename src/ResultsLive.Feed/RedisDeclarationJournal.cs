using System.Globalization;

using ResultsLive.Core.Model;

using StackExchange.Redis;

namespace ResultsLive.Feed;

/// <summary>
/// The journal in Redis, shared by every node: a Stream per election whose entry IDs are <c>0-&lt;sequence&gt;</c>, with the
/// idempotency check and the append done in one Lua script so two nodes can never both accept the same revision.
/// </summary>
/// <remarks>
/// Keys share the hash tag <c>{electionId}</c> so they live in one cluster slot, which a multi-key script needs:
/// <c>resultslive:{id}:journal</c> (the stream), <c>:seq</c> (last sequence), <c>:revisions</c> (seat -> highest revision),
/// <c>:bodies</c> ("seat#revision" -> "sequence|canonical JSON"), and the pub/sub channel <c>:appended</c> ("last sequence
/// node", after each append). A node's tail takes the node's own appends from memory (<see cref="OwnAppends"/>) and reads
/// the stream for everything else.
/// </remarks>
public sealed partial class RedisDeclarationJournal : IDeclarationJournal
{
    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(2);

    private readonly IConnectionMultiplexer _redis;
    private readonly TimeProvider _time;
    private readonly RedisKey[] _keys;
    private readonly RedisChannel _appendedChannel;

    /// <summary>Names this node in its "appended" notifications, so its own tail can tell them from other nodes'.</summary>
    private readonly string _nodeId = Guid.NewGuid().ToString("N");

    private readonly OwnAppends _own = new();

    /// <summary>Wakes this node's tails: on its own appends, and on another node's notification.</summary>
    private readonly AppendSignal _appended = new();

    /// <summary>Counts the reasons to read the stream (another node appended; an own append's answer was lost); a tail reads when it moves.</summary>
    private long _readRequests;

    public RedisDeclarationJournal(IConnectionMultiplexer redis, string electionId, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(redis);
        ArgumentException.ThrowIfNullOrWhiteSpace(electionId);
        if (electionId.AsSpan().IndexOfAny('{', '}') >= 0)
        {
            throw new ArgumentException("an election id used as a Redis hash tag cannot contain braces", nameof(electionId));
        }

        _redis = redis;
        _time = time ?? TimeProvider.System;
        var prefix = $"resultslive:{{{electionId}}}:";
        ElectionId = electionId;
        JournalKey = prefix + "journal";
        _keys = [JournalKey, prefix + "seq", prefix + "revisions", prefix + "bodies"];
        _appendedChannel = RedisChannel.Literal(prefix + "appended");
    }

    public string ElectionId { get; }

    /// <summary>The stream that holds the entries, for operators who want to look at it with redis-cli.</summary>
    public string JournalKey { get; }

    private RedisKey SequenceKey => _keys[1];

    public async Task<long> AppendStatusAsync(string constituency, SeatStatus status, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(constituency);
        ct.ThrowIfCancellationRequested();
        var recordedAt = FormatTime(_time.GetUtcNow());
        var name = StatusName(status);
        long sequence;
        try
        {
            var reply = await Database.ScriptEvaluateAsync(
                AppendStatusScript, _keys, [constituency, recordedAt, name, _appendedChannel.ToString(), _nodeId]).ConfigureAwait(false);
            sequence = (long)reply;
        }
        catch
        {
            RequestRead();
            throw;
        }

        KeepOwn([new StoredEntry(sequence, StatusKind, constituency, recordedAt, name)]);
        return sequence;
    }

    public async Task<JournalHealth> CheckAsync(CancellationToken ct)
    {
        try
        {
            // A health probe must answer promptly even while the client is queueing commands for a reconnect.
            var latency = await Database.PingAsync().WaitAsync(CheckTimeout, ct).ConfigureAwait(false);
            var last = (long?)await Database.StringGetAsync(SequenceKey).WaitAsync(CheckTimeout, ct).ConfigureAwait(false) ?? 0;
            return new JournalHealth("redis", true, last, $"redis stream {JournalKey}, ping {latency.TotalMilliseconds:0.0} ms");
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            return new JournalHealth("redis", false, 0, $"redis stream {JournalKey} unreachable: {ex.Message}");
        }
    }

    private IDatabase Database => _redis.GetDatabase();

    private static string FormatTime(DateTimeOffset time) => time.ToString("O", CultureInfo.InvariantCulture);

    private static string StatusName(SeatStatus status) => status.ToString();
}
