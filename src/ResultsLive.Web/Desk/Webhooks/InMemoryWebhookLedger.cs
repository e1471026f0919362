namespace ResultsLive.Web.Desk.Webhooks;

/// <summary>The webhook ledger for one node with the in-memory journal: it is the only node, so its lease is never contested.</summary>
public sealed class InMemoryWebhookLedger(TimeProvider time) : IWebhookLedger
{
    public const int LogCapacity = 500;

    private readonly Lock _lock = new();
    private readonly Dictionary<string, long> _cursors = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string Node, DateTimeOffset Until)> _leases = new(StringComparer.Ordinal);
    private readonly LinkedList<DeliveryRecord> _log = new();

    public Task<bool> TryLeaseAsync(string webhook, string node, TimeSpan ttl, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        lock (_lock)
        {
            if (_leases.TryGetValue(webhook, out var lease) && lease.Node != node && lease.Until > now)
            {
                return Task.FromResult(false);
            }

            _leases[webhook] = (node, now + ttl);
            return Task.FromResult(true);
        }
    }

    public Task<long> CursorAsync(string webhook, CancellationToken ct)
    {
        lock (_lock)
        {
            return Task.FromResult(_cursors.GetValueOrDefault(webhook));
        }
    }

    public Task<bool> AdvanceAsync(string webhook, string node, long sequence, CancellationToken ct)
    {
        lock (_lock)
        {
            if (!_leases.TryGetValue(webhook, out var lease) || lease.Node != node)
            {
                return Task.FromResult(false);
            }

            _cursors[webhook] = Math.Max(_cursors.GetValueOrDefault(webhook), sequence);
            return Task.FromResult(true);
        }
    }

    public Task LogAsync(DeliveryRecord record, CancellationToken ct)
    {
        lock (_lock)
        {
            _log.AddFirst(record);
            if (_log.Count > LogCapacity)
            {
                _log.RemoveLast();
            }
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<DeliveryRecord>> RecentAsync(int max, CancellationToken ct)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<DeliveryRecord>>([.. _log.Take(max)]);
        }
    }
}
