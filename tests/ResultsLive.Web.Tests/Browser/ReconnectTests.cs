using Microsoft.Playwright;

using ResultsLive.Web.Tests.Api;

using static Microsoft.Playwright.Assertions;

namespace ResultsLive.Web.Tests.Browser;

/// <summary>
/// A page whose node goes away keeps its last figures under a visible "results paused" notice (the LIVE badge says
/// PAUSED), and when the node comes back it catches up by itself, without a reload.
/// </summary>
public sealed class ReconnectTests : RedisBrowserTest
{
    [Fact]
    public async Task NodeRestart_PageSaysPausedKeepsItsFiguresAndCatchesUpByItself()
    {
        var node = Hosting.WebNode.For2024(Redis.ConnectionString);
        var address = node.BaseAddress;
        var page = await Browser.NewPageAsync();
        await page.GotoAsync(new Uri(address, "/").ToString());
        await LiveSiteFixture.WaitUntilLiveAsync(page);
        await page.EvaluateAsync("() => window.__notReloaded = true");
        var status = page.Locator("[data-live-status]");

        node.Dispose();

        // The stream breaks: the page says so at once, over the figures it had.
        await Expect(status).ToHaveAttributeAsync("data-state", "stale", new() { Timeout = LiveSiteFixture.Patience });
        await Expect(status).ToContainTextAsync("Results paused: no word from the server since", new() { Timeout = 5_000 });
        await Expect(page.Locator(".mode")).ToContainTextAsync("TEST · PAUSED");
        await Expect(page.Locator("h1")).ToHaveTextAsync("General election 2024");
        Directory.CreateDirectory(LiveSiteFixture.ArtifactsDirectory);
        await page.ScreenshotAsync(new() { Path = Path.Combine(LiveSiteFixture.ArtifactsDirectory, "paused-1280.png") });

        using var restarted = Hosting.WebNode.For2024(Redis.ConnectionString, address.Port);
        using var ingest = restarted.Ingest();
        using var posted = await ingest.PostAsync(new Uri("/api/v1/declarations", UriKind.Relative), Hosting.WebNode.Json(Declarations.IslingtonNorthBody().Text()));
        posted.EnsureSuccessStatusCode();

        await Expect(page.Locator("li.latest-item[data-seat='E14001305'] .result-pill")).ToHaveTextAsync("Ind gain from Lab", new() { Timeout = 60_000 });
        await Expect(status).ToHaveAttributeAsync("data-state", "live", new() { Timeout = LiveSiteFixture.Patience });
        await Expect(page.Locator(".mode")).Not.ToContainTextAsync("PAUSED");
        Assert.True(await page.EvaluateAsync<bool>("() => window.__notReloaded === true"));
        await page.CloseAsync();
    }
}
