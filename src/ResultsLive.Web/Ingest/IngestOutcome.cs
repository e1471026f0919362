using ResultsLive.Core.Validation;
using ResultsLive.Feed;

namespace ResultsLive.Web.Ingest;

/// <summary>What became of a declaration: rejected with its problems, or taken by the journal (new, repeated, conflicting, stale).</summary>
public sealed record IngestOutcome(IReadOnlyList<ValidationProblem> Problems, AppendResult? Append)
{
    public bool IsRejected => Problems.Count > 0;

    /// <summary>The plausibility checks an override passed (empty without one); what the audit trail says was overridden.</summary>
    public IReadOnlyList<ValidationProblem> Overridden { get; init; } = [];
}
