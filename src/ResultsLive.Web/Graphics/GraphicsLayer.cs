namespace ResultsLive.Web.Graphics;

/// <summary>A channel's layers, bottom to top on the output. JSON names: <c>fullFrame</c>, <c>lowerThird</c>, <c>ticker</c>, <c>bug</c>.</summary>
public enum GraphicsLayer
{
    FullFrame,
    LowerThird,
    Ticker,
    Bug,
}

/// <summary>What each layer is: held or live, its wire name, and where CasparCG plays it.</summary>
public static class GraphicsLayers
{
    public static IReadOnlyList<GraphicsLayer> All { get; } = [GraphicsLayer.FullFrame, GraphicsLayer.LowerThird, GraphicsLayer.Ticker, GraphicsLayer.Bug];

    /// <summary>
    /// Held layers never change on air by themselves: a correction waits until the operator chooses Update. The bug and the
    /// ticker are live: once taken they follow the results.
    /// </summary>
    public static bool IsHeld(this GraphicsLayer layer) => layer is GraphicsLayer.LowerThird or GraphicsLayer.FullFrame;

    public static string Name(this GraphicsLayer layer) => layer switch
    {
        GraphicsLayer.FullFrame => "fullFrame",
        GraphicsLayer.LowerThird => "lowerThird",
        GraphicsLayer.Ticker => "ticker",
        GraphicsLayer.Bug => "bug",
        _ => throw new ArgumentOutOfRangeException(nameof(layer), layer, null),
    };

    public static string Title(this GraphicsLayer layer) => layer switch
    {
        GraphicsLayer.FullFrame => "Full frame",
        GraphicsLayer.LowerThird => "Lower third",
        GraphicsLayer.Ticker => "Ticker",
        GraphicsLayer.Bug => "Bug",
        _ => throw new ArgumentOutOfRangeException(nameof(layer), layer, null),
    };

    /// <summary>The CasparCG video layer a graphics layer plays on: full frame lowest, bug on top.</summary>
    public static int CasparLayer(this GraphicsLayer layer) => layer switch
    {
        GraphicsLayer.FullFrame => 20,
        GraphicsLayer.LowerThird => 30,
        GraphicsLayer.Ticker => 40,
        GraphicsLayer.Bug => 50,
        _ => throw new ArgumentOutOfRangeException(nameof(layer), layer, null),
    };

    public static GraphicsLayer? Parse(string? name) =>
        All.Cast<GraphicsLayer?>().FirstOrDefault(l => string.Equals(l!.Value.Name(), name?.Trim(), StringComparison.OrdinalIgnoreCase));
}
