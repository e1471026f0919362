using System.Globalization;

using ResultsLive.Core.Model;

using StackExchange.Redis;

namespace ResultsLive.Feed;

// Appending declarations with group commit: whatever arrives while one script call is on its way to Redis goes in the
// next call, together. An isolated declaration is sent at once, alone; under load, one call (one Lua start-up, one fsync
// with appendfsync always, one PUBLISH to every node) carries a whole burst instead of one declaration each.
public sealed partial class RedisDeclarationJournal
{
    /// <summary>Keeps one script call short (Redis runs nothing else meanwhile): about a millisecond of work at most.</summary>
    private const int MaxBatch = 100;

    private readonly Lock _queueLock = new();
    private List<PendingAppend> _queued = [];
    private bool _sending;

    public Task<AppendResult> AppendDeclarationAsync(Declaration declaration, Provenance provenance, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(declaration);
        ArgumentNullException.ThrowIfNull(provenance);
        if (ct.IsCancellationRequested)
        {
            return Task.FromCanceled<AppendResult>(ct);
        }

        // Encoded and hashed here, on the caller's thread, so the sender only ships strings.
        var pending = new PendingAppend(
            JournalFormat.SeatKey(declaration.Constituency),
            declaration.Revision,
            JournalFormat.Identity(declaration),
            JournalFormat.EncodeDeclaration(declaration),
            declaration.Constituency,
            provenance);
        bool lead;
        lock (_queueLock)
        {
            _queued.Add(pending);
            lead = !_sending;
            _sending = true;
        }

        if (lead)
        {
            // The caller that finds nobody sending becomes the sender until the queue is empty; nothing runs in the background after that.
            _ = SendQueuedAsync();
        }

        return pending.Done.Task;
    }

    private async Task SendQueuedAsync()
    {
        while (true)
        {
            List<PendingAppend> batch;
            lock (_queueLock)
            {
                if (_queued.Count == 0)
                {
                    _sending = false;
                    return;
                }

                if (_queued.Count <= MaxBatch)
                {
                    batch = _queued;
                    _queued = [];
                }
                else
                {
                    batch = _queued.GetRange(0, MaxBatch);
                    _queued.RemoveRange(0, MaxBatch);
                }
            }

            try
            {
                var (outcomes, epoch, stored) = await AppendBatchAsync(batch).ConfigureAwait(false);
                if (RequiresReplicas)
                {
                    // The next batch goes out while this one's WAIT is on its way; rounds are shared, so a burst costs one.
                    _ = CompleteWhenAcknowledgedAsync(batch, outcomes, epoch, stored);
                }
                else
                {
                    KeepOwn(epoch, stored);
                    Complete(batch, outcomes);
                }
            }
            catch (Exception ex)
            {
                Fail(batch, ex);
            }
        }
    }

    /// <summary>
    /// Answers a batch once the replicas have it: repeats too, whose original entry may be one nobody confirmed yet, and
    /// conflicts, so that no answer rests on an entry a failover could take back.
    /// </summary>
    private async Task CompleteWhenAcknowledgedAsync(List<PendingAppend> batch, AppendResult[] outcomes, string epoch, List<StoredEntry> stored)
    {
        try
        {
            // The round read `seq` after the script answered, so it covers every entry of the batch.
            await ConfirmAsync().ConfigureAwait(false);
            KeepOwn(epoch, stored);
            Complete(batch, outcomes);
        }
        catch (Exception ex)
        {
            Fail(batch, ex);
        }
    }

    private static void Complete(List<PendingAppend> batch, AppendResult[] outcomes)
    {
        for (var i = 0; i < batch.Count; i++)
        {
            batch[i].Done.TrySetResult(outcomes[i]);
        }
    }

    /// <summary>
    /// Redis unreachable, a timeout, no replica in time, an answer we cannot read: every declaration of the call gets the
    /// error (each may or may not be stored; a resend is safe because appends are idempotent). What was stored is not in
    /// OwnAppends, so this node's tails read the stream for it, once it is acknowledged.
    /// </summary>
    private void Fail(List<PendingAppend> batch, Exception ex)
    {
        RequestRead();
        var reported = Unavailable(ex);
        foreach (var pending in batch)
        {
            pending.Done.TrySetException(reported);
        }
    }

