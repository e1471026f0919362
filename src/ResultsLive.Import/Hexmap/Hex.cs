namespace ResultsLive.Import;

/// <summary>One seat's cell in a hex cartogram, in HexJSON's offset coordinates.</summary>
/// <param name="R">The row; in the Open Innovations 2024 layout rows are negative and increase upward.</param>
/// <param name="Region">The region's GSS code, or empty when the file gives none.</param>
public sealed record Hex(string Code, string Name, int Q, int R, string Region);
