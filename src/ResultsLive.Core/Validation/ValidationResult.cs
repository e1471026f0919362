using ResultsLive.Core.Model;

namespace ResultsLive.Core.Validation;

/// <summary>
/// The outcome of validating a declaration: every problem found, and the declaration with the nominations' spelling when
/// none of them is invalid. With <see cref="PlausibilityChecks.Validate"/> the problems may include implausible figures,
/// which leave <see cref="Accepted"/> set: an override may still pass them.
/// </summary>
public sealed record ValidationResult(IReadOnlyList<ValidationProblem> Problems, Declaration? Accepted)
{
    public bool IsValid => Accepted is not null;

    /// <summary>The problems an override may pass (<see cref="ProblemKind.Implausible"/>).</summary>
    public IReadOnlyList<ValidationProblem> Implausible => [.. Problems.Where(p => p.Kind == ProblemKind.Implausible)];

    /// <summary>True when nothing is wrong at all: no problem of any kind.</summary>
    public bool IsClean => Accepted is not null && Problems.Count == 0;
}
