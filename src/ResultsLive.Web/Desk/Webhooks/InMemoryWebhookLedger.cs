namespace ResultsLive.Web.Desk.Webhooks;

/// <summary>The webhook ledger for one node with the in-memory journal: it is the only node, so its lease is never contested.</summary>
public sealed class InMemoryWebhookLedger(TimeProvider time) : IWebhookLedger
{
    public const int LogCapacity = 500;

    private readonly Lock _lock = new();
    private readonly Dictionary<string, (long Watermark, HashSet<string> Delivered)> _progress = new(StringComparer.Ordinal);
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

    public Task<DeliveryProgress> ProgressAsync(string webhook, CancellationToken ct)
    {
        lock (_lock)
        {
            var progress = _progress.GetValueOrDefault(webhook, (0, []));
            return Task.FromResult(new DeliveryProgress(progress.Watermark, new HashSet<string>(progress.Delivered ?? [], StringComparer.Ordinal)));
        }
    }

    public Task<bool> RecordAsync(string webhook, string node, DeliveryRecord record, long watermark, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(record);
        lock (_lock)
        {
            if (!_leases.TryGetValue(webhook, out var lease) || lease.Node != node)
            {
                return Task.FromResult(false);
            }

            if (!_progress.TryGetValue(webhook, out var progress))
            {
                progress = (0, new HashSet<string>(StringComparer.Ordinal));
            }

            if (record.Delivered)
            {
                progress.Delivered.Add(record.Id);
            }

            _progress[webhook] = (Math.Max(progress.Watermark, watermark), progress.Delivered);
            _log.AddFirst(record);
            if (_log.Count > LogCapacity)
            {
                _log.RemoveLast();
            }

            return Task.FromResult(true);
        }
    }

    public Task<IReadOnlyList<DeliveryRecord>> RecentAsync(int max, CancellationToken ct)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<DeliveryRecord>>([.. _log.Take(max)]);
        }
    }
}