    /// <summary>One script call for the batch: each declaration's answer, the journal's epoch, and what was appended, field for field.</summary>
    private async Task<(AppendResult[] Outcomes, string Epoch, List<StoredEntry> Stored)> AppendBatchAsync(List<PendingAppend> batch)
    {
        var recordedAt = JournalFormat.FormatTime(_time.GetUtcNow());
        var arguments = new RedisValue[4 + (7 * batch.Count)];

        // With replicas required the script does not announce the entries: the acknowledgement does, once they have them.
        arguments[0] = RequiresReplicas ? "" : _appendedChannel.ToString();
        arguments[1] = recordedAt;
        arguments[2] = _nodeId;
        arguments[3] = InMemoryDeclarationJournal.NewEpoch();
        for (var i = 0; i < batch.Count; i++)
        {
            var at = 4 + (7 * i);
            var pending = batch[i];
            arguments[at] = pending.SeatKey;
            arguments[at + 1] = pending.Revision;
            arguments[at + 2] = pending.Identity;
            arguments[at + 3] = pending.Body;
            arguments[at + 4] = pending.Constituency;
            arguments[at + 5] = pending.Provenance.Source;
            arguments[at + 6] = pending.Provenance.OverrideReason ?? "";
        }

        var reply = await Database.ScriptEvaluateAsync(AppendDeclarationsScript, _keys, arguments).ConfigureAwait(false);
        var parts = (RedisResult[]?)reply ?? throw new InvalidDataException("the append script returned nothing");
        var epoch = (string)parts[0]!;
        var answers = (RedisResult[]?)parts[1] ?? throw new InvalidDataException("the append script returned no answers");
        if (answers.Length != batch.Count)
        {
            throw new InvalidDataException($"the append script answered {answers.Length} times for {batch.Count} declarations");
        }

        var results = new AppendResult[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            results[i] = ToAppendResult(answers[i], batch[i]);
        }

        // Exactly the fields the script gave XADD, so this node's tail need not read them back.
        var stored = new List<StoredEntry>(batch.Count);
        for (var i = 0; i < batch.Count; i++)
        {
            if (results[i].Outcome == AppendOutcome.Appended)
            {
                var pending = batch[i];
                stored.Add(new StoredEntry(
                    results[i].Sequence, JournalFormat.Version, JournalFormat.DeclarationKind, pending.Constituency, recordedAt,
                    pending.Provenance.Source, pending.Provenance.OverrideReason, pending.Body));
            }
        }

        return (results, epoch, stored);
    }

    private static AppendResult ToAppendResult(RedisResult answer, PendingAppend pending)
    {
        var parts = (RedisResult[]?)answer ?? throw new InvalidDataException("the append script returned an empty answer");
        var sequence = long.Parse((string)parts[1]!, CultureInfo.InvariantCulture);
        int? current = parts.Length > 2 && !parts[2].IsNull && int.TryParse((string?)parts[2], CultureInfo.InvariantCulture, out var revision) ? revision : null;
        return (string?)parts[0] switch
        {
            "appended" => new AppendResult(AppendOutcome.Appended, sequence, current),
            "repeated" => new AppendResult(AppendOutcome.Repeated, sequence, current),
            "conflict" => new AppendResult(AppendOutcome.Conflict, sequence, current),
            "stale" => new AppendResult(AppendOutcome.Stale, sequence, current),
            "legacy" => LegacyAnswer((string?)parts[3], sequence, current, pending),
            var other => throw new InvalidDataException($"the append script answered '{other}'"),
        };
    }

    /// <summary>
    /// The revision was stored by the previous format, as its canonical JSON: normalised here with the same rules as any
    /// identity, so a retry of it is still a repeat. A stored revision never changes, so deciding outside the script is safe;
    /// if it is not a repeat the answer is what the script would have said. The stored value is left as it is, so a node
    /// still on the previous version keeps reading it during a rolling upgrade.
    /// </summary>
    private static AppendResult LegacyAnswer(string? stored, long sequence, int? current, PendingAppend pending) =>
        stored is not null && JournalFormat.LegacyIdentity(stored) == pending.Identity
            ? new AppendResult(AppendOutcome.Repeated, sequence, current)
            : pending.Revision < current
                ? new AppendResult(AppendOutcome.Stale, 0, current)
                : new AppendResult(AppendOutcome.Conflict, 0, current);

    private sealed record PendingAppend(string SeatKey, int Revision, string Identity, string Body, string Constituency, Provenance Provenance)
    {
        public TaskCompletionSource<AppendResult> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
