using System.Net;

using Microsoft.Playwright;

using ResultsLive.Web.Tests.Api;
using ResultsLive.Web.Tests.Hosting;

using static Microsoft.Playwright.Assertions;

namespace ResultsLive.Web.Tests.Browser;

/// <summary>Scale-out seen by a reader: a page served by node B shows a declaration ingested on node A, without a reload.</summary>
public sealed class TwoNodePageTests : RedisBrowserTest
{
    [Fact]
    public async Task Declaration_PostedToNodeA_AppearsOnAPageServedByNodeB()
    {
        using var a = WebNode.For2024(Redis.ConnectionString);
        using var b = WebNode.For2024(Redis.ConnectionString);
        var page = await Browser.NewPageAsync();
        // Ready when the page hears the stream, not at "load": under a loaded machine the charts' library can hold that back.
        await page.GotoAsync(new Uri(b.BaseAddress, "/").ToString(), new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        await LiveSiteFixture.WaitUntilLiveAsync(page);
        await page.EvaluateAsync("() => window.__notReloaded = true");

        using var ingest = a.Ingest();
        using var response = await ingest.PostAsync(new Uri("/api/v1/declarations", UriKind.Relative), WebNode.Json(Declarations.IslingtonNorthBody().ToJsonString()));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);

        var latest = page.Locator("li.latest-item[data-seat='E14001305']");
        await Expect(latest.Locator(".result-pill")).ToHaveTextAsync("Ind gain from Lab", new() { Timeout = LiveSiteFixture.Patience });
        Assert.True(await page.EvaluateAsync<bool>("() => window.__notReloaded === true"));
    }
}
