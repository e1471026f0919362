namespace ResultsLive.Web.Audit;

/// <summary>
/// Where every privileged act is written: a Redis stream beside the journal (<c>resultslive:{&lt;election&gt;}:audit</c>), or
/// memory with the in-memory journal. Both keep the newest <see cref="Capacity"/> events, so the trail cannot fill Redis.
/// </summary>
public interface IAuditTrail
{
    public const int Capacity = 100_000;

    Task RecordAsync(AuditEvent auditEvent, CancellationToken cancellationToken = default);

    /// <summary>Newest first, filtered, a page at a time.</summary>
    Task<AuditPage> ReadAsync(AuditFilter filter, AuditPaging paging, CancellationToken cancellationToken = default);
}
