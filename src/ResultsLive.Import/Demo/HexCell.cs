namespace ResultsLive.Import;

/// <summary>A cell of an "odd-r" hex grid (odd rows shifted half a hex east) with rows increasing northward, as in the 2024 map.</summary>
internal readonly record struct HexCell(int Q, int R)
{
    private static readonly double RowHeight = Math.Sqrt(3) / 2;

    /// <summary>East–west position in hex widths; odd rows sit half a hex further east.</summary>
    public double X => Q + (IsOddRow ? 0.5 : 0);

    /// <summary>North–south position in hex widths, so distances between cells are true distances on the drawn map.</summary>
    public double Y => R * RowHeight;

    // Two's complement makes R & 1 the row's parity for negative rows too (-3 & 1 == 1).
    private bool IsOddRow => (R & 1) == 1;

    public static HexCell Nearest(double x, double y)
    {
        var r = (int)Math.Round(y / RowHeight);
        var q = (int)Math.Round(x - ((r & 1) == 1 ? 0.5 : 0));
        return new HexCell(q, r);
    }

    public IEnumerable<HexCell> Neighbours()
    {
        var shift = IsOddRow ? 1 : 0;
        yield return new HexCell(Q + 1, R);
        yield return new HexCell(Q - 1, R);
        yield return new HexCell(Q - 1 + shift, R + 1);
        yield return new HexCell(Q + shift, R + 1);
        yield return new HexCell(Q - 1 + shift, R - 1);
        yield return new HexCell(Q + shift, R - 1);
    }

    public double DistanceTo(double x, double y) => Math.Sqrt(((X - x) * (X - x)) + ((Y - y) * (Y - y)));

    public double DistanceTo(HexCell other) => DistanceTo(other.X, other.Y);
}
