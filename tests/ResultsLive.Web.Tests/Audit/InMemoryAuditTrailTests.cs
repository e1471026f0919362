using ResultsLive.Web.Audit;
using ResultsLive.Web.Security;

namespace ResultsLive.Web.Tests.Audit;

/// <summary>The audit trail of a node without Redis.</summary>
public sealed class InMemoryAuditTrailTests : AuditTrailContract
{
    protected override IAuditTrail Trail(int capacity = IAuditTrail.Capacity) => new InMemoryAuditTrail(capacity);

    protected override ISecurityStore Store(TimeProvider time) => new MemorySecurityStore(time);

    protected override async Task<long> StoredCountAsync(IAuditTrail trail) =>
        (await trail.ReadAsync(new AuditFilter(), new AuditPaging(null, AuditPaging.MaxLimit))).Events.Count;
}
