using Bunit;

using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

using ResultsLive.Web.Public;
using ResultsLive.Web.Tests.Shared;

namespace ResultsLive.Web.Tests.Public;

public sealed class PublicLayoutTests : ComponentTestContext
{
    [Fact]
    public void Render_DemoFeed_MarksEveryPageDemoWithLandmarksAndTheLiveStatus()
    {
        var cut = Render<PublicLayout>(p => p.Add(c => c.Body, (RenderFragment)(b => b.AddMarkupContent(0, "<h1>Page</h1>"))));

        Assert.StartsWith("DEMO", cut.Find(".mode").TextContent.Trim(), StringComparison.Ordinal);
        Assert.NotNull(cut.Find("header"));
        Assert.NotNull(cut.Find("nav"));
        Assert.NotNull(cut.Find("main#main h1"));
        Assert.NotNull(cut.Find("footer"));
        // Without a script the status says how to get newer figures; public.js takes it over (and its pause) when it runs.
        Assert.Equal("Reload the page for newer results.", cut.Find("[data-live-status] [data-live-text]").TextContent);
        Assert.True(cut.Find("[data-live-pause]").HasAttribute("hidden"));
        Assert.Equal("polite", cut.Find("[data-live-news]").GetAttribute("aria-live"));
        Assert.Empty(cut.FindAll("#components-reconnect-modal"));
    }

    [Theory]
    [InlineData("", "Results")]
    [InlineData("constituencies", "All seats")]
    [InlineData("constituency/E14001305", null)]
    public void Render_AtAnAddress_MarksOnlyItsOwnNavigationLinkAsTheCurrentPage(string path, string? current)
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo(path);

        var cut = Render<PublicLayout>(p => p.Add(c => c.Body, (RenderFragment)(b => b.AddMarkupContent(0, "<h1>Page</h1>"))));

        var marked = cut.FindAll("nav a[aria-current=page]");
        Assert.Equal(current is null ? [] : [current], marked.Select(a => a.TextContent));
        Assert.Equal(marked.Select(a => a.TextContent), cut.FindAll("nav a.active").Select(a => a.TextContent));
    }
}
