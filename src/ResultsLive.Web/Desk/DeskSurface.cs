using ResultsLive.Web.Shared;

namespace ResultsLive.Web.Desk;

/// <summary>The editor desk's routes, navigation and page titles, written in this one place.</summary>
public static class DeskSurface
{
    public const string Home = "/desk";

    public static IReadOnlyList<SurfaceLink> Navigation { get; } =
    [
        new("Desk", "desk"),
        new("Public results", ""),
    ];

    public static string Title(params string[] parts) => string.Join(" · ", parts.Where(p => p.Length > 0).Append("Desk · ResultsLive"));
}
