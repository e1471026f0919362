using Bunit;

using Microsoft.Extensions.DependencyInjection;

using ResultsLive.Core.Arithmetic;
using ResultsLive.Web.Public.Controls;
using ResultsLive.Web.Shared.Markup;
using ResultsLive.Web.Tests.Shared;

namespace ResultsLive.Web.Tests.Public.Controls;

/// <summary>The hex map's modes: each seat's colour from its own figure, and a key for each mode.</summary>
public sealed class MapModeTests : ComponentTestContext
{
    [Fact]
    public void Render_Turnout_ColoursEachDeclaredSeatByItsTurnoutBin()
    {
        for (var i = 0; i < 8; i++)
        {
            Feed.Declare(i);
        }

        var cut = Render<HexMap>(p => p.Add(c => c.Snapshot, Feed.Live.Current).Add(c => c.Mode, MapMode.Turnout));

        foreach (var seat in Feed.Live.Current.Seats.OfType<SeatResult>())
        {
            var bin = MapMode.TurnoutSteps.Count(step => seat.Turnout!.Value >= step) - 1;
            var hex = cut.Find($"a[data-seat='{seat.Constituency.Code}']");
            Assert.Equal(MapMode.TurnoutColours[bin], hex.QuerySelector("use")!.GetAttribute("fill"));
            Assert.Contains("turnout " + Format.Percent(seat.Turnout), hex.QuerySelector("title")!.TextContent, StringComparison.Ordinal);
        }

        Assert.Equal(HexColours.Awaiting, cut.Find($"a[data-seat='{Feed.Night[10].Constituency}'] use").GetAttribute("fill"));
        Assert.Contains("Map: Turnout", cut.Find("h2").TextContent, StringComparison.Ordinal);
        Assert.Equal(MapMode.TurnoutSteps.Length + 2, cut.FindAll(".hexmap-legend li").Count);
    }

    [Fact]
    public void Render_Gains_ColoursGainsByTheWinnerAndHoldsPale()
    {
        for (var i = 0; i < 20; i++)
        {
            Feed.Declare(i);
        }

        var cut = Render<HexMap>(p => p.Add(c => c.Snapshot, Feed.Live.Current).Add(c => c.Mode, MapMode.Gains));

        var seats = Feed.Live.Current.Seats.OfType<SeatResult>().ToList();
        Assert.Contains(seats, s => s.IsGain);
        Assert.Contains(seats, s => !s.IsGain);
        foreach (var seat in seats)
        {
            var fill = cut.Find($"a[data-seat='{seat.Constituency.Code}'] use").GetAttribute("fill");
            Assert.Equal(seat.IsGain ? Format.Party(Feed.Election, seat.Winner.Party).Colour : HexColours.Held, fill);
        }
    }

    [Fact]
    public void Render_ShareAndSwing_StrengthFollowsTheFigure()
    {
        for (var i = 0; i < 20; i++)
        {
            Feed.Declare(i);
        }

        var (a, b) = Feed.Live.Current.National.Battleground.HeadlinePair;
        var (first, second) = (Format.Party(Feed.Election, a!), Format.Party(Feed.Election, b!));
        var share = Render<HexMap>(p => p.Add(c => c.Snapshot, Feed.Live.Current).Add(c => c.Mode, MapMode.Share(first)));
        var swing = Render<HexMap>(p => p.Add(c => c.Snapshot, Feed.Live.Current).Add(c => c.Mode, MapMode.Swing(second, first)));

        var seats = Feed.Live.Current.Seats.OfType<SeatResult>().Where(s => s.Candidates.Any(c => c.Party == first.Code)).ToList();
        Assert.NotEmpty(seats);
        foreach (var seat in seats)
        {
            var bin = MapMode.ShareSteps.Count(step => seat.Candidates.Where(c => c.Party == first.Code).Sum(c => c.Share) >= step) - 1;
            Assert.Equal(MapMode.Shade(first.Colour, bin), share.Find($"a[data-seat='{seat.Constituency.Code}'] use").GetAttribute("fill"));
        }

        // Six steps, six colours, for a dark colour and for the SNP's light yellow alike.
        Assert.Equal(6, Enumerable.Range(0, 6).Select(i => MapMode.Shade(first.Colour, i)).Distinct().Count());
        Assert.Equal(6, Enumerable.Range(0, 6).Select(i => MapMode.Shade("#FFE24A", i)).Distinct().Count());
        Assert.Equal(first.Colour, MapMode.Shade(first.Colour, 5), StringComparer.OrdinalIgnoreCase);

        var mode = MapMode.Swing(second, first);
        foreach (var seat in Feed.Live.Current.Seats.OfType<SeatResult>())
        {
            var fill = swing.Find($"a[data-seat='{seat.Constituency.Code}'] use").GetAttribute("fill");
            var towards = mode.SwingIn(seat) switch
            {
                null => null,
                >= 0 => second.Colour,
                _ => first.Colour,
            };
            var shades = Enumerable.Range(0, 6).Select(i => towards is null ? HexColours.NoFigure : MapMode.Shade(towards, i));
            Assert.Contains(fill, shades);
        }

        Assert.Contains($"to {second.Code}", swing.Find(".hexmap-legend").TextContent, StringComparison.Ordinal);
        Assert.Contains($"to {first.Code}", swing.Find(".hexmap-legend").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Area_DrawsOnlyItsSeatsFittedToThem()
    {
        var region = Feed.Live.Current.National.Regions.First(r => r.TotalSeats > 1);

        var cut = Render<HexMap>(p => p.Add(c => c.Snapshot, Feed.Live.Current).Add(c => c.Area, region));

        Assert.Equal(region.Constituencies.Select(c => c.Code).Order(), cut.FindAll("a.hx").Select(a => a.GetAttribute("data-seat")!).Order());
        Assert.NotEqual(Services.GetService<HexMapCache>()!.Layout(Feed.Election, Feed.Loaded.Hexmap).ViewBox, cut.Find("svg.hexmap-svg").GetAttribute("viewBox"));
        Assert.Contains(region.Name, cut.Find("h2").TextContent, StringComparison.Ordinal);
    }
}
