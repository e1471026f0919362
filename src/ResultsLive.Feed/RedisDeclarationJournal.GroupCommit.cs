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

    public Task<AppendResult> AppendDeclarationAsync(Declaration declaration, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(declaration);
        if (ct.IsCancellationRequested)
        {
            return Task.FromCanceled<AppendResult>(ct);
        }

        // Serialised here, on the caller's thread, so the sender only ships strings.
        var pending = new PendingAppend(
            DeclarationJson.SeatKey(declaration.Constituency), declaration.Revision, DeclarationJson.Canonical(declaration), declaration.Constituency);
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
                var outcomes = await AppendBatchAsync(batch).ConfigureAwait(false);
                for (var i = 0; i < batch.Count; i++)
                {
                    batch[i].Done.TrySetResult(outcomes[i]);
                }
            }
            catch (Exception ex)
            {
                // Redis unreachable, a timeout, an answer we cannot read: every declaration of the call gets the error
                // (each may or may not be stored; a resend is safe because appends are idempotent). What was stored
                // is not in OwnAppends, so this node's tails read the stream for it.
                RequestRead();
                foreach (var pending in batch)
                {
                    pending.Done.TrySetException(ex);
                }
            }
        }
    }

    private async Task<AppendResult[]> AppendBatchAsync(List<PendingAppend> batch)
    {
        var recordedAt = FormatTime(_time.GetUtcNow());
        var arguments = new RedisValue[3 + (4 * batch.Count)];
        arguments[0] = _appendedChannel.ToString();
        arguments[1] = recordedAt;
        arguments[2] = _nodeId;
        for (var i = 0; i < batch.Count; i++)
        {
            var at = 3 + (4 * i);
            arguments[at] = batch[i].SeatKey;
            arguments[at + 1] = batch[i].Revision;
            arguments[at + 2] = batch[i].Body;
            arguments[at + 3] = batch[i].Constituency;
        }

        var reply = await Database.ScriptEvaluateAsync(AppendDeclarationsScript, _keys, arguments).ConfigureAwait(false);
        var answers = (RedisResult[]?)reply ?? throw new InvalidDataException("the append script returned nothing");
        if (answers.Length != batch.Count)
        {
            throw new InvalidDataException($"the append script answered {answers.Length} times for {batch.Count} declarations");
        }

        var results = answers.Select(ToAppendResult).ToArray();

        // Exactly the fields the script gave XADD, so this node's tail need not read them back.
        var stored = new List<StoredEntry>(batch.Count);
        for (var i = 0; i < batch.Count; i++)
        {
            if (results[i].Outcome == AppendOutcome.Appended)
            {
                stored.Add(new StoredEntry(results[i].Sequence, DeclarationKind, batch[i].Constituency, recordedAt, batch[i].Body));
            }
        }

        KeepOwn(stored);
        return results;
    }

    private static AppendResult ToAppendResult(RedisResult answer)
    {
        var parts = (RedisResult[]?)answer ?? throw new InvalidDataException("the append script returned an empty answer");
        var outcome = (string?)parts[0] switch
        {
            "appended" => AppendOutcome.Appended,
            "repeated" => AppendOutcome.Repeated,
            "conflict" => AppendOutcome.Conflict,
            "stale" => AppendOutcome.Stale,
            var other => throw new InvalidDataException($"the append script answered '{other}'"),
        };
        var sequence = long.Parse((string)parts[1]!, CultureInfo.InvariantCulture);
        int? current = parts.Length > 2 && !parts[2].IsNull ? int.Parse((string)parts[2]!, CultureInfo.InvariantCulture) : null;
        return new AppendResult(outcome, sequence, current);
    }

    private sealed record PendingAppend(string SeatKey, int Revision, string Body, string Constituency)
    {
        public TaskCompletionSource<AppendResult> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
