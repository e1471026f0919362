using Bunit;

using ResultsLive.Core.Model;
using ResultsLive.Web.Public.Controls;
using ResultsLive.Web.Tests.Shared;

namespace ResultsLive.Web.Tests.Public.Controls;

public sealed class HexMapTests : ComponentTestContext
{
    [Fact]
    public void Render_DemoElection_DrawsOneLinkedHexPerSeatGreyUntilDeclared()
    {
        var cut = Render<HexMap>(p => p.Add(c => c.Snapshot, Feed.Live.Current));

        var hexes = cut.FindAll("a.hx");
        Assert.Equal(20, hexes.Count);
        Assert.All(hexes, hex => Assert.Equal(HexColours.Awaiting, hex.QuerySelector("use")!.GetAttribute("fill")));
        Assert.Equal(
            Feed.Election.Constituencies.Select(c => $"constituency/{c.Code}").Order(),
            hexes.Select(h => h.GetAttribute("href")!).Order());
        Assert.Contains("awaiting result", hexes[0].QuerySelector("title")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_DeclaredCountingAndRecount_ColoursByWinnerAndMarksEachState()
    {
        var declared = Feed.Declare(0);
        var recount = Feed.Declare(1);
        Feed.SetStatus(recount.Constituency, SeatStatus.Recount);
        var counting = Feed.Night[2].Constituency;
        Feed.SetStatus(counting, SeatStatus.Counting);

        var cut = Render<HexMap>(p => p.Add(c => c.Snapshot, Feed.Live.Current));

        var winner = Feed.Live.Current.Seat(declared.Constituency)!;
        var hex = cut.Find($"a[data-seat='{declared.Constituency}']");
        Assert.Equal(Feed.Election.Parties.Single(p => p.Code == winner.Winner.Party).Colour, hex.QuerySelector("use")!.GetAttribute("fill"));
        Assert.Contains("declared", hex.ClassList);
        Assert.Equal($"{winner.Constituency.Name}: {winner.Result}, {winner.Winner.Name}", hex.QuerySelector("title")!.TextContent);

        var recounting = cut.Find($"a[data-seat='{recount.Constituency}']");
        Assert.Contains("recount", recounting.ClassList);
        Assert.Equal("url(#rl-recount)", recounting.QuerySelectorAll("use")[1].GetAttribute("fill"));

        Assert.Equal(HexColours.Counting, cut.Find($"a[data-seat='{counting}'] use").GetAttribute("fill"));
        Assert.NotNull(cut.Find("#rl-recount"));
        Assert.Contains("Recount", cut.Find(".hexmap-legend").TextContent, StringComparison.Ordinal);
        Assert.Contains(winner.Winner.Party, cut.Find(".hexmap-legend").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Layout_OddR_ShiftsOddRowsHalfAHexAndFlipsRowsForTheScreen()
    {
        var map = Feed.Loaded.Hexmap!;
        var layout = new HexMapLayout(Feed.Election, map);
        var hexes = map.Hexes.Values.ToList();

        foreach (var a in hexes)
        {
            foreach (var b in hexes.Where(h => h.R == a.R && h.Q == a.Q + 1))
            {
                // Same row: one cell width apart, same height.
                Assert.Equal(HexMapLayout.CellWidth, layout.CellOf(b.Code)!.Value.X - layout.CellOf(a.Code)!.Value.X, 6);
                Assert.Equal(layout.CellOf(a.Code)!.Value.Y, layout.CellOf(b.Code)!.Value.Y, 6);
            }
        }

        var odd = hexes.First(h => (h.R & 1) == 1);
        var even = hexes.First(h => (h.R & 1) == 0);
        var oddX = layout.CellOf(odd.Code)!.Value.X - (odd.Q * HexMapLayout.CellWidth);
        var evenX = layout.CellOf(even.Code)!.Value.X - (even.Q * HexMapLayout.CellWidth);
        Assert.Equal(HexMapLayout.CellWidth / 2, oddX - evenX, 6);

        // HexJSON rows count upward: a larger r is higher on the screen, so a smaller y.
        var north = hexes.MaxBy(h => h.R)!;
        var south = hexes.MinBy(h => h.R)!;
        Assert.True(layout.CellOf(north.Code)!.Value.Y < layout.CellOf(south.Code)!.Value.Y);
    }

    [Fact]
    public void Render_SameSnapshotTwice_SharesTheMarkupAndRebuildsOnlyTheChangedBand()
    {
        var layout = new HexMapLayout(Feed.Election, Feed.Loaded.Hexmap);
        var before = layout.Render(Feed.Live.Current);
        Assert.Same(before, layout.Render(Feed.Live.Current));

        var declared = Feed.Declare(0);
        var after = layout.Render(Feed.Live.Current);

        var changed = Enumerable.Range(0, after.Count).Where(i => !ReferenceEquals(before[i].Value, after[i].Value)).ToList();
        var band = Assert.Single(changed);
        Assert.Contains(declared.Constituency, after[band].Value, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_ElectionWithoutAHexmap_FallsBackToAGridOfAllSeats()
    {
        using var context = new NoMapContext();

        var cut = context.Render<HexMap>(p => p.Add(c => c.Snapshot, context.Feed.Live.Current));

        Assert.Equal(20, cut.FindAll("a.hx").Count);
        Assert.Contains("no map", cut.Find(".hexmap-note").TextContent, StringComparison.Ordinal);
    }

    private sealed class NoMapContext() : ComponentTestContext(seats: 20, withHexmap: false);
}
