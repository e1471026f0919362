namespace ResultsLive.Core.Validation;

/// <summary>What kind of problem a declaration has; the API maps <see cref="NotFound"/> to 404 and the rest to 422.</summary>
public enum ProblemKind
{
    NotFound,

    /// <summary>Wrong whatever anyone says: the arithmetic or the election cannot take it. No override passes it.</summary>
    Invalid,

    /// <summary>Could be true, but is far more likely a slip (<see cref="PlausibilityChecks"/>): a written override may pass it.</summary>
    Implausible,
}

/// <summary>One thing wrong with a declaration: the field (JSON path, camelCase) and why.</summary>
public sealed record ValidationProblem(string Field, string Reason, ProblemKind Kind = ProblemKind.Invalid);
