using ResultsLive.Web.Shared;

namespace ResultsLive.Web.Desk;

/// <summary>The live-blog editors' surface: its routes, navigation and page titles.</summary>
public static class DeskSurface
{
    public const string Home = "/desk";

    public static IReadOnlyList<SurfaceLink> Navigation { get; } = [new("Desk", "desk")];

    public static string Title(params string[] parts) => Public.PublicSurface.Title([.. parts, "Desk"]);
}
