using System.Security.Claims;

using ResultsLive.Web.Security;

namespace ResultsLive.Web.Audit;

/// <summary>One privileged act: when (UTC), who (an actor name), what, to what, a short detail, and the node that did it.</summary>
public sealed record AuditEvent(DateTimeOffset At, string Actor, string Action, string? Target, string? Detail, string Node)
{
    public const int MaxTextLength = 200;

    /// <summary>An act by the caller of a request, named as <see cref="ActorNames.ActorName"/> names them.</summary>
    public static AuditEvent By(ClaimsPrincipal? caller, string action, string? target, string? detail, NodeIdentity node, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(time);
        return new(time.GetUtcNow(), caller.ActorName(), action, target, detail, node.Name);
    }

    /// <summary>Text from outside (a typed user name) cut to a bounded length without control characters.</summary>
    public static string? Clean(string? text) =>
        text is null ? null : new string([.. text.Where(c => !char.IsControl(c)).Take(MaxTextLength)]);
}

/// <summary>The actions the audit trail records. Other parts add theirs (<c>take</c>, <c>claim</c>, ...) as plain strings.</summary>
public static class AuditActions
{
    public const string SignIn = "signin";
    public const string SignInFailed = "signin.failed";
    public const string SignOut = "signout";
    public const string UserUnlock = "user.unlock";
    public const string Declaration = "declaration";
    public const string Status = "status";
    public const string ExitPoll = "exit-poll";
    public const string Override = "override";
    public const string ManualEntry = "manual-entry";
}

/// <summary>An event as stored, with the opaque id that pages the trail.</summary>
public sealed record AuditRecord(string Id, AuditEvent Event);

/// <summary>What to show: every field optional. Actor matches a part, action a whole action or its prefix (<c>signin</c> takes
/// <c>signin.failed</c>), target the whole target; <see cref="From"/> and <see cref="To"/> bound the time.</summary>
public sealed record AuditFilter(string? Actor = null, string? Action = null, string? Target = null, DateTimeOffset? From = null, DateTimeOffset? To = null)
{
    public bool Matches(AuditEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return (string.IsNullOrEmpty(Actor) || e.Actor.Contains(Actor, StringComparison.OrdinalIgnoreCase))
            && (string.IsNullOrEmpty(Action) || e.Action.Equals(Action, StringComparison.OrdinalIgnoreCase)
                || e.Action.StartsWith(Action + ".", StringComparison.OrdinalIgnoreCase))
            && (string.IsNullOrEmpty(Target) || string.Equals(e.Target, Target, StringComparison.OrdinalIgnoreCase))
            && (From is null || e.At >= From)
            && (To is null || e.At <= To);
    }
}

/// <summary>A page of the trail, newest first: up to <see cref="Limit"/> events older than the <see cref="Before"/> cursor.</summary>
public sealed record AuditPaging(string? Before = null, int Limit = 100)
{
    public const int MaxLimit = 500;

    /// <summary>How many stored events one read looks through at most, so a rare filter cannot make a read scan the whole trail.</summary>
    public const int MaxScan = 20_000;
}

/// <summary>The events of a page, newest first, and the cursor of the next (older) page, or null at the end.</summary>
public sealed record AuditPage(IReadOnlyList<AuditRecord> Events, string? Next);
