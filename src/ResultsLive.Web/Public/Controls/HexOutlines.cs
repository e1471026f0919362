using System.Globalization;
using System.Text;

using ResultsLive.Import;

namespace ResultsLive.Web.Public.Controls;

/// <summary>A side of a pointy-top hex, clockwise from the east as drawn (north up).</summary>
public enum HexSide
{
    East,
    SouthEast,
    SouthWest,
    West,
    NorthWest,
    NorthEast,
}

/// <summary>
/// Where the regions of a hex map meet: a side of a hex is a boundary when the neighbour that way is missing (the coast) or
/// in another region. Each region's boundary sides, walked clockwise, close into loops, drawn as one SVG path per region.
/// </summary>
public static class HexOutlines
{
    private static readonly HexSide[] Sides = Enum.GetValues<HexSide>();

    /// <summary>
    /// The neighbour of cell (<paramref name="q"/>, <paramref name="r"/>) across <paramref name="side"/>. In HexJSON's "-r"
    /// layouts a shifted row (odd rows in "odd-r", even in "even-r") sits half a cell east, so its neighbours in the rows
    /// above and below are at q and q+1; an unshifted row's at q−1 and q. Rows count upward here (north is r+1), as the
    /// 2024 file's do.
    /// </summary>
    public static (int Q, int R) Neighbour(int q, int r, HexSide side, string layout)
    {
        var shifted = ((r & 1) == 1) == !string.Equals(layout, "even-r", StringComparison.OrdinalIgnoreCase);
        var (west, east) = shifted ? (q, q + 1) : (q - 1, q);
        return side switch
        {
            HexSide.East => (q + 1, r),
            HexSide.West => (q - 1, r),
            HexSide.NorthEast => (east, r + 1),
            HexSide.NorthWest => (west, r + 1),
            HexSide.SouthEast => (east, r - 1),
            _ => (west, r - 1),
        };
    }

    /// <summary>Per region, every (hex, side) on its boundary, in the hexes' order and each hex's sides clockwise.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<(Hex Hex, HexSide Side)>> Boundaries(IReadOnlyCollection<Hex> hexes, string layout)
    {
        ArgumentNullException.ThrowIfNull(hexes);
        var at = new Dictionary<(int, int), Hex>();
        foreach (var hex in hexes)
        {
            at[(hex.Q, hex.R)] = hex;
        }

        var boundaries = new Dictionary<string, IReadOnlyList<(Hex, HexSide)>>(StringComparer.Ordinal);
        foreach (var hex in hexes)
        {
            var list = (List<(Hex, HexSide)>)(boundaries.TryGetValue(hex.Region, out var known) ? known : boundaries[hex.Region] = new List<(Hex, HexSide)>());
            foreach (var side in Sides)
            {
                if (!at.TryGetValue(Neighbour(hex.Q, hex.R, side, layout), out var other) || !string.Equals(other.Region, hex.Region, StringComparison.Ordinal))
                {
                    list.Add((hex, side));
                }
            }
        }

        return boundaries;
    }

    /// <summary>
    /// The SVG path of a region's boundary: each side from its clockwise start corner to its end corner, chained where one
    /// side ends at the corner where the next begins (on a hex grid a corner has one boundary side leaving it), closed.
    /// </summary>
    /// <param name="centre">Where a hex's centre is drawn.</param>
    /// <param name="width">A hex's width across its flat sides; its corner radius is width / √3.</param>
    public static string Path(IEnumerable<(Hex Hex, HexSide Side)> sides, Func<Hex, (double X, double Y)> centre, double width)
    {
        ArgumentNullException.ThrowIfNull(sides);
        ArgumentNullException.ThrowIfNull(centre);
        var next = new Dictionary<(long, long), ((double X, double Y) From, (double X, double Y) To)>();
        foreach (var (hex, side) in sides)
        {
            var (from, to) = Corners(centre(hex), side, width);
            next[Key(from)] = (from, to);
        }

        var path = new StringBuilder(next.Count * 12);
        while (next.Count > 0)
        {
            var (start, edge) = next.First();
            next.Remove(start);
            path.Append('M').Append(N(edge.From.X)).Append(' ').Append(N(edge.From.Y));
            while (next.Remove(Key(edge.To), out var following))
            {
                path.Append('L').Append(N(edge.To.X)).Append(' ').Append(N(edge.To.Y));
                edge = following;
            }

            path.Append(Key(edge.To) == start ? "Z" : "L" + N(edge.To.X) + " " + N(edge.To.Y));
        }

        return path.ToString();
    }

    /// <summary>A side's two corners, clockwise (screen y downward): the east side runs from upper right to lower right.</summary>
    private static ((double X, double Y) From, (double X, double Y) To) Corners((double X, double Y) c, HexSide side, double width)
    {
        var (w, r) = (width / 2, width / Math.Sqrt(3));
        (double, double) Corner(int i) => i switch
        {
            0 => (c.X + w, c.Y - (r / 2)),
            1 => (c.X + w, c.Y + (r / 2)),
            2 => (c.X, c.Y + r),
            3 => (c.X - w, c.Y + (r / 2)),
            4 => (c.X - w, c.Y - (r / 2)),
            _ => (c.X, c.Y - r),
        };
        var first = (int)side;
        return (Corner(first), Corner((first + 1) % 6));
    }

    private static (long, long) Key((double X, double Y) point) => ((long)Math.Round(point.X * 100), (long)Math.Round(point.Y * 100));

    private static string N(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
