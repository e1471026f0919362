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

    /// <summary>Where the status code pages send a person who typed a wrong address.</summary>
    public const string NotFound = "/not-found";

    public static IReadOnlyList<SurfaceLink> Navigation { get; } =
    [
        new("Results", ""),
        new("All seats", "constituencies"),
    ];

    /// <summary>The start of a seat page's address, relative to the site's base, before the escaped code.</summary>
    public const string SeatPath = "constituency/";

    /// <summary>A seat's page, relative to the site's base (every page has <c>&lt;base href="/"&gt;</c>).</summary>
    public static string SeatUrl(string code) => SeatPath + Uri.EscapeDataString(code);

    /// <summary>The browser tab's title: what the page is about first, then the site.</summary>
    public static string Title(params string[] parts) => string.Join(" · ", parts.Where(p => p.Length > 0).Append("ResultsLive"));
}
