using Bunit;

using ResultsLive.Import;
using ResultsLive.Web.Public.Controls;
using ResultsLive.Web.Tests.Graphics;
using ResultsLive.Web.Tests.Shared;

namespace ResultsLive.Web.Tests.Public.Controls;

/// <summary>Region outlines on the hex map: which sides are boundaries on a hand-made layout, and an outline per region in 2024.</summary>
public sealed class HexOutlinesTests : ComponentTestContext
{
    // Row 0 (even, not shifted in odd-r): A B in region X, C in Y. Row −1 (odd, shifted half a cell east): D in Y, under A and B.
    private static readonly Hex A = new("A", "A", 0, 0, "X");
    private static readonly Hex B = new("B", "B", 1, 0, "X");
    private static readonly Hex C = new("C", "C", 2, 0, "Y");
    private static readonly Hex D = new("D", "D", 0, -1, "Y");

    [Fact]
    public void Boundaries_TwoRegionsOddR_AreTheSidesFacingTheCoastOrTheOtherRegion()
    {
        var boundaries = HexOutlines.Boundaries([A, B, C, D], "odd-r");

        // D's row is shifted, so D touches A (its north-west) and B (its north-east); A and B touch each other only.
        Assert.Equal(
            [
                ("A", HexSide.SouthEast), ("A", HexSide.SouthWest), ("A", HexSide.West), ("A", HexSide.NorthWest), ("A", HexSide.NorthEast),
                ("B", HexSide.East), ("B", HexSide.SouthEast), ("B", HexSide.SouthWest), ("B", HexSide.NorthWest), ("B", HexSide.NorthEast),
            ],
            boundaries["X"].Select(b => (b.Hex.Code, b.Side)));
        Assert.Equal(
            [.. Enum.GetValues<HexSide>().Select(s => ("C", s)), .. Enum.GetValues<HexSide>().Select(s => ("D", s))],
            boundaries["Y"].Select(b => (b.Hex.Code, b.Side)));
    }

    [Fact]
    public void Boundaries_DInRegionXEvenR_TouchesOnlyA()
    {
        var d = D with { Region = "X" };

        var odd = HexOutlines.Boundaries([A, B, d], "odd-r")["X"].Where(b => b.Hex == d).Select(b => b.Side);
        var even = HexOutlines.Boundaries([A, B, d], "even-r")["X"].Where(b => b.Hex == d).Select(b => b.Side);

        // In odd-r D's row is shifted east, under A and B; in even-r row 0 is the shifted one, so D sits under A alone.
        Assert.Equal([HexSide.East, HexSide.SouthEast, HexSide.SouthWest, HexSide.West], odd);
        Assert.Equal([HexSide.East, HexSide.SouthEast, HexSide.SouthWest, HexSide.West, HexSide.NorthWest], even);
        Assert.Equal((0, 0), HexOutlines.Neighbour(0, -1, HexSide.NorthEast, "even-r"));
        Assert.Equal((1, 0), HexOutlines.Neighbour(0, -1, HexSide.NorthEast, "odd-r"));
    }

    [Fact]
    public void Path_ARegionOfTwoTouchingCells_IsOneClosedLoopOfItsTenSides()
    {
        var boundaries = HexOutlines.Boundaries([A, B, C, D], "odd-r");
        var centres = new Dictionary<Hex, (double, double)> { [A] = (10, 10), [B] = (20, 10), [C] = (30, 10), [D] = (15, 18.66) };

        var x = HexOutlines.Path(boundaries["X"], h => centres[h], 10);
        var y = HexOutlines.Path(boundaries["Y"], h => centres[h], 10);

        Assert.Equal(1, x.Count(c => c == 'M'));
        Assert.Equal(9, x.Count(c => c == 'L'));
        Assert.EndsWith("Z", x, StringComparison.Ordinal);

        // C and D do not touch: two loops of six.
        Assert.Equal(2, y.Count(c => c == 'M'));
        Assert.Equal(2, y.Count(c => c == 'Z'));
    }

    [Fact]
    public void Layout_2024Map_OutlinesEachRegionOnceAsClosedLoopsWithItsLibraryName()
    {
        var election = Election2024.Election;
        var map = HexJsonFile.Read(SharedData.Hexmap);

        var layout = new HexMapLayout(election, map);

        var regions = election.Constituencies.Select(c => c.Region).Distinct().Order(StringComparer.Ordinal).ToList();
        Assert.Equal(12, regions.Count);
        Assert.Equal(regions, layout.RegionOutlines.Select(o => o.Name).Order(StringComparer.Ordinal));
        Assert.All(layout.RegionOutlines, o =>
        {
            Assert.Equal(o.Path.Count(c => c == 'M'), o.Path.Count(c => c == 'Z'));
            Assert.All(o.Seats, i => Assert.Equal(o.Name, election.Constituencies[i].Region));
        });
        Assert.Equal(650, layout.RegionOutlines.Sum(o => o.Seats.Count));

        // Checked by the drawing's geometry rather than HexJSON's offsets: cells of a region one cell width apart share a side,
        // and every other side of every cell is drawn (each side a line, or the Z closing a loop).
        var cells = map.Hexes.Values.Select(h => (h.Region, Centre: layout.CellOf(h.Code)!.Value)).ToList();
        var shared = cells.SelectMany((a, i) => cells.Skip(i + 1).Where(b => b.Region == a.Region
            && Math.Abs(Math.Sqrt(Math.Pow(a.Centre.X - b.Centre.X, 2) + Math.Pow(a.Centre.Y - b.Centre.Y, 2)) - HexMapLayout.CellWidth) < 0.01)).Count();
        Assert.Equal((6 * 650) - (2 * shared), layout.RegionOutlines.Sum(o => o.Path.Count(c => c is 'L' or 'Z')));
    }

    [Fact]
    public void Render_DemoMap_DrawsAHiddenOutlinePerRegionOverTheCellsAndLabelsThem()
    {
        var cut = Render<ResultsLive.Web.Public.Controls.HexMap>(p => p.Add(c => c.Snapshot, Feed.Live.Current));

        var regions = Feed.Election.Constituencies.Select(c => c.Region).Distinct().Order(StringComparer.Ordinal).ToList();
        var outlines = cut.FindAll("g.hexmap-regions path.region-outline");
        Assert.Equal(regions, outlines.Select(o => o.GetAttribute("data-region")!).Order(StringComparer.Ordinal));
        Assert.Equal("true", cut.Find("g.hexmap-regions").GetAttribute("aria-hidden"));
        Assert.Equal("true", cut.Find("g.hexmap-labels").GetAttribute("aria-hidden"));
        Assert.Equal(regions.Count, cut.FindAll("g.hexmap-labels text").Count);

        // Drawn after (over) the cells, so the lines are not hidden under them.
        Assert.Equal("g", cut.Find("svg.hexmap-svg").Children[^2].TagName.ToLowerInvariant());
        Assert.Equal("hexmap-labels", cut.Find("svg.hexmap-svg").Children[^1].GetAttribute("class"));
    }
}
