using System.Globalization;

using ResultsLive.Core.Contracts;
using ResultsLive.Web.Api;
using ResultsLive.Web.Hubs;

namespace ResultsLive.Web.Desk;

/// <summary>
/// <c>GET /api/v1/alerts?after=SEQ</c>: every notable declaration revision after a sequence, with its reasons (public); and the
/// editors' hub, <c>/hubs/desk</c>.
/// </summary>
public static class DeskEndpoints
{
    public const int MaxAlertsPerPage = 1000;

    public static IEndpointRouteBuilder MapDeskEndpoints(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/api/v1/alerts", GetAlerts)
            .WithTags("Results")
            .WithSummary("Notable declarations after a sequence, each with the reasons it matters")
            .Produces<IReadOnlyList<AlertDto>>()
            .ProducesValidationProblem(StatusCodes.Status400BadRequest);
        app.MapHub<DeskHub>(DeskHub.Path, ResultsHubExtensions.SendTimeout(app.ServiceProvider)).RequireEditor();
        return app;
    }

    // The query is read as text so a malformed value gets problem details naming it, not a bare 400.
    private static IResult GetAlerts(string? after, string? limit, DeskLog log)
    {
        var from = 0L;
        if (after is not null && (!long.TryParse(after, NumberStyles.None, CultureInfo.InvariantCulture, out from)))
        {
            return ApiProblems.Status(StatusCodes.Status400BadRequest, "Invalid query", "after", "must be a sequence: a whole number, 0 or more");
        }

        var max = MaxAlertsPerPage;
        if (limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out max) || max is < 1 or > MaxAlertsPerPage))
        {
            return ApiProblems.Status(StatusCodes.Status400BadRequest, "Invalid query", "limit", $"must be a whole number from 1 to {MaxAlertsPerPage}");
        }

        var alerts = log.After(from).Where(e => e.IsNotable).Take(max).Select(AlertDto.From).ToList();
        return Results.Json(alerts, ResultsContract.JsonOptions);
    }
}

/// <summary>One notable declaration revision in <c>GET /api/v1/alerts</c> and the hub's <c>Alert</c> push.</summary>
public sealed record AlertDto(long Sequence, string Epoch, string Constituency, string Name, int Revision, bool Correction, IReadOnlyList<ReasonDto> Reasons)
{
    public static AlertDto From(DeskEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return new AlertDto(
            entry.Sequence, entry.Epoch, entry.Constituency, entry.Seat.Constituency.Name, entry.Revision, entry.IsCorrection,
            [.. entry.Reasons.Select(r => new ReasonDto(r.Name, r.Text))]);
    }
}

/// <summary>Why a declaration matters: <c>kind</c> (<c>gain</c>, <c>first-gain</c>, …) and a sentence in house style.</summary>
public sealed record ReasonDto(string Kind, string Text);
