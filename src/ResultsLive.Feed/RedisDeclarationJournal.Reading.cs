using System.Globalization;
using System.Runtime.CompilerServices;

using StackExchange.Redis;

namespace ResultsLive.Feed;

// Reading and tailing the stream.
public sealed partial class RedisDeclarationJournal
{
    private const int TailPage = 256;

    /// <summary>The highest stream ID a sequence can have (a sequence is a long).</summary>
    private const string LastSequenceId = "0-9223372036854775807";

    /// <summary>A lost notification (a reconnect, say) delays a tailer by at most this long.</summary>
    private static readonly TimeSpan FallbackPoll = TimeSpan.FromSeconds(1);

    public async IAsyncEnumerable<JournalEntry> ReadAfterAsync(long after, int max, [EnumeratorCancellation] CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(after);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);

        // With replicas required, only what they acknowledged: the position brings the watermark kept in Redis.
        var epoch = RequiresReplicas ? (await GetPositionAsync(ct).ConfigureAwait(false)).Epoch : "";
        foreach (var entry in await ReadPageAsync(epoch, after, max).ConfigureAwait(false))
        {
            ct.ThrowIfCancellationRequested();
            yield return entry;
        }
    }

    public async IAsyncEnumerable<JournalEntry> TailAsync(long after, [EnumeratorCancellation] CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(after);

        // StackExchange.Redis multiplexes one connection and has no blocking XREAD, so: take this node's own appends as
        // they are acknowledged, read the stream (XRANGE) when another node says it appended, and poll every second in
        // case a notification was lost.
        Action<RedisChannel, RedisValue> handler = (_, message) =>
        {
            if (!IsOwnNotification(message))
            {
                RaiseFromNotification(message);
                RequestRead();
            }
        };
        var subscriber = _redis.GetSubscriber();

        // Subscribed before the first read, so an entry appended between the read and the wait still wakes us.
        await subscriber.SubscribeAsync(_appendedChannel, handler).ConfigureAwait(false);
        try
        {
            // Own appends are only taken from memory if they were made under the epoch this tail follows. (The journal may
            // still be replaced while it runs; the consumer notices that within a second and starts again.)
            var epoch = (await GetPositionAsync(ct).ConfigureAwait(false)).Epoch;
            var last = after;
            var read = true;
            while (true)
            {
                ct.ThrowIfCancellationRequested();
                var wake = _appended.Next;
                var requests = Interlocked.Read(ref _readRequests);
                while (_own.TryGet(epoch, last + 1, out var own))
                {
                    yield return JournalFormat.Decode(own);
                    last = own.Sequence;
                }

                // Own entries beyond one that is not here: another node's entry (its notification may be late or lost) or
                // one whose answer was lost, between them; the stream has it.
                if (read || _own.Highest(epoch) > last)
                {
                    var page = await ReadPageAsync(epoch, last, TailPage).ConfigureAwait(false);
                    foreach (var entry in page)
                    {
                        yield return entry;
                        last = entry.Sequence;
                    }

                    if (page.Count == TailPage)
                    {
                        continue; // more to read now
                    }
                }

                // Read the stream next if another node appended (or an own answer was lost) since `requests` was taken, or
                // if a second passed without news; an own append alone is found in OwnAppends.
                var woken = await WaitForAppendAsync(wake, ct).ConfigureAwait(false);
                read = !woken || Interlocked.Read(ref _readRequests) != requests;
                if (!woken && RequiresReplicas)
                {
                    await ConfirmStrandedAsync(epoch, ct).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            // Fire and forget: the tail may be ending because Redis is gone, and unsubscribing must not throw over that.
            await subscriber.UnsubscribeAsync(_appendedChannel, handler, CommandFlags.FireAndForget).ConfigureAwait(false);
        }
    }

    /// <summary>Keeps what this node has just appended for its own tails and wakes them.</summary>
    private void KeepOwn(string epoch, List<StoredEntry> entries)
    {
        if (entries.Count > 0)
        {
            _own.Add(epoch, entries);
            _appended.Pulse();
        }
    }

    /// <summary>Tells this node's tails to read the stream: another node appended, or an own append may be stored unseen.</summary>
    private void RequestRead()
    {
        Interlocked.Increment(ref _readRequests);
        _appended.Pulse();
    }

    /// <summary>
    /// Notifications are "&lt;sequence&gt; &lt;node&gt;[ &lt;epoch&gt;]"; one without a node (an older node's) counts as
    /// another node's.
    /// </summary>
    private bool IsOwnNotification(RedisValue message)
    {
        var parts = ((string?)message ?? "").Split(' ');
        return parts.Length >= 2 && parts[1] == _nodeId;
    }

    /// <summary>An acknowledgement ("sequence node epoch") raises the watermark: entries up to it may be read and applied.</summary>
    private void RaiseFromNotification(RedisValue message)
    {
        var parts = ((string?)message ?? "").Split(' ');
        if (RequiresReplicas && parts.Length == 3 && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var sequence))
        {
            _watermark.Raise(parts[2], sequence);
        }
    }

    /// <summary>True when woken, false when the fallback poll's second passed first (not thrown: an idle node polls every second).</summary>
    private async Task<bool> WaitForAppendAsync(Task wake, CancellationToken ct)
    {
        await wake.WaitAsync(FallbackPoll, _time, ct).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        ct.ThrowIfCancellationRequested();
        return wake.IsCompleted;
    }

    /// <summary>Up to <paramref name="max"/> entries after <paramref name="after"/>; with replicas required, only those they acknowledged in <paramref name="epoch"/>.</summary>
    private async Task<List<JournalEntry>> ReadPageAsync(string epoch, long after, int max)
    {
        // Stream IDs are 0-<sequence>, so "after n" is the inclusive range from 0-(n+1). The range ends with the last ID
        // a sequence can have (an entry someone added with another ID, XADD *, is not the journal's and is never read),
        // or with the last one the replicas acknowledged.
        var through = ReadableThrough(epoch);
        if (through <= after)
        {
            return [];
        }

        var end = through == long.MaxValue ? LastSequenceId : string.Create(CultureInfo.InvariantCulture, $"0-{through}");
        var entries = await Database.StreamRangeAsync(_keys[0], $"0-{after + 1}", end, max).ConfigureAwait(false);
        var page = new List<JournalEntry>(entries.Length);
        foreach (var entry in entries)
        {
            page.Add(JournalFormat.Decode(ToStored(entry)));
        }

        return page;
    }

    private static StoredEntry ToStored(StreamEntry entry)
    {
        var id = (string)entry.Id!;
        var sequence = long.Parse(id.AsSpan(id.IndexOf('-', StringComparison.Ordinal) + 1), CultureInfo.InvariantCulture);
        var kind = (string?)entry["kind"];
        var payload = kind == JournalFormat.StatusKind ? entry["status"] : entry["body"];
        return new StoredEntry(
            sequence, (string?)entry["v"], kind, (string?)entry["constituency"], (string?)entry["recordedAt"], (string?)entry["source"],
            (string?)entry["reason"], (string?)payload);
    }
}
