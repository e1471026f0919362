using Bunit;

using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

using ResultsLive.Web.Public.Pages;
using ResultsLive.Web.Tests.Shared;

namespace ResultsLive.Web.Tests.Public.Pages;

public sealed class ConstituenciesTests : ComponentTestContext
{
    [Fact]
    public void Render_Declared_ListsEverySeatWithItsSearchKeyStatusAndResult()
    {
        var declared = Feed.Declare(0);

        var cut = Render<Constituencies>();

        Assert.Equal(20, cut.FindAll("#seat-list tbody tr").Count);
        var row = cut.Find($"tr[data-seat='{declared.Constituency}']");
        Assert.Contains("Declared", row.TextContent, StringComparison.Ordinal);
        Assert.Contains(Feed.Live.Current.Seat(declared.Constituency)!.Result, row.TextContent, StringComparison.Ordinal);
        Assert.Contains(declared.Constituency.ToLowerInvariant(), row.GetAttribute("data-search"), StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("main style, style"));
        Assert.Equal("20 seats", cut.Find("#seat-count").TextContent);
    }

    [Fact]
    public void Render_WithAQueryInTheAddress_CountsTheMatchesAndHidesTheRestWithoutAScript()
    {
        var name = Feed.Election.Constituencies[4].Name;
        var word = name.Split(' ')[0];
        Services.GetRequiredService<NavigationManager>().NavigateTo("constituencies?q=" + Uri.EscapeDataString(word.ToUpperInvariant()));

        var cut = Render<Constituencies>();

        var expected = Feed.Election.Constituencies.Count(c => c.Name.Contains(word, StringComparison.OrdinalIgnoreCase));
        Assert.Equal($"{expected} of 20 seats match “{word.ToUpperInvariant()}”", cut.Find("#seat-count").TextContent);
        Assert.Equal(word.ToUpperInvariant(), cut.Find("#seat-search").GetAttribute("value"));
        Assert.Equal($"#seat-list tbody tr:not([data-search*=\"{word.ToLowerInvariant()}\"]){{display:none}}", cut.Find("style").TextContent);
    }

    [Fact]
    public void Render_QueryWithMarkup_IsFoldedToLettersBeforeItReachesTheStyle()
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo("constituencies?q=" + Uri.EscapeDataString("\"]</style><script>x</script>"));

        var cut = Render<Constituencies>();

        Assert.Empty(cut.FindAll("script"));
        Assert.DoesNotContain("<", cut.Find("style").TextContent, StringComparison.Ordinal);
        Assert.Contains("0 of 20 seats match", cut.Find("#seat-count").TextContent, StringComparison.Ordinal);
    }
}
