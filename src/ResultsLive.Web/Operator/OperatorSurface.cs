using ResultsLive.Web.Shared;

namespace ResultsLive.Web.Operator;

/// <summary>The broadcast graphics operators' surface: its routes, navigation and page titles.</summary>
public static class OperatorSurface
{
    public const string Home = "/operator";

    public static IReadOnlyList<SurfaceLink> Navigation { get; } = [new("Operator", "operator")];

    public static string Title(params string[] parts) => Public.PublicSurface.Title([.. parts, "Operator"]);
}
