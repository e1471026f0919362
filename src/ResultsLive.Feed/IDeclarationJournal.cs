using ResultsLive.Core.Model;

namespace ResultsLive.Feed;

/// <summary>
/// The source of truth for one election: every accepted declaration, status change and exit poll, in order, under dense
/// sequences 1, 2, 3… within one <see cref="JournalPosition.Epoch"/>. Every node rebuilds its projection from it and then tails it.
/// </summary>
/// <remarks>
/// Reading never throws over an entry's content: one that cannot be decoded comes back as
/// <see cref="JournalEntryKind.Quarantined"/> with the reason, so every node skips it the same way.
/// </remarks>
public interface IDeclarationJournal
{
    /// <summary>
    /// Appends an already validated declaration, idempotently per (constituency, revision): an identical repeat is
    /// <see cref="AppendOutcome.Repeated"/>, a different body under the same revision a <see cref="AppendOutcome.Conflict"/>,
    /// a revision below the seat's highest <see cref="AppendOutcome.Stale"/>. Identity is the normalised declaration
    /// (candidate order and time offsets aside); <paramref name="provenance"/> is stored beside it, not compared.
    /// Returns only once the entry is stored.
    /// </summary>
    Task<AppendResult> AppendDeclarationAsync(Declaration declaration, Provenance provenance, CancellationToken ct);

    /// <summary>Appends a change of a seat's status and returns its sequence.</summary>
    Task<long> AppendStatusAsync(string constituency, SeatStatus status, Provenance provenance, CancellationToken ct);

    /// <summary>Appends an exit poll (already validated) and returns its sequence; it replaces any earlier one.</summary>
    Task<long> AppendExitPollAsync(ExitPoll exitPoll, Provenance provenance, CancellationToken ct);

    /// <summary>Up to <paramref name="max"/> entries after sequence <paramref name="after"/>, as they are now, in order; finite.</summary>
    IAsyncEnumerable<JournalEntry> ReadAfterAsync(long after, int max, CancellationToken ct);

    /// <summary>Every entry after sequence <paramref name="after"/>, then each new one as it is appended, until cancelled.</summary>
    IAsyncEnumerable<JournalEntry> TailAsync(long after, CancellationToken ct);

    /// <summary>The journal's epoch and last sequence; the epoch is created if the journal has none yet.</summary>
    Task<JournalPosition> GetPositionAsync(CancellationToken ct);

    /// <summary>
    /// Gives the journal a new epoch if it still has <paramref name="stale"/>, and returns the position after. Called by a
    /// node that found the journal behind what it applied, so the sequence numbers about to be reused are never addressed
    /// under the epoch that already named other entries.
    /// </summary>
    Task<JournalPosition> RenewEpochAsync(string stale, CancellationToken ct);

    /// <summary>Whether the journal answers, its last sequence and its epoch.</summary>
    Task<JournalHealth> CheckAsync(CancellationToken ct);
}
