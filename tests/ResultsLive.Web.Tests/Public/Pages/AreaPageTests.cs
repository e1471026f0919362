using System.Globalization;

using Bunit;

using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

using ResultsLive.Core.Arithmetic;
using ResultsLive.Web.Public.Pages;
using ResultsLive.Web.Tests.Shared;

namespace ResultsLive.Web.Tests.Public.Pages;

public sealed class AreaPageTests : ComponentTestContext
{
    [Fact]
    public void Render_Nation_ShowsItsOwnSeatsShareSwingMapAndSeatsWithoutAMajorityLine()
    {
        for (var i = 0; i < 20; i++)
        {
            Feed.Declare(i);
        }

        var nation = Feed.Live.Current.National.Nations.OrderByDescending(n => n.TotalSeats).First();
        Services.GetRequiredService<NavigationManager>().NavigateTo("nation/" + nation.Name.ToUpperInvariant());

        var cut = Render<AreaPage>(p => p.Add(c => c.Name, nation.Name.ToUpperInvariant()));

        Assert.Equal(nation.Name, cut.Find("h1").TextContent);
        Assert.Contains($"{nation.Declared} of {nation.TotalSeats} seats declared", cut.Find("[data-testid=area-declared]").TextContent, StringComparison.Ordinal);
        foreach (var party in nation.Parties.Where(p => p.Seats > 0))
        {
            Assert.Equal(party.Seats.ToString(CultureInfo.InvariantCulture), cut.Find($"[data-testid=area-seats] tr[data-party='{party.Party.Code}'] .seats-won").TextContent);
        }

        Assert.Equal(nation.Constituencies.Select(c => c.Code).Order(), cut.FindAll("[data-testid=area-seat-list] tbody tr").Select(r => r.GetAttribute("data-seat")!).Order());
        Assert.Equal(nation.Constituencies.Select(c => c.Code).Order(), cut.FindAll("a.hx").Select(h => h.GetAttribute("data-seat")!).Order());
        Assert.Equal($"swing.nation-{nation.Slug}.{nation.SwingParties[0]}.{nation.SwingParties[1]}", cut.Find(".swing-slot").GetAttribute("data-part"));
        Assert.DoesNotContain("majority", cut.Find(".board-slot").TextContent, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Projection", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_RegionBySlugWithAMapMode_DrawsTheModeForItsSeatsOnly()
    {
        Feed.Declare(0);
        var region = Feed.Live.Current.National.Regions.First(r => r.TotalSeats > 1);
        Services.GetRequiredService<NavigationManager>().NavigateTo($"region/{region.Slug}?map=turnout");

        var cut = Render<AreaPage>(p => p.Add(c => c.Name, region.Slug));

        Assert.Equal($"map.region-{region.Slug}.turnout", cut.Find(".map-card [data-part]").GetAttribute("data-part"));
        Assert.Equal(region.TotalSeats, cut.FindAll("a.hx").Count);
        Assert.Equal("turnout", cut.Find("select[name=map] option[selected]").GetAttribute("value"));
    }

    [Theory]
    [InlineData("nation/atlantis", "atlantis")]
    [InlineData("region/scotland-and-atlantis", "scotland-and-atlantis")]
    public void Render_UnknownName_AsksForTheNotFoundPage(string address, string name)
    {
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo(address);
        var notFound = false;
        navigation.OnNotFound += (_, _) => notFound = true;

        Render<AreaPage>(p => p.Add(c => c.Name, name));

        Assert.True(notFound);
    }
}
