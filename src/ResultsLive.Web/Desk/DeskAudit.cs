using System.Security.Claims;

using ResultsLive.Web.Audit;

namespace ResultsLive.Web.Desk;

/// <summary>Records the desk's privileged acts (claim, take-over, release, posted, watch-list edits) in the newsroom's audit trail.</summary>
public sealed class DeskAudit(IAuditTrail trail, NodeIdentity node, TimeProvider time)
{
    public const string Claim = "desk.claim";
    public const string TakeOver = "desk.takeover";
    public const string Release = "desk.release";
    public const string Posted = "desk.posted";
    public const string Watch = "desk.watch";
    public const string Unwatch = "desk.unwatch";

    public Task RecordAsync(ClaimsPrincipal? editor, string action, string target, string? detail) =>
        trail.RecordAsync(AuditEvent.By(editor, action, AuditEvent.Clean(target), AuditEvent.Clean(detail), node, time));
}
