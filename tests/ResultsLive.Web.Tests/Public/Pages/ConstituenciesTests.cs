using Bunit;

using ResultsLive.Web.Public.Pages;
using ResultsLive.Web.Tests.Shared;

namespace ResultsLive.Web.Tests.Public.Pages;

public sealed class ConstituenciesTests : ComponentTestContext
{
    [Fact]
    public void Search_Typing_FiltersByNameAsYouType()
    {
        var declared = Feed.Declare(0);
        var cut = Render<Constituencies>();
        Assert.Equal(20, cut.FindAll("tbody tr").Count);

        var name = Feed.Election.FindConstituency(declared.Constituency)!.Name;
        var query = name[..Math.Min(5, name.Length)].ToUpperInvariant();
        cut.Find("#seat-search").Input(query);

        var expected = Feed.Election.Constituencies.Where(c => c.Name.Contains(query, StringComparison.OrdinalIgnoreCase)).Select(c => c.Code).Order();
        Assert.Equal(expected, cut.FindAll("tbody tr").Select(r => r.GetAttribute("data-seat")).Order());
        var row = cut.Find($"tr[data-seat='{declared.Constituency}']");
        Assert.Contains("Declared", row.TextContent, StringComparison.Ordinal);
        Assert.Contains(Feed.Live.Current.Seat(declared.Constituency)!.Result, row.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Search_NoMatch_SaysSo()
    {
        var cut = Render<Constituencies>();

        cut.Find("#seat-search").Input("zzzz");

        Assert.Empty(cut.FindAll("tbody tr"));
        Assert.Contains("0 of 20 seats match", cut.Find("#seat-count").TextContent, StringComparison.Ordinal);
    }
}
