using ResultsLive.Core.Model;

namespace ResultsLive.Core.Validation;

/// <summary>The outcome of validating a declaration: every problem found, or the declaration with the nominations' spelling.</summary>
public sealed record ValidationResult(IReadOnlyList<ValidationProblem> Problems, Declaration? Accepted)
{
    public bool IsValid => Accepted is not null;
}
