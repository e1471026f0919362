using ResultsLive.Core.Validation;
using ResultsLive.Feed;

namespace ResultsLive.Web.Ingest;

/// <summary>What became of a declaration: rejected with its problems, or taken by the journal (new, repeated, conflicting, stale).</summary>
public sealed record IngestOutcome(IReadOnlyList<ValidationProblem> Problems, AppendResult? Append)
{
    public bool IsRejected => Problems.Count > 0;
}
