namespace ResultsLive.Feed;

/// <summary>
/// The entries this node appended lately, field for field as the stream holds them, by sequence, for one journal epoch.
/// A node's tail takes its own appends from here instead of reading them back from Redis: the round trip it saves sits
/// between an ingest request's append and its read-your-writes answer. Bounded: whatever is not here (too old, another
/// node's, another epoch's) is read from Redis.
/// </summary>
/// <remarks>
/// Sequences only name entries within an epoch: after the journal is deleted or restored they are reused, so an entry
/// kept under an earlier epoch must never be handed to a tail of the new one. Keeping one epoch at a time does that.
/// </remarks>
internal sealed class OwnAppends
{
    /// <summary>Far more than one commit's worth (at most a batch of 100), so a tail that keeps up always finds its entries.</summary>
    private const int Capacity = 4096;

    private readonly Lock _lock = new();
    private readonly StoredEntry?[] _ring = new StoredEntry?[Capacity];
    private string _epoch = "";
    private long _highest;

    /// <summary>
    /// The highest sequence this node has appended under <paramref name="epoch"/>: a tail behind it that cannot find the
    /// next entry here has a gap to read.
    /// </summary>
    public long Highest(string epoch)
    {
        lock (_lock)
        {
            return epoch == _epoch ? _highest : 0;
        }
    }

    /// <summary>Keeps entries that Redis has just acknowledged under <paramref name="epoch"/>; sequences come from the append script, so they are the stream's.</summary>
    public void Add(string epoch, List<StoredEntry> entries)
    {
        lock (_lock)
        {
            if (epoch != _epoch)
            {
                Array.Clear(_ring);
                _epoch = epoch;
                _highest = 0;
            }

            foreach (var entry in entries)
            {
                _ring[entry.Sequence % Capacity] = entry;
                _highest = Math.Max(_highest, entry.Sequence);
            }
        }
    }

    /// <summary>The entry under <paramref name="sequence"/> of <paramref name="epoch"/>, if this node appended it and it is still kept.</summary>
    public bool TryGet(string epoch, long sequence, out StoredEntry entry)
    {
        lock (_lock)
        {
            var kept = _ring[sequence % Capacity];
            if (epoch == _epoch && kept is not null && kept.Sequence == sequence)
            {
                entry = kept;
                return true;
            }
        }

        entry = null!;
        return false;
    }
}
