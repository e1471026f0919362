namespace ResultsLive.Import;

/// <summary>A hex cartogram of the seats, keyed by GSS code, for drawing the results map.</summary>
/// <param name="Layout">HexJSON's offset scheme ("odd-r", "even-r", "odd-q" or "even-q"), which the renderer needs to place cells.</param>
public sealed record HexMap(string Layout, IReadOnlyDictionary<string, Hex> Hexes);
