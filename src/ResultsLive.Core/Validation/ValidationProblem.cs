namespace ResultsLive.Core.Validation;

/// <summary>What kind of problem a declaration has; the API maps <see cref="NotFound"/> to 404 and the rest to 422.</summary>
public enum ProblemKind
{
    NotFound,
    Invalid,
}

/// <summary>One thing wrong with a declaration: the field (JSON path, camelCase) and why.</summary>
public sealed record ValidationProblem(string Field, string Reason, ProblemKind Kind = ProblemKind.Invalid);
