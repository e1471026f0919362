using System.Text.RegularExpressions;

using Microsoft.Playwright;

using ResultsLive.Core.Model;

using static Microsoft.Playwright.Assertions;

namespace ResultsLive.Web.Tests.Browser;

/// <summary>
/// The public pages in headless Chromium against a real node and a real redis-server: a declaration posted through the API
/// reaches the scoreboard, the map and the seat page without a reload; a correction replaces it; unknown seats are 404s.
/// </summary>
public sealed class LivePagesTests(LiveSiteFixture site) : IClassFixture<LiveSiteFixture>
{
    private const string IslingtonNorth = "E14001305";
    private static readonly LocatorAssertionsToHaveTextOptions Soon = new() { Timeout = 10_000 };
    private static readonly string[] CompositorProperties = ["opacity", "transform"];

    [Fact]
    public async Task Declaration_PostedThroughTheApi_AppearsOnHomeMapAndSeatPageWithoutReload()
    {
        var home = await site.OpenAsync("/");
        var seatPage = await site.OpenAsync($"/constituency/{IslingtonNorth}");
        await Expect(seatPage.Locator("[data-testid=status]")).ToHaveTextAsync("Awaiting", Soon);

        await site.PostAsync(site.Results[IslingtonNorth]);

        var latest = home.Locator($"li.latest-item[data-seat='{IslingtonNorth}']");
        await Expect(latest.Locator(".result-pill")).ToHaveTextAsync("Ind gain from Lab", Soon);
        await Expect(latest.Locator(".latest-text")).ToContainTextAsync("Jeremy Corbyn (Ind) 24,120. Majority 7,247.", new() { Timeout = 10_000 });
        await Expect(home.Locator($"a.hx[data-seat='{IslingtonNorth}'] use").First).ToHaveAttributeAsync("fill", PartyCatalog.Get("Ind").Colour, new() { Timeout = 10_000 });
        await Expect(home.Locator($"a.hx[data-seat='{IslingtonNorth}'] title")).ToHaveTextAsync(new Regex("Islington North: Ind gain from Lab"), Soon);

        await Expect(seatPage.Locator("[data-testid=result] .result-text")).ToHaveTextAsync("Ind gain from Lab", Soon);
        await Expect(seatPage.Locator("[data-testid=majority]")).ToHaveTextAsync(new Regex("^7,247"), Soon);
        await Expect(seatPage.Locator("[data-testid=candidates] tbody tr")).ToHaveCountAsync(7, new() { Timeout = 10_000 });
        await Expect(seatPage.Locator(".apexcharts-canvas")).ToBeVisibleAsync(new() { Timeout = 10_000 });

        Assert.True(await home.EvaluateAsync<bool>("() => window.__notReloaded === true"));
        Assert.True(await seatPage.EvaluateAsync<bool>("() => window.__notReloaded === true"));
        await home.CloseAsync();
        await seatPage.CloseAsync();
    }

    [Fact]
    public async Task Correction_Revision2_ReplacesTheResultOnTheSeatPageAndTheTicker()
    {
        var declaration = site.Results.Values.First(d => d.Candidates.Count >= 3 && d.Constituency != IslingtonNorth && d.Constituency.StartsWith('W'));
        var seatPage = await site.OpenAsync($"/constituency/{declaration.Constituency}");
        var home = await site.OpenAsync("/");

        await site.PostAsync(declaration);
        await Expect(seatPage.Locator("[data-testid=status]")).ToHaveTextAsync("Declared", Soon);
        await Expect(seatPage.Locator("[data-testid=revision]")).ToHaveCountAsync(0);

        // The runner-up gains 1,000 votes under revision 2: the majority falls by 1,000.
        var before = declaration.Candidates.OrderByDescending(c => c.Votes).ToList();
        var runnerUp = before[1];
        var corrected = declaration with
        {
            Revision = 2,
            Candidates = [.. declaration.Candidates.Select(c => c == runnerUp ? c with { Votes = c.Votes + 1000 } : c)],
        };
        await site.PostAsync(corrected);

        await Expect(seatPage.Locator("[data-testid=revision]")).ToHaveTextAsync("Corrected: revision 2", Soon);
        var majority = before[0].Votes - runnerUp.Votes - 1000;
        await Expect(seatPage.Locator("[data-testid=majority]")).ToHaveTextAsync(new Regex("^" + Regex.Escape(majority.ToString("N0", System.Globalization.CultureInfo.InvariantCulture))), Soon);
        var item = home.Locator($"li.latest-item[data-seat='{declaration.Constituency}']");
        await Expect(item).ToHaveAttributeAsync("data-revision", "2", new() { Timeout = 10_000 });
        await Expect(item.Locator(".corrected")).ToHaveTextAsync("Corrected: revision 2", Soon);
        Assert.Equal(1, await home.Locator($"li.latest-item[data-seat='{declaration.Constituency}']").CountAsync());
        Assert.True(await seatPage.EvaluateAsync<bool>("() => window.__notReloaded === true"));
        await home.CloseAsync();
        await seatPage.CloseAsync();
    }

