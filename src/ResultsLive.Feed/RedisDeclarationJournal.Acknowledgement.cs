using System.Globalization;

using StackExchange.Redis;

namespace ResultsLive.Feed;

// Acknowledgement by replicas. With replicas required, no entry is answered, applied or published before that many
// replicas have it, so a failover (which promotes the most up-to-date replica) cannot take back anything anyone was told
// or shown. WAIT cannot run inside the append script, and it holds the connection it runs on, so it runs on a connection of
// its own, after a write there: WAIT counts the replicas that have everything up to that connection's last write, and in
// Redis's single order of writes that probe comes after every entry the round read `seq` before it. So one round confirms
// everything stored before it, whoever stored it, and appends that finish while a round is out share the next one: a burst
// costs one WAIT, as it costs one script call.
public sealed partial class RedisDeclarationJournal
{
    private readonly ReplicaAcknowledgement? _acknowledgement;
    private readonly AckWatermark _watermark = new();
    private readonly Lock _ackLock = new();
    private TaskCompletionSource<Acknowledged>? _nextRound;
    private bool _confirming;

    /// <summary>Why the last round failed (null after one succeeds), and when, for the health check.</summary>
    private volatile AckProblem? _ackProblem;

    /// <summary>True when entries wait for replicas before anyone hears of them.</summary>
    public bool RequiresReplicas => _acknowledgement is { Replicas: > 0 };

    /// <summary>The highest sequence of <paramref name="epoch"/> this node may apply: all, when no replica is required.</summary>
    private long ReadableThrough(string epoch) => RequiresReplicas ? _watermark.For(epoch) : long.MaxValue;

    /// <summary>
    /// Completes once every entry stored before this call has reached the required replicas, with the sequence confirmed;
    /// throws <see cref="JournalUnavailableException"/> when they did not acknowledge in time or Redis did not answer.
    /// </summary>
    private Task<Acknowledged> ConfirmAsync()
    {
        lock (_ackLock)
        {
            // A round already out may have read `seq` before the caller's entry was stored: the caller takes the next one.
            var round = _nextRound ??= new TaskCompletionSource<Acknowledged>(TaskCreationOptions.RunContinuationsAsynchronously);
            if (!_confirming)
            {
                _confirming = true;
                _ = RunRoundsAsync();
            }

            return round.Task;
        }
    }

    private async Task RunRoundsAsync()
    {
        while (true)
        {
            TaskCompletionSource<Acknowledged> round;
            lock (_ackLock)
            {
                if (_nextRound is null)
                {
                    _confirming = false;
                    return;
                }

                round = _nextRound;
                _nextRound = null;
            }

            try
            {
                round.TrySetResult(await RoundAsync().ConfigureAwait(false));
                _ackProblem = null;
            }
            catch (Exception ex)
            {
                var unavailable = Unavailable(ex);
                _ackProblem = new AckProblem(unavailable.Message, _time.GetUtcNow());
                round.TrySetException(unavailable);
            }
        }
    }

    private async Task<Acknowledged> RoundAsync()
    {
        var acknowledgement = _acknowledgement!;
        var db = acknowledgement.Connection.GetDatabase();
        var timeout = (long)acknowledgement.Timeout.TotalMilliseconds;

        // Pipelined, in this order, on the one connection to the primary: read how far the journal is, write the probe, WAIT.
        var read = db.StringGetAsync([SequenceKey, EpochKey], CommandFlags.DemandMaster);
        var probe = db.StringIncrementAsync(_probeKey, flags: CommandFlags.DemandMaster);
        var wait = db.ExecuteAsync("WAIT", [acknowledgement.Replicas, timeout], CommandFlags.DemandMaster);
        var values = await read.ConfigureAwait(false);
        await probe.ConfigureAwait(false);
        var replicas = (long)await wait.ConfigureAwait(false);
        if (replicas < acknowledgement.Replicas)
        {
            throw new JournalUnavailableException(string.Create(
                CultureInfo.InvariantCulture,
                $"{replicas} of the {acknowledgement.Replicas} replicas required acknowledged the journal within {timeout} ms"));
        }

        var sequence = (long?)values[0] ?? 0;
        var epoch = (string?)values[1] ?? "";
        if (epoch.Length > 0)
        {
            _watermark.Raise(epoch, sequence);

            // Tells the other nodes they may apply up to here, before anyone is answered: a node that reads after an
            // answer finds the watermark in Redis even if it missed the notification.
            await Database.ScriptEvaluateAsync(RaiseAckedScript, _ackedKeys, [epoch, sequence, _appendedChannel.ToString(), _nodeId]).ConfigureAwait(false);
        }

        return new Acknowledged(epoch, sequence);
    }

    /// <summary>
    /// On a quiet second: entries stored but never confirmed (their node died between the append and WAIT, its WAIT timed
    /// out and nobody resent, or a failover kept them without their acknowledgement) would hold back every entry after them.
    /// Any node may confirm them; once replicas have them they are as safe as any other.
    /// </summary>
    private async Task ConfirmStrandedAsync(string epoch, CancellationToken ct)
    {
        var position = await GetPositionAsync(ct).ConfigureAwait(false);
        if (position.Epoch != epoch || position.LastSequence <= _watermark.For(epoch))
        {
            return;
        }

        try
        {
            await ConfirmAsync().WaitAsync(ct).ConfigureAwait(false);
        }
        catch (JournalUnavailableException)
        {
            // Recorded for the health check; the next quiet second tries again.
        }
    }

    /// <summary>Redis errors that mean "not now" (unreachable, failing over, read-only, too few replicas) become <see cref="JournalUnavailableException"/>.</summary>
    private static Exception Unavailable(Exception ex) => ex switch
    {
        JournalUnavailableException => ex,
        RedisConnectionException or TimeoutException => new JournalUnavailableException("the results journal's Redis did not answer", ex),
        RedisServerException server when IsTransient(server.Message) => new JournalUnavailableException("the results journal's Redis refused the write for now", ex),
        _ => ex,
    };

    private static bool IsTransient(string message) =>
        message.StartsWith("NOREPLICAS", StringComparison.Ordinal) || message.StartsWith("READONLY", StringComparison.Ordinal)
        || message.StartsWith("LOADING", StringComparison.Ordinal) || message.StartsWith("MASTERDOWN", StringComparison.Ordinal)
        || message.StartsWith("TRYAGAIN", StringComparison.Ordinal) || message.StartsWith("BUSY", StringComparison.Ordinal);

    /// <summary>What one round confirmed: every entry of <see cref="Epoch"/> up to <see cref="Sequence"/> is on the replicas.</summary>
    private sealed record Acknowledged(string Epoch, long Sequence);

    private sealed record AckProblem(string Reason, DateTimeOffset Since);
}
