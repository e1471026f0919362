using ResultsLive.Core.Validation;

namespace ResultsLive.Web.Api;

/// <summary>RFC 7807 problem details for the ingest API: always naming the field and the reason.</summary>
internal static class ApiProblems
{
    /// <summary>The extension listing the fields an override may pass, when a body has implausible figures.</summary>
    public const string Overridable = "overridable";

    public static IResult Status(int status, string title, string field, string reason) =>
        Results.Problem(new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [reason] })
        {
            Status = status,
            Title = title,
            Detail = $"{field}: {reason}",
        });

    /// <summary>
    /// 404 when the seat is unknown, else 422 with every problem by field; <c>overridable</c> lists the fields whose figures
    /// are only implausible, which an override would pass. When those are all there is, the title and detail say how.
    /// </summary>
    public static IResult Validation(IReadOnlyList<ValidationProblem> problems, string title = "The declaration is not valid")
    {
        var status = problems.Any(p => p.Kind == ProblemKind.NotFound) ? StatusCodes.Status404NotFound : StatusCodes.Status422UnprocessableEntity;
        var errors = problems
            .Where(p => status != StatusCodes.Status404NotFound || p.Kind == ProblemKind.NotFound)
            .GroupBy(p => p.Field, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(p => p.Reason).ToArray(), StringComparer.Ordinal);
        var implausible = status == StatusCodes.Status422UnprocessableEntity && problems.All(p => p.Kind == ProblemKind.Implausible);
        var detail = string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(", ", e.Value)}"));
        var details = new HttpValidationProblemDetails(errors)
        {
            Status = status,
            Title = status == StatusCodes.Status404NotFound ? "Unknown constituency" : implausible ? "Implausible figures" : title,
            Detail = implausible
                ? $"{detail}. If the figures are right, send them again with \"override\": {{ \"reason\": \"...\" }} (an admin, or a key with the override permission)."
                : detail,
        };
        if (problems.Any(p => p.Kind == ProblemKind.Implausible) && status == StatusCodes.Status422UnprocessableEntity)
        {
            details.Extensions[Overridable] = problems.Where(p => p.Kind == ProblemKind.Implausible).Select(p => p.Field).Distinct(StringComparer.Ordinal).ToArray();
        }

        return Results.Problem(details);
    }
}
