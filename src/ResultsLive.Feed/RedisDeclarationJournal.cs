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
/// <c>resultslive:{id}:journal</c> (the stream, entries in <see cref="JournalFormat"/>), <c>:seq</c> (last sequence),
/// <c>:revisions</c> (seat -> highest revision), <c>:bodies</c> ("seat#revision" -> "sequence|identity"), <c>:epoch</c>
/// (created with the first entry), <c>:acked</c> (epoch -> the highest sequence replicas acknowledged), <c>:ackprobe</c>
/// (written before each WAIT), and the pub/sub channel <c>:appended</c> ("last sequence node", after each append; with
/// replicas required, "acknowledged sequence node epoch", after each acknowledgement). A node's tail takes the node's own
/// appends from memory (<see cref="OwnAppends"/>) and reads the stream for everything else; with replicas required, only
/// what they acknowledged.
/// </remarks>
public sealed partial class RedisDeclarationJournal : IDeclarationJournal
{
    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(2);

    private readonly IConnectionMultiplexer _redis;
    private readonly TimeProvider _time;
    private readonly RedisKey[] _keys;
    private readonly RedisKey[] _entryKeys;
    private readonly RedisKey[] _positionKeys;
    private readonly RedisKey[] _ackedKeys;
    private readonly RedisKey _probeKey;
    private readonly RedisChannel _appendedChannel;

    /// <summary>Names this node in its "appended" notifications, so its own tail can tell them from other nodes'.</summary>
    private readonly string _nodeId = Guid.NewGuid().ToString("N");

    private readonly OwnAppends _own = new();

    /// <summary>Wakes this node's tails: on its own appends, and on another node's notification.</summary>
    private readonly AppendSignal _appended = new();

    /// <summary>Counts the reasons to read the stream (another node appended; an own append's answer was lost); a tail reads when it moves.</summary>
    private long _readRequests;

    /// <param name="acknowledgement">How many replicas must have an entry before anyone hears of it; null or 0 for none.</param>
    public RedisDeclarationJournal(IConnectionMultiplexer redis, string electionId, TimeProvider? time = null, ReplicaAcknowledgement? acknowledgement = null)
    {
        ArgumentNullException.ThrowIfNull(redis);
        ArgumentException.ThrowIfNullOrWhiteSpace(electionId);
        if (electionId.AsSpan().IndexOfAny('{', '}') >= 0)
        {
            throw new ArgumentException("an election id used as a Redis hash tag cannot contain braces", nameof(electionId));
        }

        if (acknowledgement is { Replicas: < 0 } || acknowledgement?.Timeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(acknowledgement), "replicas cannot be negative and the timeout must be positive");
        }