    [Fact]
    public async Task Declarations_RedrawTheSeatsChartInPlaceFromItsAttributes()
    {
        var home = await site.OpenAsync("/");
        await Expect(home.Locator(".seats .apexcharts-canvas")).ToBeVisibleAsync(new() { Timeout = 10_000 });
        await home.EvaluateAsync("() => { document.querySelector('.seats .apex-chart').__original = true; }");

        // Two Scottish seats: the second may add a party to the chart (new options) or only move a bar (new series).
        foreach (var declaration in site.Results.Values.Where(d => d.Constituency.StartsWith('S')).Take(2))
        {
            var declared = int.Parse(await home.Locator("[data-testid=declared]").TextContentAsync() ?? "", System.Globalization.CultureInfo.InvariantCulture);
            await site.PostAsync(declaration);

            // The count and the chart's attributes change in one render batch; then the drawn bars must catch up with them.
            await Expect(home.Locator("[data-testid=declared]")).ToHaveTextAsync((declared + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), Soon);
            await home.WaitForFunctionAsync(
                """
                () => {
                    const chart = document.querySelector('.seats .apex-chart');
                    const figures = JSON.parse(chart.dataset.series)[0].data.map(String);
                    const labels = [...chart.querySelectorAll('.apexcharts-datalabels text')].map(t => t.textContent.trim());
                    return labels.length === figures.length && labels.every((label, i) => label === figures[i]);
                }
                """,
                null,
                new() { Timeout = 10_000 });
            var total = await home.EvaluateAsync<int>("() => JSON.parse(document.querySelector('.seats .apex-chart').dataset.series)[0].data.reduce((a, b) => a + b, 0)");
            Assert.Equal(declared + 1, total);
        }

        Assert.True(await home.EvaluateAsync<bool>("() => document.querySelector('.seats .apex-chart').__original === true && document.querySelectorAll('.seats .apexcharts-canvas').length === 1"));
        await home.CloseAsync();
    }

    [Fact]
    public async Task Declaration_OnTheScoreboard_AnimatesOnlyWhatTheCompositorMoves()
    {
        // A page animating a background, a width or a fill repaints (or lays out) on the main thread for every frame, and
        // the next declaration's render waits behind those frames: measure-pages.sh saw p99 87 ms instead of 52 with
        // 100 other pages. What moves when a result arrives must be opacity or transform only.
        var home = await site.OpenAsync("/");
        await Expect(home.Locator(".seats .apexcharts-canvas")).ToBeVisibleAsync(new() { Timeout = 10_000 });
        await home.EvaluateAsync(
            """
            () => {
                window.__animated = new Set();
                const note = () => document.getAnimations().forEach(a => {
                    const properties = a.transitionProperty ? [a.transitionProperty]
                        : a.effect.getKeyframes().flatMap(k => Object.keys(k)).filter(p => !['offset', 'computedOffset', 'easing', 'composite'].includes(p));
                    properties.forEach(p => window.__animated.add(p));
                });
                new MutationObserver(() => requestAnimationFrame(note)).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
            }
            """);
        var declaration = site.Results.Values.First(d => d.Constituency.StartsWith('N'));

        await site.PostAsync(declaration);

        await Expect(home.Locator($"li.latest-item[data-seat='{declaration.Constituency}']")).ToHaveCountAsync(1, new() { Timeout = 10_000 });
        await home.WaitForTimeoutAsync(300);
        var animated = await home.EvaluateAsync<string[]>("() => [...window.__animated]");
        Assert.Contains("opacity", animated); // the new result's highlight fades: the observer does see animations
        Assert.All(animated, property => Assert.Contains(property, CompositorProperties));
        await home.CloseAsync();
    }

    [Fact]
    public async Task UnknownSeat_IsA404WithTheNotFoundPage()
    {
        var page = await site.Browser.NewPageAsync();

        var response = await page.GotoAsync(site.Url("/constituency/E99999999"));

        Assert.Equal(404, response!.Status);
        await Expect(page.Locator("h1")).ToHaveTextAsync("We can’t find that page", Soon);
        await page.CloseAsync();
    }

    [Fact]
    public async Task Search_TypingPartOfAName_ShowsOnlyMatchingSeats()
    {
        var page = await site.OpenAsync("/constituencies");

        await page.Locator("#seat-search").PressSequentiallyAsync("islington");

        await Expect(page.Locator("#seat-list tbody tr")).ToHaveCountAsync(2, new() { Timeout = 10_000 });
        await Expect(page.Locator($"#seat-list tr[data-seat='{IslingtonNorth}'] a")).ToHaveTextAsync("Islington North", Soon);
        await page.CloseAsync();
    }

    [Theory]
    [InlineData("/", 390)]
    [InlineData("/", 1920)]
    [InlineData("/constituency/E14001305", 390)]
    [InlineData("/constituency/E14001305", 1920)]
    [InlineData("/constituencies", 390)]
    public async Task Page_AtPhoneAndDesktopWidths_LoadsCleanlyWithOneHeadingAndNoSidewaysScroll(string path, int width)
    {
        var errors = new List<string>();
        var page = await site.Browser.NewPageAsync(new() { ViewportSize = new() { Width = width, Height = 900 } });
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add(message.Text);
            }
        };
        page.PageError += (_, error) => errors.Add(error);

        await page.GotoAsync(site.Url(path));
        await Expect(page.Locator("h1")).ToHaveCountAsync(1);
        await Expect(page.Locator(".mode")).ToContainTextAsync("TEST");
        foreach (var landmark in new[] { "header", "nav", "main", "footer" })
        {
            await Expect(page.Locator(landmark).First).ToBeVisibleAsync();
        }

        if (path == "/")
        {
            await Expect(page.Locator(".seats .apexcharts-canvas")).ToBeVisibleAsync(new() { Timeout = 10_000 });
            await Expect(page.Locator("a.hx")).ToHaveCountAsync(650);
        }

        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"{path} at {width}px scrolls sideways by {overflow}px");
        await page.ScreenshotAsync(new() { Path = Path.Combine(LiveSiteFixture.ArtifactsDirectory, $"{Slug(path)}-{width}.png"), FullPage = true });
        Assert.Empty(errors);
        await page.CloseAsync();
    }

    private static string Slug(string path) => path.Trim('/') is { Length: > 0 } p ? p.Replace('/', '-') : "home";
}
