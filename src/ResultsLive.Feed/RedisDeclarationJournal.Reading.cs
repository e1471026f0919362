using System.Globalization;
using System.Runtime.CompilerServices;

using ResultsLive.Core.Model;

using StackExchange.Redis;

namespace ResultsLive.Feed;

// Reading and tailing the stream.
public sealed partial class RedisDeclarationJournal
{
    private const int TailPage = 256;

    /// <summary>A lost notification (a reconnect, say) delays a tailer by at most this long.</summary>
    private static readonly TimeSpan FallbackPoll = TimeSpan.FromSeconds(1);

    public async IAsyncEnumerable<JournalEntry> ReadAfterAsync(long after, int max, [EnumeratorCancellation] CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(after);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
        foreach (var entry in await ReadPageAsync(after, max).ConfigureAwait(false))
        {
            ct.ThrowIfCancellationRequested();
            yield return entry;
        }
    }

    public async IAsyncEnumerable<JournalEntry> TailAsync(long after, [EnumeratorCancellation] CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(after);

        // StackExchange.Redis multiplexes one connection and has no blocking XREAD, so: XRANGE, then wait for PUBLISH or a 1 s poll.
        var appended = new AppendSignal();
        Action<RedisChannel, RedisValue> handler = (_, _) => appended.Pulse();
        var subscriber = _redis.GetSubscriber();

        // Subscribed before the first read, so an entry appended between the read and the wait still wakes us.
        await subscriber.SubscribeAsync(_appendedChannel, handler).ConfigureAwait(false);
        try
        {
            var last = after;
            while (true)
            {
                ct.ThrowIfCancellationRequested();
                var wake = appended.Next;
                var page = await ReadPageAsync(last, TailPage).ConfigureAwait(false);
                foreach (var entry in page)
                {
                    yield return entry;
                    last = entry.Sequence;
                }

                if (page.Count < TailPage)
                {
                    await WaitForAppendAsync(wake, ct).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            // Fire and forget: the tail may be ending because Redis is gone, and unsubscribing must not throw over that.
            await subscriber.UnsubscribeAsync(_appendedChannel, handler, CommandFlags.FireAndForget).ConfigureAwait(false);
        }
    }

    private static async Task WaitForAppendAsync(Task wake, CancellationToken ct)
    {
        try
        {
            await wake.WaitAsync(FallbackPoll, ct).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // The fallback poll: read again even though no notification came.
        }
    }

    private async Task<List<JournalEntry>> ReadPageAsync(long after, int max)
    {
        // Stream IDs are 0-<sequence>, so "after n" is the inclusive range from 0-(n+1).
        var entries = await Database.StreamRangeAsync(_keys[0], $"0-{after + 1}", "+", max).ConfigureAwait(false);
        var page = new List<JournalEntry>(entries.Length);
        foreach (var entry in entries)
        {
            page.Add(ToEntry(entry));
        }

        return page;
    }

    private static JournalEntry ToEntry(StreamEntry entry)
    {
        var id = (string)entry.Id!;
        var sequence = long.Parse(id.AsSpan(id.IndexOf('-', StringComparison.Ordinal) + 1), CultureInfo.InvariantCulture);
        var constituency = (string)entry["constituency"]!;
        var recordedAt = DateTimeOffset.ParseExact((string)entry["recordedAt"]!, "O", CultureInfo.InvariantCulture);
        return (string?)entry["kind"] switch
        {
            "declaration" => new JournalEntry(
                sequence, JournalEntryKind.Declaration, constituency, recordedAt, DeclarationJson.Parse((string)entry["body"]!), null),
            "status" => new JournalEntry(
                sequence, JournalEntryKind.Status, constituency, recordedAt, null, Enum.Parse<SeatStatus>((string)entry["status"]!, ignoreCase: true)),
            var kind => throw new InvalidDataException($"journal entry {id} has an unknown kind '{kind}'"),
        };
    }
}
