using ResultsLive.Web.Shared;

namespace ResultsLive.Web.Public;

/// <summary>
/// The public surface's routes, navigation and page titles, written in this one place: pages take their <c>[Route]</c>
/// from these constants, links are built by these methods, and the layout draws this navigation.
/// </summary>
public static class PublicSurface
{
    public const string Home = "/";

    public const string Seats = "/constituencies";

    public const string Seat = "/constituency/{Code}";

    /// <summary>The swingometer between two parties (<c>?a=Con&amp;b=Lab</c>).</summary>
    public const string Swing = "/swing";

    /// <summary>The nations and regions, each with its declared count.</summary>
    public const string Areas = "/nations";

    /// <summary>A nation's own results, by its name as the Library spells it (any case) or its slug.</summary>
    public const string Nation = "/nation/{Name}";

    /// <summary>A region's own results, by its name as the Library spells it (any case) or its slug.</summary>
    public const string Region = "/region/{Name}";

    /// <summary>The page listing every embed with the code to copy.</summary>
    public const string Embeds = "/embed";

    public const string EmbedSeat = "/embed/seat/{Code}";

    public const string EmbedScoreboard = "/embed/scoreboard";

    public const string EmbedTicker = "/embed/ticker";

    public const string EmbedMap = "/embed/map";

    /// <summary>Where the status code pages send a person who typed a wrong address.</summary>
    public const string NotFound = "/not-found";

    public static IReadOnlyList<SurfaceLink> Navigation { get; } =
    [
        new("Results", ""),
        new("All seats", "constituencies"),
        new("Swing", "swing"),
        new("Nations & regions", "nations", SurfaceLinkMatch.Prefix),
        new("Embeds", "embed"),
    ];

    /// <summary>The start of a seat page's address, relative to the site's base, before the escaped code.</summary>
    public const string SeatPath = "constituency/";

    /// <summary>A seat's page, relative to the site's base (every page has <c>&lt;base href="/"&gt;</c>).</summary>
    public static string SeatUrl(string code) => SeatPath + Uri.EscapeDataString(code);

    /// <summary>A nation's or region's page, relative to the site's base: <c>nation/scotland</c>, <c>region/london</c>.</summary>
    public static string AreaUrl(ResultsLive.Core.Arithmetic.AreaKind kind, string name) =>
        (kind == ResultsLive.Core.Arithmetic.AreaKind.Nation ? "nation/" : "region/") + ResultsLive.Core.Arithmetic.AreaSnapshot.SlugOf(name);

    /// <summary>A seat's embed, relative to the site's base.</summary>
    public static string SeatEmbedUrl(string code) => "embed/seat/" + Uri.EscapeDataString(code);

    /// <summary>The browser tab's title: what the page is about first, then the site.</summary>
    public static string Title(params string[] parts) => string.Join(" · ", parts.Where(p => p.Length > 0).Append("ResultsLive"));
}
