using Bunit;

using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

using ResultsLive.Core.Model;
using ResultsLive.Web.Shared.Markup;
using ResultsLive.Web.Public.Pages;
using ResultsLive.Web.Tests.Shared;

namespace ResultsLive.Web.Tests.Public.Pages;

public sealed class ConstituencyPageTests : ComponentTestContext
{
    [Fact]
    public void Render_DeclaredSeat_ShowsResultCandidatesMajorityTurnoutAndSwing()
    {
        var declaration = Feed.Declare(0);
        var seat = Feed.Live.Current.Seat(declaration.Constituency)!;

        var cut = Render<ConstituencyPage>(p => p.Add(c => c.Code, declaration.Constituency));

        Assert.Equal(seat.Constituency.Name, cut.Find("h1").TextContent);
        Assert.Equal("Declared", cut.Find("[data-testid=status]").TextContent);
        Assert.Equal(seat.Result, cut.Find("[data-testid=result] .result-text").TextContent);
        Assert.Equal($"{Format.Number(seat.Majority)} {Format.Share(seat.MajorityShare)}", cut.Find("[data-testid=majority]").TextContent.Trim());
        Assert.StartsWith(Format.Percent(seat.Turnout), cut.Find("[data-testid=turnout]").TextContent, StringComparison.Ordinal);
        Assert.Equal(seat.Swing is null ? "Not applicable" : Format.Swing(seat.Swing), cut.Find("[data-testid=swing]").TextContent);
        Assert.Equal(seat.Text, cut.Find("[data-testid=text]").TextContent);
        Assert.Equal($"Declared at {seat.DeclaredAt:HH:mm} BST on {seat.DeclaredAt:d MMMM yyyy}", cut.Find("[data-testid=declared-at]").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=revision]"));

        var rows = cut.FindAll("[data-testid=candidates] tbody tr");
        Assert.Equal(seat.Candidates.Count, rows.Count);
        Assert.Contains(seat.Winner.Name, rows[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("(elected)", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Contains(Format.Number(seat.Winner.Votes), rows[0].TextContent, StringComparison.Ordinal);
        Assert.Contains($"vs {Feed.Election.Baseline.Name}", cut.Markup, StringComparison.Ordinal);
        // Drawn in the browser by public.js from the element's attributes: the static page makes no interop call.
        Assert.Contains(seat.Winner.Name.Split(' ')[^1], cut.Find(".apex-chart").GetAttribute("data-options"), StringComparison.Ordinal);
        Assert.Empty(ChartModule.Invocations);
    }

    [Fact]
    public void Render_BeforeTheDeclaration_ShowsTheNominatedCandidatesAndTheBaseline()
    {
        var code = Feed.Night[3].Constituency;

        var cut = Render<ConstituencyPage>(p => p.Add(c => c.Code, code));

        Assert.Equal("Awaiting", cut.Find("[data-testid=status]").TextContent);
        var nominated = cut.FindAll("[data-testid=nominated] li");
        Assert.Equal(Feed.Election.NominationsFor(code).Select(n => n.Name), nominated.Select(li => li.QuerySelector(".nominee")!.TextContent));
        var baseline = Feed.Election.Baseline.For(code)!;
        Assert.Contains($"{Feed.Election.Baseline.Name}: {baseline.Winner} won", cut.Find("[data-testid=baseline]").TextContent, StringComparison.Ordinal);
        JSInterop.VerifyNotInvoke("import");
    }

    [Fact]
    public void Render_UnknownCode_AsksForTheNotFoundPage()
    {
        var navigation = Services.GetRequiredService<NavigationManager>();
        var notFound = false;
        navigation.OnNotFound += (_, _) => notFound = true;

        Render<ConstituencyPage>(p => p.Add(c => c.Code, "E99999999"));

        Assert.True(notFound);
    }
}
