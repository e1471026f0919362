using System.Security.Claims;

namespace ResultsLive.Web.Audit;

/// <summary>
/// The short way for an endpoint or page to audit what its caller did: who comes from the principal, when from the node's
/// clock, which node from <see cref="NodeIdentity"/>. Written even if the caller has gone, since the act itself was done.
/// </summary>
public sealed class AuditRecorder(IAuditTrail trail, NodeIdentity node, TimeProvider time)
{
    public Task RecordAsync(ClaimsPrincipal? caller, string action, string? target, string? detail) =>
        trail.RecordAsync(AuditEvent.By(caller, action, AuditEvent.Clean(target), AuditEvent.Clean(detail), node, time), CancellationToken.None);
}
