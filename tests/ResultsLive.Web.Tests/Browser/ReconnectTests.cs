using Microsoft.Playwright;

using ResultsLive.Web.Tests.Hosting;

using static Microsoft.Playwright.Assertions;

namespace ResultsLive.Web.Tests.Browser;

/// <summary>When the circuit's connection drops, the page says so (and keeps its last figures) instead of going silent.</summary>
public sealed class ReconnectTests : IAsyncLifetime
{
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public async Task InitializeAsync()
    {
        _playwright = await Playwright.CreateAsync();
        _browser = await LiveSiteFixture.LaunchAsync(_playwright);
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }

    [Fact]
    public async Task ConnectionLost_ServerGoesAway_ShowsTheReconnectingBannerOverTheLastFigures()
    {
        var node = WebNode.ForDemo(TimeSpan.FromHours(1), seats: 30);
        var page = await _browser!.NewPageAsync();
        await page.GotoAsync(new Uri(node.BaseAddress, "/").ToString());
        await page.WaitForFunctionAsync("() => window.Blazor && performance.getEntriesByType('resource').some(r => r.name.includes('/_blazor/negotiate'))", null, new() { Timeout = 10_000 });
        await page.WaitForTimeoutAsync(300);
        var banner = page.Locator("#components-reconnect-modal");
        await Expect(banner).ToBeHiddenAsync();

        node.Dispose();

        await Expect(banner).ToBeVisibleAsync(new() { Timeout = 10_000 });
        await Expect(banner).ToContainTextAsync("Connection lost — reconnecting…", new() { Timeout = 10_000 });

        // One message at a time, whichever attempt it is on.
        await Expect(banner.Locator("p:visible")).ToHaveCountAsync(1);
        await page.WaitForTimeoutAsync(1500);
        await Expect(banner.Locator("p:visible")).ToHaveCountAsync(1);
        await Expect(page.Locator("h1")).ToHaveTextAsync("Demo general election");
        Directory.CreateDirectory(LiveSiteFixture.ArtifactsDirectory);
        await page.ScreenshotAsync(new() { Path = Path.Combine(LiveSiteFixture.ArtifactsDirectory, "reconnecting-1280.png") });
        await page.CloseAsync();
    }
}
