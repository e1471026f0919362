using System.Collections.Immutable;

namespace ResultsLive.Web.Desk;

/// <summary>An editor's claim on a seat ("I've got Islington North"): advisory, shown on every desk.</summary>
public sealed record SeatClaim(string Constituency, string Editor, DateTimeOffset At);

/// <summary>An editor marked a seat's revision as posted to the blog.</summary>
public sealed record PostedMark(string Constituency, int Revision, string Editor, DateTimeOffset At);

/// <summary>An editor copied a seat's revision: if it is corrected later, they are told.</summary>
public sealed record CopiedMark(string Constituency, int Revision, string Editor, DateTimeOffset At);

/// <summary>
/// The newsroom's shared desk state, the same on every node: claims, posted and copied marks, and the watch list.
/// Immutable; a change makes a new one.
/// </summary>
public sealed record DeskState(
    ImmutableDictionary<string, SeatClaim> Claims,
    ImmutableDictionary<string, PostedMark> Posted,
    ImmutableList<CopiedMark> Copied,
    ImmutableList<string> Watchlist)
{
    public static DeskState Empty { get; } = new(
        ImmutableDictionary.Create<string, SeatClaim>(StringComparer.OrdinalIgnoreCase),
        ImmutableDictionary.Create<string, PostedMark>(StringComparer.OrdinalIgnoreCase),
        [],
        []);

    public SeatClaim? ClaimOf(string constituency) => Claims.GetValueOrDefault(constituency);

    /// <summary>Whether a seat is on the watch list: by its code, its name, or the name of a candidate standing there.</summary>
    public bool Watches(string code, string name, IEnumerable<string> candidates)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        return Watchlist.Any(item => string.Equals(item, code, StringComparison.OrdinalIgnoreCase)
            || string.Equals(item, name, StringComparison.OrdinalIgnoreCase)
            || candidates.Any(c => string.Equals(item, c, StringComparison.OrdinalIgnoreCase)));
    }
}

/// <summary>What happened on the desk, told to every desk on every node.</summary>
/// <param name="Previous">For a take-over, the editor who had the claim (both are told).</param>
public sealed record DeskNotice(string Kind, string? Constituency, string Editor, string? Previous, int? Revision, DateTimeOffset At)
{
    public const string Claimed = "claimed";
    public const string TakenOver = "taken-over";
    public const string Released = "released";
    public const string Posted = "posted";
    public const string Copied = "copied";
    public const string Watched = "watched";
    public const string Unwatched = "unwatched";
}

/// <summary>The answer to a claim: who holds the seat now, and whether that is the asker.</summary>
public sealed record ClaimOutcome(bool Granted, SeatClaim Holder);
