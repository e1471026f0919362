using System.Diagnostics;

namespace ResultsLive.HubLoad;

/// <summary>
/// Where every fleet connection notes each push it receives: its sequence and the moment it arrived. Storage is
/// allocated up front (one slice of two flat arrays per connection), so recording allocates nothing and takes no lock:
/// SignalR runs one connection's handlers one after another, so each slice has a single writer.
/// </summary>
internal sealed class DeliveryRecorder
{
    private readonly long[] _sequences;
    private readonly long[] _arrivals;
    private readonly Slot[] _slots;

    public DeliveryRecorder(int connections, int perConnection)
    {
        _sequences = new long[connections * perConnection];
        _arrivals = new long[connections * perConnection];
        _slots = [.. Enumerable.Range(0, connections).Select(i => new Slot(this, i * perConnection, perConnection))];
    }

    /// <summary>Pushes received so far, by all connections.</summary>
    public long Total => _slots.Sum(static s => (long)s.Count);

    /// <summary>Pushes that did not fit a connection's slice (more than it was sized for): should stay 0.</summary>
    public long Overflowed => _slots.Sum(static s => (long)s.Overflowed);

    /// <summary>The handler state for connection <paramref name="index"/>.</summary>
    public Slot For(int index) => _slots[index];

    /// <summary>
    /// Waits until <paramref name="expected"/> pushes have arrived in all, or until none has arrived for
    /// <paramref name="idle"/>: a connection that never gets a message is then counted as missing rather than waited for.
    /// </summary>
    public async Task<long> WaitForAsync(long expected, TimeSpan idle, CancellationToken ct)
    {
        var total = Total;
        var lastProgress = Stopwatch.GetTimestamp();
        while (total < expected && Stopwatch.GetElapsedTime(lastProgress) < idle)
        {
            await Task.Delay(20, ct).ConfigureAwait(false);
            var now = Total;
            if (now != total)
            {
                total = now;
                lastProgress = Stopwatch.GetTimestamp();
            }
        }

        return total;
    }

    /// <summary>Joins what arrived with when each sequence was sent: latencies (ms, sorted), the count and the last arrival.</summary>
    public PhaseDeliveries Collect(IReadOnlyDictionary<long, long> sentAt)
    {
        var latencies = new List<double>();
        var lastArrival = long.MinValue;
        foreach (var slot in _slots)
        {
            for (var i = 0; i < slot.Count; i++)
            {
                var at = slot.Offset + i;
                if (sentAt.TryGetValue(_sequences[at], out var sent))
                {
                    latencies.Add(Stopwatch.GetElapsedTime(sent, _arrivals[at]).TotalMilliseconds);
                    lastArrival = Math.Max(lastArrival, _arrivals[at]);
                }
            }
        }

        latencies.Sort();
        return new PhaseDeliveries(latencies, lastArrival);
    }

    /// <summary>One connection's slice; passed to SignalR as the handler's state so the handler needs no closure.</summary>
    internal sealed class Slot(DeliveryRecorder recorder, int offset, int capacity)
    {
        private int _count;
        private int _overflowed;

        public int Offset => offset;

        public int Count => Volatile.Read(ref _count);

        public int Overflowed => Volatile.Read(ref _overflowed);

        public void Record(long sequence, long arrival)
        {
            var count = _count;
            if (count == capacity)
            {
                Volatile.Write(ref _overflowed, _overflowed + 1);
                return;
            }

            recorder._sequences[offset + count] = sequence;
            recorder._arrivals[offset + count] = arrival;

            // Published after the values, so a reader that sees the count sees them too.
            Volatile.Write(ref _count, count + 1);
        }
    }
}

/// <summary>One phase's deliveries: latency of each from its send (ms, sorted), and the Stopwatch timestamp of the last.</summary>
internal sealed record PhaseDeliveries(List<double> LatenciesMs, long LastArrival);
