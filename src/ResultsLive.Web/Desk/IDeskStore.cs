namespace ResultsLive.Web.Desk;

/// <summary>
/// Where the desk's shared state lives: Redis when the journal is in Redis (every node sees every change at once), memory
/// otherwise. Every change is told to <see cref="Changed"/> on every node, with the state after it.
/// </summary>
public interface IDeskStore
{
    /// <summary>The state as this node last saw it; never blocks.</summary>
    DeskState Current { get; }

    /// <summary>Raised on every node after any node changes the state; handlers must not block (marshal to a renderer).</summary>
    event Action<DeskState, DeskNotice>? Changed;

    /// <summary>Claims a seat; without <paramref name="takeOver"/> another editor's claim stands and is returned.</summary>
    Task<ClaimOutcome> ClaimAsync(string constituency, string editor, bool takeOver, CancellationToken ct);

    /// <summary>Releases the editor's own claim; false if the seat was not theirs.</summary>
    Task<bool> ReleaseAsync(string constituency, string editor, CancellationToken ct);

    /// <summary>Marks a revision posted, which also releases any claim on the seat.</summary>
    Task MarkPostedAsync(string constituency, int revision, string editor, CancellationToken ct);

    Task MarkCopiedAsync(string constituency, int revision, string editor, CancellationToken ct);

    /// <summary>Adds a seat code or candidate name to the watch list; false when it was already there.</summary>
    Task<bool> WatchAsync(string item, string editor, CancellationToken ct);

    Task<bool> UnwatchAsync(string item, string editor, CancellationToken ct);

    /// <summary>Loads the state (and, the first time on an empty store, seeds the configured watch list).</summary>
    Task StartAsync(IEnumerable<string> seedWatchlist, CancellationToken ct);
}
