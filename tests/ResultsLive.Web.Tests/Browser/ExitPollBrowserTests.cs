using System.Net;

using Microsoft.Playwright;

using ResultsLive.Web.Tests.Api;
using ResultsLive.Web.Tests.Hosting;

using static Microsoft.Playwright.Assertions;

namespace ResultsLive.Web.Tests.Browser;

/// <summary>The exit poll on <c>/</c>: entered through the API while a reader has the page open, it appears beside the projection, labelled with its source, without a reload.</summary>
public sealed class ExitPollBrowserTests(LiveSiteFixture site) : IClassFixture<LiveSiteFixture>
{
    private static readonly LocatorAssertionsToHaveTextOptions Soon = new() { Timeout = LiveSiteFixture.Patience };

    private static readonly LocatorAssertionsToContainTextOptions SoonContains = new() { Timeout = LiveSiteFixture.Patience };

    [Fact]
    public async Task ExitPoll_PostedThroughTheApi_AppearsOnTheScoreboardLabelledWithItsSourceWithoutReload()
    {
        var page = await site.OpenAsync("/", 1920);
        await Expect(page.Locator("[data-testid=exit-poll]")).ToContainTextAsync("When the polls close", SoonContains);

        using (var client = site.Node.Ingest())
        {
            using var response = await client.PostAsync(new Uri("/api/v1/exit-poll", UriKind.Relative), WebNode.Json(ExitPollApiTests.Poll2024().Text()));
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }

        await Expect(page.Locator("[data-testid=exit-poll-source]")).ToContainTextAsync("Forecast seats by Ipsos for BBC, ITV News and Sky News, published 22:00 BST on 4 July 2024", SoonContains);
        await Expect(page.Locator("[data-testid=exit-poll] li[data-party=Lab] strong")).ToHaveTextAsync("410", Soon);
        Assert.True(await page.EvaluateAsync<bool>("() => window.__notReloaded === true"));
        await page.ScreenshotAsync(new() { Path = Path.Combine(LiveSiteFixture.ArtifactsDirectory, "home-exit-poll-1920.png"), FullPage = true });

        var phone = await site.OpenAsync("/", 390);
        await Expect(phone.Locator("[data-testid=exit-poll] li[data-party=Oth] strong")).ToHaveTextAsync("19", Soon);
        Assert.True(await phone.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"), "the home page scrolls sideways at 390 px");
        await phone.ScreenshotAsync(new() { Path = Path.Combine(LiveSiteFixture.ArtifactsDirectory, "home-exit-poll-390.png"), FullPage = true });
        await page.CloseAsync();
        await phone.CloseAsync();
    }
}
