using ResultsLive.Core.Model;

namespace ResultsLive.Feed;

/// <summary>
/// The source of truth for one election: every accepted declaration and status change, in order, under dense sequences 1, 2, 3…
/// Every node rebuilds its projection from it and then tails it.
/// </summary>
public interface IDeclarationJournal
{
    /// <summary>
    /// Appends an already validated declaration, idempotently per (constituency, revision): an identical repeat is
    /// <see cref="AppendOutcome.Repeated"/>, a different body under the same revision a <see cref="AppendOutcome.Conflict"/>,
    /// a revision below the seat's highest <see cref="AppendOutcome.Stale"/>. Returns only once the entry is stored.
    /// </summary>
    Task<AppendResult> AppendDeclarationAsync(Declaration declaration, CancellationToken ct);

    /// <summary>Appends a change of a seat's status and returns its sequence.</summary>
    Task<long> AppendStatusAsync(string constituency, SeatStatus status, CancellationToken ct);

    /// <summary>Up to <paramref name="max"/> entries after sequence <paramref name="after"/>, as they are now, in order; finite.</summary>
    IAsyncEnumerable<JournalEntry> ReadAfterAsync(long after, int max, CancellationToken ct);

    /// <summary>Every entry after sequence <paramref name="after"/>, then each new one as it is appended, until cancelled.</summary>
    IAsyncEnumerable<JournalEntry> TailAsync(long after, CancellationToken ct);

    /// <summary>Whether the journal answers, and its last sequence.</summary>
    Task<JournalHealth> CheckAsync(CancellationToken ct);
}
