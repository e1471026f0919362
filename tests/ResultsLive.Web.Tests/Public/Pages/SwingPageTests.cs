using System.Globalization;

using Bunit;

using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

using ResultsLive.Web.Public.Controls;
using ResultsLive.Web.Public.Pages;
using ResultsLive.Web.Shared.Markup;
using ResultsLive.Web.Tests.Shared;

namespace ResultsLive.Web.Tests.Public.Pages;

public sealed class SwingPageTests : ComponentTestContext
{
    [Fact]
    public void Render_AfterDeclarations_DrawsTheDialWithEverySeatAndTheTablesBeside()
    {
        for (var i = 0; i < 12; i++)
        {
            Feed.Declare(i);
        }

        var cut = Render<SwingPage>();

        var swingometer = Feed.Live.Current.National.Swingometer()!;
        Assert.Equal(Format.Swing(swingometer.National), cut.Find("[data-testid=swing-figure] strong").TextContent);
        var range = SwingDial.RangeFor(swingometer);
        var onDial = swingometer.Scale.Where(s => Math.Abs(s.SwingNeeded!.Value) <= range).ToList();
        Assert.Equal(onDial.Select(s => s.Constituency.Code).Order(), cut.FindAll("svg.swing-dial circle[data-seat]").Select(c => c.GetAttribute("data-seat")!).Order());
        foreach (var seat in onDial.Where(s => s.Winner is not null))
        {
            var dot = cut.Find($"svg.swing-dial circle[data-seat='{seat.Constituency.Code}']");
            Assert.Equal(Format.Party(Feed.Election, seat.Winner!).Colour, dot.GetAttribute("fill"));
            Assert.Contains(seat.Winner == seat.BaselineWinner ? "held" : "won", dot.ClassList);
        }

        Assert.NotNull(cut.Find("svg.swing-dial line.dial-needle"));
        Assert.Equal(swingometer.Falling.Count.ToString(CultureInfo.InvariantCulture), cut.Find("[data-testid=falling-count]").TextContent);
        Assert.Equal(swingometer.Falling.Select(s => s.Constituency.Code), cut.FindAll("[data-testid=falling] tbody tr").Select(r => r.GetAttribute("data-seat")));
        Assert.Equal(swingometer.BuckedTheTrend.Select(s => s.Constituency.Code), cut.FindAll("[data-testid=bucked] tbody tr").Select(r => r.GetAttribute("data-seat")));
        Assert.Contains("half the gap in share", cut.Find("[data-testid=swing-convention]").TextContent, StringComparison.Ordinal);
        Assert.Contains("House of Commons Library and the broadcasters", cut.Find("[data-testid=swing-convention]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_PairInTheQuery_IsThePairShownAndPicked()
    {
        Feed.Declare(0);
        var parties = PublicChoices.Parties(Feed.Live.Current, null);
        var (a, b) = (parties[2], parties[0]);
        Services.GetRequiredService<NavigationManager>().NavigateTo($"swing?a={a.Code.ToLowerInvariant()}&b={b.Code}");

        var cut = Render<SwingPage>();

        Assert.Equal($"swing.uk.{a.Code}.{b.Code}", cut.Find("[data-part]").GetAttribute("data-part"));
        Assert.Equal("share", cut.Find("[data-part]").GetAttribute("data-follows"));
        Assert.Equal(a.Code, cut.Find("select[name=a] option[selected]").GetAttribute("value"));
        Assert.Equal(b.Code, cut.Find("select[name=b] option[selected]").GetAttribute("value"));
        Assert.Equal("get", cut.Find("form[data-testid=swing-picker]").GetAttribute("method"));
        Assert.Empty(cut.FindAll("[data-testid=picker-problem]"));
    }

    [Theory]
    [InlineData("swing?a=Nope&b=Lab", "“Nope” is not a party")]
    [InlineData("swing?a=Lab&b=lab", "two different parties")]
    public void Render_PairThatNamesNoSwing_ShowsTheDefaultPairAndSaysWhy(string address, string reason)
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo(address);

        var cut = Render<SwingPage>();

        var (a, b) = Feed.Live.Current.National.Battleground.HeadlinePair;
        Assert.Equal($"swing.uk.{a}.{b}", cut.Find("[data-part]").GetAttribute("data-part"));
        Assert.Contains(reason, cut.Find("[data-testid=picker-problem]").TextContent, StringComparison.Ordinal);
    }
}
