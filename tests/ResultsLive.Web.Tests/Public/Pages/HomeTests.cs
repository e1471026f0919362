using System.Globalization;
using System.Text.Json.Nodes;

using Bunit;

using ResultsLive.Web.Shared.Charts;
using ResultsLive.Web.Public.Pages;
using ResultsLive.Web.Tests.Shared;

namespace ResultsLive.Web.Tests.Public.Pages;

public sealed class HomeTests : ComponentTestContext
{
    [Fact]
    public void Render_AfterDeclarations_ShowsTheScoreboardFromTheNationalTally()
    {
        for (var i = 0; i < 6; i++)
        {
            Feed.Declare(i);
        }

        var cut = Render<Home>();

        var national = Feed.Live.Current.National;
        Assert.Equal("6", cut.Find("[data-testid=declared]").TextContent);
        Assert.Contains("of 20 seats declared", cut.Find(".declared-count").TextContent, StringComparison.Ordinal);
        Assert.Equal("6", cut.Find("[role=progressbar]").GetAttribute("aria-valuenow"));
        foreach (var party in national.Parties.Where(p => p.Seats > 0))
        {
            var row = cut.Find($".seats tr[data-party='{party.Party.Code}']");
            Assert.Equal(party.Seats.ToString(CultureInfo.InvariantCulture), row.QuerySelector(".seats-won")!.TextContent);
        }

        Assert.Contains("11", cut.Find("[data-testid=majority-note]").TextContent, StringComparison.Ordinal);
        Assert.Contains($"Change vs {Feed.Election.Baseline.Name}", cut.Find(".share").TextContent, StringComparison.Ordinal);
        Assert.Contains(ResultsLive.Core.Arithmetic.Projection.Method, cut.Find(".headline").TextContent, StringComparison.Ordinal);
        Assert.Equal(ResultsLive.Web.Shared.Markup.Format.Swing(national.Swing), cut.Find("[data-testid=swing]").TextContent);
        Assert.Equal(20, cut.FindAll("a.hx").Count);
    }

    [Fact]
    public void Render_SeatsChart_IsCreatedWithTheMajorityLineAtTheThreshold()
    {
        Feed.Declare(0);

        var cut = Render<Home>();

        Assert.Equal(2, cut.FindAll(".apex-chart").Count);
        Assert.Empty(ChartModule.Invocations);
        var seats = JsonNode.Parse(cut.Find(".seats .apex-chart").GetAttribute("data-options")!)!;
        Assert.Equal(Feed.Election.MajorityThreshold, seats["annotations"]!["xaxis"]![0]!["x"]!.GetValue<int>());
    }

    [Fact]
    public void Render_Gains_ListsSeatsThatChangedHandsNewestFirst()
    {
        for (var i = 0; i < 20; i++)
        {
            Feed.Declare(i);
        }

        var cut = Render<Home>();

        var gains = Feed.Live.Current.Seats.OfType<ResultsLive.Core.Arithmetic.SeatResult>().Where(s => s.IsGain).ToList();
        Assert.NotEmpty(gains);
        var listed = cut.FindAll(".gains li").Select(li => li.GetAttribute("data-seat")).ToList();
        Assert.Equal(gains.Count, listed.Count);
        Assert.Equal(gains.Select(g => g.Constituency.Code).Order(), listed.Order());
    }
}
