using ResultsLive.Core.Arithmetic;
using ResultsLive.Core.Contracts;
using ResultsLive.Feed;

namespace ResultsLive.Web.Api;

/// <summary>The analysis reads of the public API: a party's battleground, the swingometer, and a nation's or region's results. All public, all from the node's snapshot.</summary>
public static class AnalysisApi
{
    public static IEndpointRouteBuilder MapAnalysisApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").WithTags("Analysis");
        api.MapGet("/battleground/{party}", GetBattleground)
            .WithSummary("A party's targets: the seats it did not hold at the baseline and contests, by the swing they need")
            .Produces<BattlegroundDto>()
            .ProducesValidationProblem(StatusCodes.Status404NotFound);
        api.MapGet("/nations/{name}", (string name, LiveResults live) => GetArea(name, live, AreaKind.Nation))
            .WithSummary("A nation's results, by its name as the Library spells it or in lower case with hyphens")
            .Produces<AreaResultsDto>()
            .ProducesValidationProblem(StatusCodes.Status404NotFound);
        api.MapGet("/regions/{name}", (string name, LiveResults live) => GetArea(name, live, AreaKind.Region))
            .WithSummary("A region's results, by its name as the Library spells it or in lower case with hyphens (yorkshire-and-the-humber)")
            .Produces<AreaResultsDto>()
            .ProducesValidationProblem(StatusCodes.Status404NotFound);
        api.MapGet("/swingometer", GetSwingometer)
            .WithSummary("The swing between two parties (a, b; default the two largest at the baseline) in the UK or a nation or region (scope), with the seats along the dial")
            .Produces<SwingometerDto>()
            .ProducesValidationProblem(StatusCodes.Status400BadRequest)
            .ProducesValidationProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static IResult GetSwingometer(string? a, string? b, string? scope, LiveResults live) =>
        SwingometerChoice.Build(live.Current, a, b, scope) switch
        {
            ({ } swingometer, _) => Results.Json(swingometer, ResultsContract.JsonOptions),
            (_, var problem) => ApiProblems.Status(problem!.Status, problem.Title, problem.Field, problem.Reason),
        };

    private static IResult GetBattleground(string party, LiveResults live)
    {
        var snapshot = live.Current;
        var election = snapshot.Election;
        if (snapshot.National.Battleground.For(party) is not { } targets)
        {
            var reason = election.PartyIndex(party) < 0 ? $"'{party}' is not a party of {election.Name}"
                : Core.Model.Party.IsIndependentCode(party) ? "independents are individuals, not a party: they have no battleground"
                : $"'{party}' contests no seat in {election.Name}";
            return ApiProblems.Status(StatusCodes.Status404NotFound, "Unknown party", "party", reason);
        }

        return Results.Json(
            ResultsContract.Battleground(snapshot.National, targets, c => snapshot.Statuses[election.ConstituencyIndex(c.Code)]),
            ResultsContract.JsonOptions);
    }

    private static IResult GetArea(string name, LiveResults live, AreaKind kind)
    {
        var snapshot = live.Current;
        var election = snapshot.Election;
        var area = kind == AreaKind.Nation ? snapshot.National.Nation(name) : snapshot.National.Region(name);
        if (area is null)
        {
            var known = string.Join(", ", (kind == AreaKind.Nation ? snapshot.National.Nations : snapshot.National.Regions).Select(a => a.Slug));
            return ApiProblems.Status(
                StatusCodes.Status404NotFound, kind == AreaKind.Nation ? "Unknown nation" : "Unknown region", "name", $"'{name}' is none of: {known}");
        }

        return Results.Json(
            ResultsContract.Area(election, snapshot.National, area, snapshot.Mode, snapshot.Sequence, c =>
            {
                var index = election.ConstituencyIndex(c.Code);
                return (snapshot.Statuses[index], snapshot.Seats[index]);
            }),
            ResultsContract.JsonOptions);
    }
}