        _redis = redis;
        _time = time ?? TimeProvider.System;
        _acknowledgement = acknowledgement;
        var prefix = $"resultslive:{{{electionId}}}:";
        ElectionId = electionId;
        JournalKey = prefix + "journal";
        EpochKey = prefix + "epoch";
        _keys = [JournalKey, prefix + "seq", prefix + "revisions", prefix + "bodies", EpochKey];
        _entryKeys = [JournalKey, prefix + "seq", EpochKey];
        _positionKeys = [EpochKey, prefix + "seq", prefix + "acked"];
        _ackedKeys = [prefix + "acked", EpochKey];
        _probeKey = prefix + "ackprobe";
        _appendedChannel = RedisChannel.Literal(prefix + "appended");
    }

    public string ElectionId { get; }

    /// <summary>The stream that holds the entries, for operators who want to look at it with redis-cli.</summary>
    public string JournalKey { get; }

    /// <summary>The string that holds the journal's epoch.</summary>
    public string EpochKey { get; }

    private RedisKey SequenceKey => _keys[1];

    public Task<long> AppendStatusAsync(string constituency, SeatStatus status, Provenance provenance, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(constituency);
        return AppendEntryAsync(JournalFormat.StatusKind, constituency, "status", JournalFormat.StatusName(status), provenance, ct);
    }

    public Task<long> AppendExitPollAsync(ExitPoll exitPoll, Provenance provenance, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(exitPoll);
        return AppendEntryAsync(JournalFormat.ExitPollKind, "", "body", JournalFormat.EncodeExitPoll(exitPoll), provenance, ct);
    }

    public Task<JournalPosition> GetPositionAsync(CancellationToken ct) =>
        PositionAsync(PositionScript, [InMemoryDeclarationJournal.NewEpoch()], ct);

    public Task<JournalPosition> RenewEpochAsync(string stale, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(stale);
        return PositionAsync(RenewEpochScript, [stale, InMemoryDeclarationJournal.NewEpoch()], ct);
    }

    public async Task<JournalHealth> CheckAsync(CancellationToken ct)
    {
        try
        {
            // A health probe must answer promptly even while the client is queueing commands for a reconnect. It only
            // reads: a journal without an epoch yet reports none rather than being given one by a probe.
            var latency = await Database.PingAsync().WaitAsync(CheckTimeout, ct).ConfigureAwait(false);
            var values = await Database.StringGetAsync([SequenceKey, EpochKey]).WaitAsync(CheckTimeout, ct).ConfigureAwait(false);
            var last = (long?)values[0] ?? 0;
            var replicas = RequiresReplicas ? $", {_acknowledgement!.Replicas} replica(s) must acknowledge each entry" : "";
            var warning = _ackProblem is { } problem
                ? $"entries are not being acknowledged by replicas ({problem.Reason}) since {problem.Since:HH:mm:ss} UTC"
                : null;
            return new JournalHealth(
                "redis", true, last, $"redis stream {JournalKey}, ping {latency.TotalMilliseconds:0.0} ms{replicas}", (string?)values[1], warning);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            // The exception's text names servers and ports: it goes to the log, never into what a probe is answered.
            return new JournalHealth("redis", false, 0, $"redis stream {JournalKey} unreachable ({ex.GetType().Name})");
        }
    }

    private IDatabase Database => _redis.GetDatabase();

    private async Task<long> AppendEntryAsync(string kind, string constituency, string payloadField, string payload, Provenance provenance, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(provenance);
        ct.ThrowIfCancellationRequested();
        var recordedAt = JournalFormat.FormatTime(_time.GetUtcNow());
        long sequence;
        string epoch;
        try
        {
            // With replicas required the script does not announce the entry: the acknowledgement does, once they have it.
            var reply = await Database.ScriptEvaluateAsync(
                AppendEntryScript,
                _entryKeys,
                [
                    kind, constituency, recordedAt, payloadField, payload, RequiresReplicas ? "" : _appendedChannel.ToString(), _nodeId,
                    InMemoryDeclarationJournal.NewEpoch(), provenance.Source, provenance.OverrideReason ?? "",
                ]).ConfigureAwait(false);
            var parts = (RedisResult[]?)reply ?? throw new InvalidDataException("the append script returned nothing");
            (sequence, epoch) = ((long)parts[0], (string)parts[1]!);
            if (RequiresReplicas)
            {
                await ConfirmAsync().ConfigureAwait(false);
            }
        }
        catch (Exception ex)
        {
            RequestRead();
            var unavailable = Unavailable(ex);
            if (ReferenceEquals(unavailable, ex))
            {
                throw;
            }

            throw unavailable;
        }

        KeepOwn(epoch, [new StoredEntry(sequence, JournalFormat.Version, kind, constituency, recordedAt, provenance.Source, provenance.OverrideReason, payload)]);
        return sequence;
    }

    private async Task<JournalPosition> PositionAsync(string script, RedisValue[] arguments, CancellationToken ct)
    {
        var reply = await Database.ScriptEvaluateAsync(script, _positionKeys, arguments).WaitAsync(ct).ConfigureAwait(false);
        var parts = (RedisResult[]?)reply ?? throw new InvalidDataException("the epoch script returned nothing");
        var position = new JournalPosition((string)parts[0]!, long.Parse((string)parts[1]!, CultureInfo.InvariantCulture));

        // The watermark kept in Redis: what other nodes' rounds confirmed, for a node that missed their notifications.
        if (RequiresReplicas && parts.Length > 2 && !parts[2].IsNull)
        {
            _watermark.Raise(position.Epoch, long.Parse((string)parts[2]!, CultureInfo.InvariantCulture));
        }

        return position;
    }
}
