namespace ResultsLive.Web.Audit;

/// <summary>The audit trail of a node without Redis: the newest <see cref="IAuditTrail.Capacity"/> events in memory.</summary>
public sealed class InMemoryAuditTrail(int capacity = IAuditTrail.Capacity) : IAuditTrail
{
    private readonly LinkedList<AuditRecord> _events = new();
    private readonly Lock _lock = new();
    private long _next;

    public Task RecordAsync(AuditEvent auditEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(auditEvent);
        lock (_lock)
        {
            _events.AddLast(new AuditRecord((++_next).ToString(System.Globalization.CultureInfo.InvariantCulture), auditEvent));
            while (_events.Count > capacity)
            {
                _events.RemoveFirst();
            }
        }

        return Task.CompletedTask;
    }

    public Task<AuditPage> ReadAsync(AuditFilter filter, AuditPaging paging, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(paging);
        var before = long.TryParse(paging.Before, out var cursor) ? cursor : long.MaxValue;
        var limit = Math.Clamp(paging.Limit, 1, AuditPaging.MaxLimit);
        var found = new List<AuditRecord>();
        string? next = null;
        lock (_lock)
        {
            var scanned = 0;
            for (var node = _events.Last; node is not null; node = node.Previous)
            {
                var record = node.Value;
                var id = long.Parse(record.Id, System.Globalization.CultureInfo.InvariantCulture);
                if (id >= before)
                {
                    continue;
                }

                if (filter.From is { } from && record.Event.At < from)
                {
                    break;
                }

                if (++scanned > AuditPaging.MaxScan)
                {
                    next = (id + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
                    break;
                }

                if (filter.Matches(record.Event))
                {
                    found.Add(record);
                    if (found.Count == limit)
                    {
                        next = record.Id;
                        break;
                    }
                }
            }
        }

        return Task.FromResult(new AuditPage(found, next));
    }
}
