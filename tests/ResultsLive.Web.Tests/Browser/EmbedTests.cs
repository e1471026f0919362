using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;

using static Microsoft.Playwright.Assertions;

namespace ResultsLive.Web.Tests.Browser;

/// <summary>
/// Embeds on another site's page, in sandboxed iframes: the text version becomes the live embed, both share one
/// connection to the push channel, a declaration reaches them, and each tells the host its height.
/// </summary>
public sealed class EmbedTests(LiveSiteFixture site) : IClassFixture<LiveSiteFixture>
{
    [Fact]
    public async Task TwoEmbedsOnAHostPage_ShareOneStreamShowADeclarationAndTellTheirHeight()
    {
        var origin = site.Node.BaseAddress.ToString().TrimEnd('/');


        var page = await site.Browser.NewPageAsync(new() { ViewportSize = new() { Width = 800, Height = 900 } });
        var streams = new List<string>();
        page.Request += (_, request) =>
        {
            if (request.Url.Contains("/api/v1/stream", StringComparison.Ordinal))
            {
                streams.Add(request.Url);
            }
        };
        var oembed = (await site.Node.GetJsonAsync("/oembed?url=" + Uri.EscapeDataString(origin + "/embed/scoreboard"))).RootElement.GetProperty("html").GetString();
        var html = $"""
            <!DOCTYPE html><html lang="en"><head><title>A newsroom's live blog</title></head><body>
            <h1>Election night</h1>
            <iframe id="ticker" src="{origin}/embed/ticker" title="Latest results" width="100%" height="200" sandbox="allow-scripts allow-same-origin" data-resultslive-embed style="border:0;width:100%"></iframe>
            {oembed}
            </body></html>
            """;

        // The newsroom's own site: another origin (a Kestrel of the test's on its own loopback port), as a real host page
        // is, so the embeds are cross-origin frames and the browser's local-network rules see loopback framing loopback.
        await using var newsroom = await HostPageAsync(html);
        var host = newsroom.Urls.Single() + "/live-blog";

        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            // A failed load is reported below with its address; the host page has no favicon, which is its own business.
            if (message.Type == "error" && !message.Text.StartsWith("Failed to load resource", StringComparison.Ordinal))
            {
                errors.Add(message.Text);
            }
        };
        page.Response += (_, response) =>
        {
            if (response.Status >= 400 && !response.Url.EndsWith("/favicon.ico", StringComparison.Ordinal))
            {
                errors.Add($"{response.Status} {response.Url}");
            }
        };
        page.PageError += (_, error) => errors.Add(error);
        await page.GotoAsync(host);

        // embed.js has turned the text version into the second iframe.
        try
        {
            await page.WaitForFunctionAsync("() => document.querySelectorAll('iframe[data-resultslive-embed]').length === 2", null, new() { Timeout = LiveSiteFixture.Patience });
        }
        catch (TimeoutException)
        {
            Assert.Fail("embed.js did not make the text version live: " + string.Join(" | ", errors) + " :: " + await page.ContentAsync());
        }

        var ticker = page.FrameLocator("#ticker");
        var scoreboard = page.FrameLocator("iframe[data-resultslive-embed]:not(#ticker)");
        await Expect(scoreboard.Locator("[data-testid=declared]")).ToBeVisibleAsync(new() { Timeout = LiveSiteFixture.Patience });
        Assert.Empty(errors);
        foreach (var frame in page.Frames.Where(f => f.Url.StartsWith(origin, StringComparison.Ordinal)))
        {
            await frame.WaitForFunctionAsync("() => document.querySelector('[data-live-status]')?.dataset.state === 'live'", null, new() { Timeout = LiveSiteFixture.Patience });
        }

        var declaration = site.Results.Values.Where(d => d.Constituency.StartsWith('E')).Skip(200).First();
        var declared = int.Parse(await scoreboard.Locator("[data-testid=declared]").TextContentAsync() ?? "0", System.Globalization.CultureInfo.InvariantCulture);
        await site.PostAsync(declaration);

        await Expect(ticker.Locator($"li.latest-item[data-seat='{declaration.Constituency}']")).ToHaveCountAsync(1, new() { Timeout = LiveSiteFixture.Patience });
        await Expect(scoreboard.Locator("[data-testid=declared]")).ToHaveTextAsync((declared + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), new() { Timeout = LiveSiteFixture.Patience });
        Assert.Single(streams);

        // The ticker's frame is as tall as its content says, not the 200 px it was given.
        var tickerFrame = page.Frames.Single(f => f.Url.EndsWith("/embed/ticker", StringComparison.Ordinal));
        await page.WaitForFunctionAsync(
            "height => Math.abs(parseFloat(getComputedStyle(document.getElementById('ticker')).height) - height) <= 2",
            await tickerFrame.EvaluateAsync<int>("() => Math.ceil(document.documentElement.getBoundingClientRect().height)"),
            new() { Timeout = LiveSiteFixture.Patience });
        await page.ScreenshotAsync(new() { Path = Path.Combine(LiveSiteFixture.ArtifactsDirectory, "embeds-on-a-host-800.png"), FullPage = true });
        await page.CloseAsync();
    }

    private static async Task<Microsoft.AspNetCore.Builder.WebApplication> HostPageAsync(string html)
    {
        var builder = Microsoft.AspNetCore.Builder.WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapGet("/live-blog", () => Microsoft.AspNetCore.Http.Results.Content(html, "text/html"));
        await app.StartAsync();
        return app;
    }
}
