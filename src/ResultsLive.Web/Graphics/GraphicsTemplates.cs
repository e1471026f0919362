namespace ResultsLive.Web.Graphics;

/// <summary>The JSON a template takes: one seat, the nation, the gains so far, the latest declarations, or the swingometer.</summary>
public enum TemplateData
{
    /// <summary><c>GET /api/v1/constituencies/{code}</c>, with <c>sequence</c> and <c>mode</c>.</summary>
    Seat,

    /// <summary><c>GET /api/v1/results</c>.</summary>
    National,

    /// <summary>The rows of <c>GET /api/v1/constituencies</c> that are gains, newest first.</summary>
    Gains,

    /// <summary>The latest declarations, as <c>GET /api/v1/declarations</c> gives them, newest first.</summary>
    Declarations,

    /// <summary><c>GET /api/v1/swingometer</c> for the cue's <see cref="GraphicsChoice"/> (by default the two largest parties, UK).</summary>
    Swingometer,
}

/// <summary>
/// One on-air template: its file under <c>/graphics/templates/</c>, the data it takes, the layers it may play on, whether
/// <c>next()</c> pages it, and the console's function key for it.
/// </summary>
public sealed record GraphicsTemplate(string Id, string Title, TemplateData Data, IReadOnlyList<GraphicsLayer> Layers, bool Paged, string Key)
{
    public GraphicsLayer DefaultLayer => Layers[0];

    public string File => Id + ".html";

    public bool NeedsSeat => Data == TemplateData.Seat;
}

/// <summary>The template set, in function-key order.</summary>
public static class GraphicsTemplates
{
    public const string Path = "/graphics/templates/";

    public static IReadOnlyList<GraphicsTemplate> All { get; } =
    [
        new("seat-result", "Seat result", TemplateData.Seat, [GraphicsLayer.LowerThird], Paged: false, "F1"),
        new("seat-full", "Seat in full", TemplateData.Seat, [GraphicsLayer.FullFrame], Paged: false, "F2"),
        new("scoreboard", "Scoreboard", TemplateData.National, [GraphicsLayer.FullFrame], Paged: false, "F3"),
        new("gains", "Gains board", TemplateData.Gains, [GraphicsLayer.FullFrame], Paged: true, "F4"),
        new("swing", "Swing", TemplateData.National, [GraphicsLayer.FullFrame], Paged: false, "F5"),
        new("ticker", "Ticker", TemplateData.Declarations, [GraphicsLayer.Ticker], Paged: false, "F6"),
        new("bug", "Bug (N of 650)", TemplateData.National, [GraphicsLayer.Bug], Paged: false, "F7"),
        new("swingometer", "Swingometer", TemplateData.Swingometer, [GraphicsLayer.FullFrame], Paged: false, "F8"),
    ];

    public static GraphicsTemplate? Find(string? id) =>
        All.FirstOrDefault(t => string.Equals(t.Id, id?.Trim(), StringComparison.OrdinalIgnoreCase));
}
