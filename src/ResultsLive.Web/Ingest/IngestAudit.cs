using System.Globalization;
using System.Security.Claims;

using ResultsLive.Core.Contracts;
using ResultsLive.Core.Model;
using ResultsLive.Feed;
using ResultsLive.Web.Audit;

namespace ResultsLive.Web.Ingest;

/// <summary>How ingest's acts reach the audit trail, worded the same whether the API or an admin page did them.</summary>
public static class IngestAudit
{
    /// <summary>
    /// Records a declaration that was appended (as <paramref name="action"/>: <c>declaration</c> from the API,
    /// <c>manual-entry</c> by hand) and, when an override passed plausibility checks, the override: which checks, and why.
    /// A repeat, conflict or rejection appended nothing and records nothing.
    /// </summary>
    public static async Task DeclaredAsync(this AuditRecorder audit, ClaimsPrincipal? caller, string action, Declaration declaration, IngestOutcome outcome, string? reason)
    {
        ArgumentNullException.ThrowIfNull(audit);
        ArgumentNullException.ThrowIfNull(declaration);
        ArgumentNullException.ThrowIfNull(outcome);
        if (outcome.Append is not { Outcome: AppendOutcome.Appended } append)
        {
            return;
        }

        var seat = declaration.Constituency.Trim().ToUpperInvariant();
        var done = Invariant($"revision {declaration.Revision}, sequence {append.Sequence}");
        await audit.RecordAsync(caller, action, seat, done).ConfigureAwait(false);
        if (outcome.Overridden.Count > 0)
        {
            await audit.RecordAsync(caller, AuditActions.Override, seat, OverrideDetail(done, outcome, reason ?? "")).ConfigureAwait(false);
        }
    }

    /// <summary>Records a status change: <c>status</c> from the API ("recount, sequence 41"), <c>manual-entry</c> by hand ("status recount, …").</summary>
    public static Task StatusAsync(this AuditRecorder audit, ClaimsPrincipal? caller, string action, string constituency, SeatStatus status, long sequence)
    {
        ArgumentNullException.ThrowIfNull(audit);
        ArgumentNullException.ThrowIfNull(constituency);
        var detail = Invariant($"{ResultsContract.StatusName(status)}, sequence {sequence}");
        return audit.RecordAsync(caller, action, constituency.Trim().ToUpperInvariant(), action == AuditActions.Status ? detail : "status " + detail);
    }

    /// <summary>Records an exit poll: every party's seats, its source and the sequence that carries it.</summary>
    public static Task ExitPollAsync(this AuditRecorder audit, ClaimsPrincipal? caller, ExitPoll exitPoll, long sequence)
    {
        ArgumentNullException.ThrowIfNull(audit);
        ArgumentNullException.ThrowIfNull(exitPoll);
        var seats = string.Join(", ", exitPoll.Parties.Select(p => Invariant($"{p.Party} {p.Seats}")));
        return audit.RecordAsync(caller, AuditActions.ExitPoll, null, Invariant($"sequence {sequence}: {seats}; {exitPoll.Source.Trim()}"));
    }

    /// <summary>
    /// "revision 1, sequence 12; overrode electorate, candidates; reason: …". The reason is always whole (it is bounded to
    /// fit); a long list of checks becomes their number, so the line stays within the trail's bound.
    /// </summary>
    private static string OverrideDetail(string done, IngestOutcome outcome, string reason)
    {
        var fields = outcome.Overridden.Select(p => p.Field).Distinct(StringComparer.Ordinal).ToList();
        var checks = string.Join(", ", fields);
        var tail = $"; reason: {reason}";
        if (done.Length + "; overrode ".Length + checks.Length + tail.Length > AuditEvent.MaxTextLength)
        {
            checks = Invariant($"{fields.Count} checks");
        }

        return $"{done}; overrode {checks}{tail}";
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
