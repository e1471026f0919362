namespace ResultsLive.Web.Public.Fragments;

/// <summary>
/// The parts of the public pages that change, each addressable on its own: the national ones change with any result, a
/// seat's only with that seat. Their names are the second segment of <c>/fragments/{epoch}/{part}/{sequence}</c>.
/// </summary>
public static class PublicPart
{
    /// <summary>How many seats have declared, of how many, and when the last did.</summary>
    public const string Declared = "declared";

    /// <summary>Seats per party against the majority line (chart and table).</summary>
    public const string Scoreboard = "scoreboard";

    /// <summary>National swing, projection, vote share (chart and table).</summary>
    public const string Share = "share";

    /// <summary>The hex map; it also changes when a seat starts counting or goes to a recount.</summary>
    public const string Map = "map";

    /// <summary>The latest declarations, newest first: the ticker.</summary>
    public const string Latest = "latest";

    /// <summary>Seats that changed hands.</summary>
    public const string Gains = "gains";

    /// <summary>Every seat with its status and winner (<c>/constituencies</c>); changes with any seat's status.</summary>
    public const string Seats = "seats";

    /// <summary>The prefix of a seat's part: <c>seat-E14001305</c>.</summary>
    public const string SeatPrefix = "seat-";

    /// <summary>The parts that change with any declared result, in the order a page shows them.</summary>
    public static IReadOnlyList<string> National { get; } = [Declared, Scoreboard, Share, Map, Latest, Gains, Seats];

    /// <summary>
    /// The parts an exit poll changes: the share part shows it (and its projection is anchored on it), and the national
    /// parts' JSON carries it as <c>exitPoll</c>. Not the ticker or the seat list, which do not mention it.
    /// </summary>
    public static IReadOnlyList<string> ExitPoll { get; } = [Declared, Scoreboard, Share, Map, Gains];

    public static string Seat(string code) => SeatPrefix + code;

    /// <summary>The seat code of a seat's part, or null for a national part.</summary>
    public static string? SeatCode(string part) =>
        part.StartsWith(SeatPrefix, StringComparison.Ordinal) ? part[SeatPrefix.Length..] : null;

    /// <summary>
    /// The parts a page fetches the moment the news comes (public.js's light lane: the ticker, the count, a seat's own
    /// result); the charts, the map and the tables follow. A node draws these ahead first: drawn in page order, the
    /// ticker waited behind the map (measure-pages.sh --stream).
    /// </summary>
    public static bool FetchedFirst(string part) => part is Latest or Declared || SeatCode(part) is not null;

    /// <summary>Parts that change with a seat's status alone (counting, recount), not only with its result.</summary>
    public static bool FollowsStatus(string part) => part is Map or Seats || SeatCode(part) is not null;
}
