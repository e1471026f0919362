using ResultsLive.Core.Validation;

namespace ResultsLive.Web.Api;

/// <summary>RFC 7807 problem details for the ingest API: always naming the field and the reason.</summary>
internal static class ApiProblems
{
    public static IResult Status(int status, string title, string field, string reason) =>
        Results.Problem(new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [reason] })
        {
            Status = status,
            Title = title,
            Detail = $"{field}: {reason}",
        });

    public static IResult Validation(IReadOnlyList<ValidationProblem> problems)
    {
        var status = problems.Any(p => p.Kind == ProblemKind.NotFound) ? StatusCodes.Status404NotFound : StatusCodes.Status422UnprocessableEntity;
        var errors = problems
            .Where(p => status != StatusCodes.Status404NotFound || p.Kind == ProblemKind.NotFound)
            .GroupBy(p => p.Field, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(p => p.Reason).ToArray(), StringComparer.Ordinal);
        return Results.Problem(new HttpValidationProblemDetails(errors)
        {
            Status = status,
            Title = status == StatusCodes.Status404NotFound ? "Unknown constituency" : "The declaration is not valid",
            Detail = string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(", ", e.Value)}")),
        });
    }
}
