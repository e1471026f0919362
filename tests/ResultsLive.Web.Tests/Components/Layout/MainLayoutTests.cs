using Bunit;

using Microsoft.AspNetCore.Components;

using ResultsLive.Web.Components.Layout;

namespace ResultsLive.Web.Tests.Components.Layout;

public sealed class MainLayoutTests : ComponentTestContext
{
    [Fact]
    public void Render_DemoFeed_MarksEveryPageDemoWithLandmarksAndTheReconnectBanner()
    {
        var cut = Render<MainLayout>(p => p.Add(c => c.Body, (RenderFragment)(b => b.AddMarkupContent(0, "<h1>Page</h1>"))));

        Assert.StartsWith("DEMO", cut.Find(".mode").TextContent.Trim(), StringComparison.Ordinal);
        Assert.NotNull(cut.Find("header"));
        Assert.NotNull(cut.Find("nav"));
        Assert.NotNull(cut.Find("main#main h1"));
        Assert.NotNull(cut.Find("footer"));
        Assert.Contains("Connection lost — reconnecting…", cut.Find("#components-reconnect-modal").TextContent, StringComparison.Ordinal);
    }
}
