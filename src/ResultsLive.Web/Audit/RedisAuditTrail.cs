using System.Globalization;

using StackExchange.Redis;

namespace ResultsLive.Web.Audit;

/// <summary>The audit trail as a Redis stream beside the journal: <c>resultslive:{&lt;election&gt;}:audit</c>, trimmed to about
/// <see cref="IAuditTrail.Capacity"/> entries (Redis runs with noeviction, so nothing may grow without bound).</summary>
public sealed class RedisAuditTrail(IConnectionMultiplexer redis, string electionId, int capacity = IAuditTrail.Capacity) : IAuditTrail
{
    private const int ReadBatch = 500;

    private readonly RedisKey _key = $"resultslive:{{{electionId}}}:audit";

    public async Task RecordAsync(AuditEvent auditEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(auditEvent);
        NameValueEntry[] fields =
        [
            new("at", auditEvent.At.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture)),
            new("actor", auditEvent.Actor),
            new("action", auditEvent.Action),
            new("target", auditEvent.Target ?? ""),
            new("detail", auditEvent.Detail ?? ""),
            new("node", auditEvent.Node),
        ];
        await redis.GetDatabase().StreamAddAsync(_key, fields, maxLength: capacity, useApproximateMaxLength: true).ConfigureAwait(false);
    }

    public async Task<AuditPage> ReadAsync(AuditFilter filter, AuditPaging paging, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(paging);
        var limit = Math.Clamp(paging.Limit, 1, AuditPaging.MaxLimit);
        var found = new List<AuditRecord>();
        var db = redis.GetDatabase();
        RedisValue end = paging.Before is { Length: > 0 } before && IsStreamId(before) ? "(" + before : "+";
        var scanned = 0;
        while (scanned < AuditPaging.MaxScan)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var batch = await db.StreamRangeAsync(_key, "-", end, ReadBatch, Order.Descending).ConfigureAwait(false);
            foreach (var entry in batch)
            {
                scanned++;
                var record = new AuditRecord(entry.Id!, Read(entry));
                if (filter.From is { } from && record.Event.At < from)
                {
                    return new AuditPage(found, null);
                }

                if (filter.Matches(record.Event))
                {
                    found.Add(record);
                    if (found.Count == limit)
                    {
                        return new AuditPage(found, record.Id);
                    }
                }

                end = "(" + entry.Id;
            }

            if (batch.Length < ReadBatch)
            {
                return new AuditPage(found, null);
            }
        }

        // Looked through as much as one read may: the next page goes on from the last entry looked at.
        return new AuditPage(found, end.ToString()[1..]);
    }

    private static AuditEvent Read(StreamEntry entry)
    {
        string Field(string name) => entry[name].ToString();
        string? Optional(string name) => entry[name] is { IsNullOrEmpty: false } value ? value.ToString() : null;
        return new AuditEvent(
            DateTimeOffset.Parse(Field("at"), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
            Field("actor"),
            Field("action"),
            Optional("target"),
            Optional("detail"),
            Field("node"));
    }

    // A cursor comes from a query string: only a stream id (digits-digits) goes into the range command.
    private static bool IsStreamId(string value)
    {
        var dash = value.IndexOf('-', StringComparison.Ordinal);
        return dash > 0 && dash < value.Length - 1 && value.Length <= 41 && value.Remove(dash, 1).All(char.IsAsciiDigit);
    }
}
