using Bunit;

using ResultsLive.Web.Public.Controls;
using ResultsLive.Web.Tests.Shared;

namespace ResultsLive.Web.Tests.Public.Controls;

public sealed class LatestResultsTests : ComponentTestContext
{
    [Fact]
    public void Render_SeveralDeclarations_ListsThemNewestFirstWithTextAndTime()
    {
        var first = Feed.Declare(0);
        var second = Feed.Declare(1);
        var third = Feed.Declare(2);

        var cut = Render<LatestResults>(p => p.Add(c => c.Election, Feed.Election).Add(c => c.Recent, Feed.Live.Current.Recent));

        var items = cut.FindAll("li.latest-item");
        Assert.Equal([third.Constituency, second.Constituency, first.Constituency], items.Select(i => i.GetAttribute("data-seat")));
        var newest = Feed.Live.Current.Seat(third.Constituency)!;
        Assert.Equal(newest.Text, items[0].QuerySelector(".latest-text")!.TextContent);
        Assert.Equal(newest.Result, items[0].QuerySelector(".result-pill")!.TextContent);
        Assert.Equal(ResultsLive.Web.Shared.Markup.Format.Time(newest.DeclaredAt), items[0].QuerySelector("time")!.TextContent);
    }

    [Fact]
    public void Render_Correction_MovesTheSeatToTheTopMarkedAsCorrected()
    {
        var first = Feed.Declare(0);
        Feed.Declare(1);
        Feed.Correct(first, revision: 2, extraVotes: 10);

        var cut = Render<LatestResults>(p => p.Add(c => c.Election, Feed.Election).Add(c => c.Recent, Feed.Live.Current.Recent));

        var top = cut.FindAll("li.latest-item")[0];
        Assert.Equal(first.Constituency, top.GetAttribute("data-seat"));
        Assert.Equal("Corrected: revision 2", top.QuerySelector(".corrected")!.TextContent);
        Assert.Equal(2, cut.FindAll("li.latest-item").Count);
    }

    [Fact]
    public void Render_NothingDeclared_SaysSo()
    {
        var cut = Render<LatestResults>(p => p.Add(c => c.Election, Feed.Election).Add(c => c.Recent, Feed.Live.Current.Recent));

        Assert.Empty(cut.FindAll("li"));
        Assert.Contains("No seat has declared yet", cut.Markup, StringComparison.Ordinal);
    }
}
