using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.WebUtilities;

using ResultsLive.Web.Audit;

namespace ResultsLive.Web.Admin.Pages;

/// <summary><c>/admin/audit</c>: the trail newest first, filtered by who, what and target through the query string, a page at a time.</summary>
public sealed partial class AuditTrail
{
    private const int PageSize = 100;

    private static readonly string[] KnownActions =
    [
        AuditActions.Declaration, AuditActions.Status, AuditActions.Override, AuditActions.ManualEntry, AuditActions.ExitPoll,
        AuditActions.SignIn, AuditActions.SignInFailed, AuditActions.SignOut, AuditActions.UserUnlock,
    ];

    [Inject]
    public required IAuditTrail Trail { get; init; }

    [Inject]
    public required FailedSignIns Failures { get; init; }

    [SupplyParameterFromQuery(Name = "actor")]
    public string? Actor { get; set; }

    [SupplyParameterFromQuery(Name = "action")]
    public string? Action { get; set; }

    [SupplyParameterFromQuery(Name = "target")]
    public string? Target { get; set; }

    [SupplyParameterFromQuery(Name = "before")]
    public string? Before { get; set; }

    private AuditPage Page { get; set; } = new([], null);

    private long FailedLastHour { get; set; }

    private (DateTimeOffset Minute, long Count)? PeakMinute { get; set; }

    protected override async Task OnParametersSetAsync()
    {
        Page = await Trail.ReadAsync(new AuditFilter(Actor, Action, Target), new AuditPaging(Before, PageSize));
        var perMinute = await Failures.PerMinuteAsync(60);
        FailedLastHour = perMinute.Sum(m => m.Count);
        PeakMinute = FailedLastHour == 0 ? null : perMinute.MaxBy(m => m.Count);
    }

    private string FilterLink(string? actor = null, string? target = null, string? before = null)
    {
        var query = new Dictionary<string, string?>
        {
            ["actor"] = actor ?? (target is null ? Actor : null),
            ["action"] = actor is null && target is null ? Action : null,
            ["target"] = target ?? (actor is null ? Target : null),
            ["before"] = before,
        };
        return QueryHelpers.AddQueryString("admin/audit", query.Where(q => !string.IsNullOrEmpty(q.Value)));
    }
}
