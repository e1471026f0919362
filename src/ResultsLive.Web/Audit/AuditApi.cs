using System.Globalization;

using ResultsLive.Core.Contracts;
using ResultsLive.Web.Api;
using ResultsLive.Web.Security;

namespace ResultsLive.Web.Audit;

/// <summary><c>GET /api/v1/audit</c>: the trail for admins, newest first, filtered and paged like <c>/admin/audit</c>.</summary>
public static class AuditApi
{
    public const string Path = "/api/v1/audit";

    public static IEndpointRouteBuilder MapAuditApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet(Path, GetAsync)
            .RequireAuthorization(Policies.Admin)
            .RequireAntiforgeryHeader()
            .WithTags("Newsroom")
            .WithSummary("The audit trail (admins): ?actor=&action=&target=&from=&to=&before=&limit=")
            .ProducesValidationProblem(StatusCodes.Status400BadRequest)
            .ProducesValidationProblem(StatusCodes.Status401Unauthorized)
            .ProducesValidationProblem(StatusCodes.Status403Forbidden);
        return app;
    }

    // Every query value is taken as text and parsed here, so a malformed one gets problem details naming it.
    private static async Task<IResult> GetAsync(
        string? actor, string? action, string? target, string? from, string? to, string? before, string? limit, IAuditTrail audit, CancellationToken cancellationToken)
    {
        var size = 100;
        if (limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out size) || size is < 1 or > AuditPaging.MaxLimit))
        {
            return ApiProblems.Status(StatusCodes.Status400BadRequest, "Invalid query", "limit", $"must be a whole number from 1 to {AuditPaging.MaxLimit}");
        }

        if (!TryParseTime(from, out var fromTime))
        {
            return ApiProblems.Status(StatusCodes.Status400BadRequest, "Invalid query", "from", "must be an ISO 8601 time, e.g. 2024-07-05T03:00:00+01:00");
        }

        if (!TryParseTime(to, out var toTime))
        {
            return ApiProblems.Status(StatusCodes.Status400BadRequest, "Invalid query", "to", "must be an ISO 8601 time, e.g. 2024-07-05T04:00:00+01:00");
        }

        if (fromTime > toTime)
        {
            return ApiProblems.Status(StatusCodes.Status400BadRequest, "Invalid query", "from", "must not be after 'to'");
        }

        var page = await audit.ReadAsync(new AuditFilter(actor, action, target, fromTime, toTime), new AuditPaging(before, size), cancellationToken).ConfigureAwait(false);
        return Results.Json(
            new
            {
                events = page.Events.Select(r => new { id = r.Id, at = r.Event.At, actor = r.Event.Actor, action = r.Event.Action, target = r.Event.Target, detail = r.Event.Detail, node = r.Event.Node }),
                next = page.Next,
            },
            ResultsContract.JsonOptions);
    }

    private static bool TryParseTime(string? text, out DateTimeOffset? time)
    {
        time = null;
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }

        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            return false;
        }

        time = parsed;
        return true;
    }
}
