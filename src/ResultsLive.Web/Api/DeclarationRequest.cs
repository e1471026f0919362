using ResultsLive.Core.Model;
using ResultsLive.Core.Validation;

namespace ResultsLive.Web.Api;

/// <summary>The body of <c>POST /api/v1/declarations</c>. Every field is nullable so a missing one is named, not defaulted.</summary>
public sealed class DeclarationRequest
{
    public string? Constituency { get; set; }

    public int? Revision { get; set; }

    public DateTimeOffset? DeclaredAt { get; set; }

    public int? Electorate { get; set; }

    public int? InvalidVotes { get; set; }

    public IList<CandidateRequest?>? Candidates { get; set; }

    /// <summary>Passes the plausibility checks with a written reason; needs the <c>override</c> permission.</summary>
    public OverrideRequest? Override { get; set; }

    /// <summary>The declaration, or the fields that are missing. The validator then checks the figures themselves.</summary>
    public (Declaration? Declaration, IReadOnlyList<ValidationProblem> Missing) ToDeclaration()
    {
        var missing = new List<ValidationProblem>();
        Require(Constituency, "constituency");
        Require(Revision, "revision");
        Require(DeclaredAt, "declaredAt");
        Require(Electorate, "electorate");
        Require(InvalidVotes, "invalidVotes");
        Require(Candidates, "candidates");
        for (var i = 0; i < (Candidates?.Count ?? 0); i++)
        {
            var candidate = Candidates![i];
            if (candidate is null)
            {
                missing.Add(new($"candidates[{i}]", "is required"));
                continue;
            }

            Require(candidate.Name, $"candidates[{i}].name");
            Require(candidate.Party, $"candidates[{i}].party");
            Require(candidate.Votes, $"candidates[{i}].votes");
        }

        if (missing.Count > 0)
        {
            return (null, missing);
        }

        return (new Declaration(
            Constituency!.Trim(),
            Revision!.Value,
            DeclaredAt!.Value,
            Electorate!.Value,
            InvalidVotes!.Value,
            [.. Candidates!.Select(c => new CandidateVotes(c!.Name!, c.Party!, c.Votes!.Value))]), missing);

        void Require(object? value, string field)
        {
            if (value is null || (value is string text && string.IsNullOrWhiteSpace(text)))
            {
                missing.Add(new(field, "is required"));
            }
        }
    }
}

/// <summary>One candidate's line in a posted declaration.</summary>
public sealed class CandidateRequest
{
    public string? Name { get; set; }

    public string? Party { get; set; }

    public int? Votes { get; set; }
}

/// <summary><c>"override": { "reason": "..." }</c> on a declaration: why implausible figures stand.</summary>
public sealed class OverrideRequest
{
    public string? Reason { get; set; }
}

/// <summary>The body of <c>POST /api/v1/constituencies/{code}/status</c>.</summary>
public sealed class StatusRequest
{
    public SeatStatus? Status { get; set; }
}

/// <summary>The answer to an accepted or repeated ingest.</summary>
public sealed record SequenceResponse(long Sequence);
