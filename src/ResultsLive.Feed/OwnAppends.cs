namespace ResultsLive.Feed;

/// <summary>
/// The entries this node appended lately, field for field as the stream holds them, by sequence. A node's tail takes its
/// own appends from here instead of reading them back from Redis: the round trip it saves sits between an ingest request's
/// append and its read-your-writes answer. Bounded: whatever is not here (too old, or another node's) is read from Redis.
/// </summary>
internal sealed class OwnAppends
{
    /// <summary>Far more than one commit's worth (at most a batch of 100), so a tail that keeps up always finds its entries.</summary>
    private const int Capacity = 4096;

    private readonly Lock _lock = new();
    private readonly StoredEntry?[] _ring = new StoredEntry?[Capacity];
    private long _highest;

    /// <summary>The highest sequence this node has appended: a tail behind it that cannot find the next entry here has a gap to read.</summary>
    public long Highest => Interlocked.Read(ref _highest);

    /// <summary>Keeps entries that Redis has just acknowledged; sequences come from the append script, so they are the stream's.</summary>
    public void Add(List<StoredEntry> entries)
    {
        lock (_lock)
        {
            foreach (var entry in entries)
            {
                _ring[entry.Sequence % Capacity] = entry;
                if (entry.Sequence > _highest)
                {
                    Interlocked.Exchange(ref _highest, entry.Sequence);
                }
            }
        }
    }

    /// <summary>The entry under <paramref name="sequence"/>, if this node appended it and it is still kept.</summary>
    public bool TryGet(long sequence, out StoredEntry entry)
    {
        lock (_lock)
        {
            var kept = _ring[sequence % Capacity];
            if (kept is not null && kept.Sequence == sequence)
            {
                entry = kept;
                return true;
            }
        }

        entry = null!;
        return false;
    }
}

/// <summary>
/// A stream entry's fields as Redis stores them (all text): kind, constituency, recordedAt and the body (a declaration's
/// canonical JSON) or the status name. Read back from the stream or kept from an append, it becomes the same <see cref="JournalEntry"/>.
/// </summary>
internal sealed record StoredEntry(long Sequence, string Kind, string Constituency, string RecordedAt, string Payload);
