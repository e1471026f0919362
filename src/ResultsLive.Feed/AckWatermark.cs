namespace ResultsLive.Feed;

/// <summary>
/// The highest sequence of one journal epoch known to have reached the replicas: entries up to it may be applied, shown and
/// published, later ones not yet. Raised by this node's own acknowledgement rounds, by other nodes' notifications and by
/// the watermark kept in Redis; it only goes up within an epoch.
/// </summary>
internal sealed class AckWatermark
{
    private readonly Lock _lock = new();
    private string _epoch = "";
    private long _sequence;

    public long For(string epoch)
    {
        lock (_lock)
        {
            return epoch == _epoch ? _sequence : 0;
        }
    }

    public void Raise(string epoch, long sequence)
    {
        lock (_lock)
        {
            if (epoch != _epoch)
            {
                (_epoch, _sequence) = (epoch, sequence);
            }
            else if (sequence > _sequence)
            {
                _sequence = sequence;
            }
        }
    }
}
