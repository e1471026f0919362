using System.Globalization;
using System.Text.RegularExpressions;

using Microsoft.Playwright;

using ResultsLive.Core.Model;
using ResultsLive.Web.Tests.Hosting;

using static Microsoft.Playwright.Assertions;

namespace ResultsLive.Web.Tests.Browser;

/// <summary>
/// The public pages in headless Chromium against a real node and a real redis-server: a declaration posted through the API
/// reaches the scoreboard, the map and the seat page without a reload; a correction replaces it; unknown seats are 404s.
/// </summary>
public sealed class LivePagesTests(LiveSiteFixture site) : IClassFixture<LiveSiteFixture>
{
    private const string IslingtonNorth = "E14001305";
    private static readonly LocatorAssertionsToHaveTextOptions Soon = new() { Timeout = LiveSiteFixture.Patience };

    [Fact]
    public async Task News_ArrivingWhileASwapIsUnderWay_IsTakenInOneUpdateAtTheNewestVersion()
    {
        var seats = site.Results.Values.Where(d => d.Constituency.StartsWith('E')).Skip(300).Take(4).ToList();
        var page = await site.OpenAsync("/");
        await LiveSiteFixture.WaitUntilLiveAsync(page);
        var status = page.Locator("[data-live-status]");

        // The first declaration's ticker is held on its way to the page, as a slow network or a busy phone would hold it.
        var latestFetches = 0;
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await page.RouteAsync(new Regex(@"/fragments/[^/]+/latest/\d+$"), async route =>
        {
            if (Interlocked.Increment(ref latestFetches) == 1)
            {
                await release.Task;
            }

            await route.ContinueAsync();
        });
        var first = await site.PostAsync(seats[0]);
        await Poll.UntilAsync(() => Volatile.Read(ref latestFetches) == 1, "the page asks for the first declaration's ticker");

        // Three more declarations come while that swap waits; the page hears each of them.
        long last = 0;
        foreach (var declaration in seats.Skip(1))
        {
            last = await site.PostAsync(declaration);
        }

        await Expect(status).ToHaveAttributeAsync("data-heard", last.ToString(CultureInfo.InvariantCulture));
        release.SetResult();

        // The ticker goes from the first straight to the newest: one more fetch, not one per declaration.
        await Expect(page.Locator("[data-part=latest]")).ToHaveAttributeAsync("data-version", last.ToString(CultureInfo.InvariantCulture));
        await Expect(page.Locator($"li.latest-item[data-seat='{seats[^1].Constituency}']")).ToHaveCountAsync(1);
        Assert.True(last > first + 2);
        Assert.Equal(2, Volatile.Read(ref latestFetches));
        await page.CloseAsync();
    }

    [Fact]
    public async Task Declaration_PostedThroughTheApi_AppearsOnHomeMapAndSeatPageWithoutReloadOrCircuit()
    {
        var sockets = new List<string>();
        var home = await site.Browser.NewPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 1000 } });
        home.WebSocket += (_, socket) => sockets.Add(socket.Url);
        home.Request += (_, request) =>
        {
            if (request.Url.Contains("/_blazor", StringComparison.Ordinal))
            {
                sockets.Add(request.Url);
            }
        };
        await home.GotoAsync(site.Url("/"));
        await LiveSiteFixture.WaitUntilLiveAsync(home);
        await home.EvaluateAsync("() => window.__notReloaded = true");
        var seatPage = await site.OpenAsync($"/constituency/{IslingtonNorth}");
        await Expect(seatPage.Locator("[data-testid=status]")).ToHaveTextAsync("Awaiting", Soon);

        await site.PostAsync(site.Results[IslingtonNorth]);

        var latest = home.Locator($"li.latest-item[data-seat='{IslingtonNorth}']");
        await Expect(latest.Locator(".result-pill")).ToHaveTextAsync("Ind gain from Lab", Soon);
        await Expect(latest.Locator(".latest-text")).ToContainTextAsync("Jeremy Corbyn (Ind) 24,120. Majority 7,247.", new() { Timeout = LiveSiteFixture.Patience });
        await Expect(home.Locator($"a.hx[data-seat='{IslingtonNorth}'] use").First).ToHaveAttributeAsync("fill", PartyCatalog.Get("Ind").Colour, new() { Timeout = LiveSiteFixture.Patience });
        await Expect(home.Locator($"a.hx[data-seat='{IslingtonNorth}'] title")).ToHaveTextAsync(new Regex("Islington North: Ind gain from Lab"), Soon);

        await Expect(seatPage.Locator("[data-testid=result] .result-text")).ToHaveTextAsync("Ind gain from Lab", Soon);
        await Expect(seatPage.Locator("[data-testid=majority]")).ToHaveTextAsync(new Regex("^7,247"), Soon);
        await Expect(seatPage.Locator("[data-testid=candidates] tbody tr")).ToHaveCountAsync(7, new() { Timeout = LiveSiteFixture.Patience });
        await Expect(seatPage.Locator(".apexcharts-canvas")).ToBeVisibleAsync(new() { Timeout = LiveSiteFixture.Patience });

        Assert.True(await home.EvaluateAsync<bool>("() => window.__notReloaded === true"));
        Assert.True(await seatPage.EvaluateAsync<bool>("() => window.__notReloaded === true"));
        Assert.Empty(sockets);

        // Read politely to screen readers, once: the news region holds the new result's line.
        await Expect(home.Locator("[data-live-news]")).ToContainTextAsync("Islington North: Ind gain from Lab", new() { Timeout = LiveSiteFixture.Patience });
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
        await Expect(item).ToHaveAttributeAsync("data-revision", "2", new() { Timeout = LiveSiteFixture.Patience });
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
        await Expect(home.Locator(".seats .apexcharts-canvas")).ToBeVisibleAsync(new() { Timeout = LiveSiteFixture.Patience });
        await home.EvaluateAsync("() => { document.querySelector('.seats .apex-chart').__original = true; }");

        // Two Scottish seats: the second may add a party to the chart (new options) or only move a bar (new series).
        foreach (var declaration in site.Results.Values.Where(d => d.Constituency.StartsWith('S')).Take(2))
        {
            var declared = int.Parse(await home.Locator("[data-testid=declared]").TextContentAsync() ?? "", System.Globalization.CultureInfo.InvariantCulture);
            await site.PostAsync(declaration);

            // The count comes first; the chart's attributes follow (the heavy parts' lane), and the drawn bars must catch up
            // with them.
            await Expect(home.Locator("[data-testid=declared]")).ToHaveTextAsync((declared + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), Soon);
            await home.WaitForFunctionAsync(
                """
                total => {
                    const chart = document.querySelector('.seats .apex-chart');
                    const series = JSON.parse(chart.dataset.series)[0].data;
                    const figures = series.map(String);
                    const labels = [...chart.querySelectorAll('.apexcharts-datalabels text')].map(t => t.textContent.trim());
                    return series.reduce((a, b) => a + b, 0) === total && labels.length === figures.length && labels.every((label, i) => label === figures[i]);
                }
                """,
                declared + 1,
                new() { Timeout = LiveSiteFixture.Patience });
        }

        Assert.True(await home.EvaluateAsync<bool>("() => document.querySelector('.seats .apex-chart').__original === true && document.querySelectorAll('.seats .apexcharts-canvas').length === 1"));
        await home.CloseAsync();
    }

    [Fact]
    public async Task SeatsChart_RedrawnWithOneBarMoved_MeasuresOnlyThatBarsLabel()
    {
        // ApexCharts measures each data label's text (a forced layout of the page each) on every redraw. The chart module
        // keeps those measurements for the life of the chart, so a redraw in which one bar moves measures one label.
        var home = await site.OpenAsync("/");
        await Expect(home.Locator(".seats .apexcharts-canvas")).ToBeVisibleAsync(new() { Timeout = LiveSiteFixture.Patience });
        var moved = await home.EvaluateAsync<string>(
            """
            async () => {
                const chart = document.querySelector('.seats .apex-chart');
                const series = JSON.parse(chart.dataset.series);
                const getBBox = SVGGraphicsElement.prototype.getBBox;
                SVGGraphicsElement.prototype.getBBox = function () {
                    if (this.closest('.seats')) window.__measured.push(this.textContent);
                    return getBBox.call(this);
                };
                const redraw = async first => {
                    const data = series[0].data.map((v, i) => i === 0 ? first : v);
                    chart.dataset.series = JSON.stringify([{ ...series[0], data }]);
                    while (chart.querySelector('.apexcharts-datalabels text')?.textContent.trim() !== String(first)) {
                        await new Promise(frame => requestAnimationFrame(frame));
                    }
                };
                await redraw(series[0].data[0] + 1000);
                window.__measured = [];
                await redraw(series[0].data[0] + 2000);
                return String(series[0].data[0] + 2000);
            }
            """);

        // Every bar's label is drawn again; only the moved one is measured (ApexCharts takes two measures of a new text).
        var measured = await home.EvaluateAsync<string[]>("() => window.__measured");
        Assert.True(await home.Locator(".seats .apexcharts-datalabels text").CountAsync() > 1);
        Assert.NotEmpty(measured);
        Assert.All(measured, text => Assert.Equal(moved, text));
        await home.CloseAsync();
    }

    [Fact]
    public async Task Declarations_RecolourTheDrawnMapInPlace_AndOnlyTheNewestResultIsMarked()
    {
        var seats = site.Results.Values.Where(d => d.Constituency.StartsWith('E')).Skip(250).Take(2).ToList();
        var home = await site.OpenAsync("/");
        await LiveSiteFixture.WaitUntilLiveAsync(home);
        await home.EvaluateAsync("() => { document.querySelector('[data-part=map] .hexmap-svg').__original = true; }");
        var hexCount = await home.Locator("[data-part=map] a.hx").CountAsync();
        var awaiting = await home.Locator($"a.hx[data-seat='{seats[0].Constituency}'] use").First.GetAttributeAsync("fill");

        foreach (var declaration in seats)
        {
            await site.PostAsync(declaration);
            var winner = declaration.Candidates.MaxBy(c => c.Votes)!.Party;
            await Expect(home.Locator($"[data-part=map] a.hx[data-seat='{declaration.Constituency}']")).ToHaveAttributeAsync("data-party", winner, new() { Timeout = LiveSiteFixture.Patience });
            await Expect(home.Locator($"li.latest-item[data-seat='{declaration.Constituency}']")).ToHaveCountAsync(1);
        }

        // The same map element, its seats recoloured and retitled: not a second map, not 650 new hexagons.
        Assert.True(await home.EvaluateAsync<bool>("() => document.querySelector('[data-part=map] .hexmap-svg').__original === true"));
        Assert.Equal(hexCount, await home.Locator("[data-part=map] a.hx").CountAsync());
        var hex = home.Locator($"a.hx[data-seat='{seats[0].Constituency}']");
        Assert.NotEqual(awaiting, await hex.Locator("use").First.GetAttributeAsync("fill"));
        var winnerName = seats[0].Candidates.MaxBy(c => c.Votes)!.Name;
        await Expect(hex.Locator("title")).ToHaveTextAsync(new Regex($", {Regex.Escape(winnerName)}$"), Soon);

        // The newest result is marked; the one that was newest before moves down the list without its mark.
        const string mark = "code => getComputedStyle(document.querySelector(`li.latest-item[data-seat=\"${code}\"]`), '::before').backgroundColor";
        Assert.Equal("rgb(255, 246, 217)", await home.EvaluateAsync<string>(mark, seats[1].Constituency));
        Assert.Equal("rgba(0, 0, 0, 0)", await home.EvaluateAsync<string>(mark, seats[0].Constituency));
        await home.CloseAsync();
    }

    [Fact]
    public async Task MapOutOfSight_TakesTheNewsWhenTheReaderScrollsToIt()
    {
        // In a short window the map is below the first screen. The ticker takes each result at once; the map, out of sight,
        // takes its first news at once and then waits (on the night at most 5 s; here as long as the test looks) until the
        // reader scrolls to it.
        var seats = site.Results.Values.Where(d => d.Constituency.StartsWith('W')).Skip(10).Take(2).ToList();
        var home = await site.OpenAsync("/");
        await home.SetViewportSizeAsync(1280, 300);
        await home.EvaluateAsync("() => { document.querySelector('[data-live-status]').dataset.outOfSightEvery = '600000'; }");

        // Out of sight means beyond the observer's reach, half a window past the bottom, with room to spare. The map sits
        // below the scoreboard and the ticker, which grow as results come in: a map at the edge of that reach is in sight
        // for one result and out of it for the next.
        Assert.True(
            await home.EvaluateAsync<bool>("() => document.querySelector('[data-part=map]').getBoundingClientRect().top > innerHeight * 1.5 + 100"),
            "the map is within reach of the first screen");
        string Hex(Declaration d) => $"[data-part=map] a.hx[data-seat='{d.Constituency}']";
        string Winner(Declaration d) => d.Candidates.MaxBy(c => c.Votes)!.Party;

        await site.PostAsync(seats[0]);
        await Expect(home.Locator(Hex(seats[0]))).ToHaveAttributeAsync("data-party", Winner(seats[0]), new() { Timeout = LiveSiteFixture.Patience });

        await site.PostAsync(seats[1]);
        await home.WaitForFunctionAsync(
            """
            ([seat, hex, winner]) =>
                document.querySelector(`li.latest-item[data-seat="${seat}"]`) !== null
                && (document.querySelector('[data-live-status]').dataset.outOfSight ?? '').split(' ').includes('map')
                && document.querySelector(hex).dataset.party !== winner
            """,
            new[] { seats[1].Constituency, Hex(seats[1]), Winner(seats[1]) },
            new() { Timeout = LiveSiteFixture.Patience });

        await home.Locator("[data-part=map]").ScrollIntoViewIfNeededAsync();

        await Expect(home.Locator(Hex(seats[1]))).ToHaveAttributeAsync("data-party", Winner(seats[1]), new() { Timeout = LiveSiteFixture.Patience });
        await home.CloseAsync();
    }

    [Fact]
    public async Task Declaration_OnTheHomePage_StartsNoAnimation()
    {
        // Every animation a result sets off runs frames in the browser for its whole length: a fading highlight and a
        // growing bar cost the page a tenth of its CPU per declaration on a busy machine (measure-pages.sh --stream), and
        // the next declaration waits behind that work. A result arriving changes the page at once and moves nothing of
        // ours (ApexCharts' own stylesheet fades its hover and tooltip elements; the charts are drawn without animation).
        var home = await site.OpenAsync("/");
        await Expect(home.Locator(".seats .apexcharts-canvas")).ToBeVisibleAsync(new() { Timeout = LiveSiteFixture.Patience });
        await LiveSiteFixture.WaitUntilLiveAsync(home);
        await home.EvaluateAsync(
            """
            () => {
                window.__animated = new Set();
                const note = () => document.getAnimations().filter(a => !a.effect?.target?.closest?.('.apexcharts-canvas')).forEach(a => window.__animated.add(a.animationName ?? a.transitionProperty ?? 'script'));
                new MutationObserver(() => requestAnimationFrame(note)).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
            }
            """);
        var declaration = site.Results.Values.First(d => d.Constituency.StartsWith('N'));
        var winner = declaration.Candidates.MaxBy(c => c.Votes)!.Party;

        await site.PostAsync(declaration);

        // Everything the declaration changes on the page, light parts and heavy, then two frames for the observer to look.
        await Expect(home.Locator($"li.latest-item[data-seat='{declaration.Constituency}']")).ToHaveCountAsync(1, new() { Timeout = LiveSiteFixture.Patience });
        await Expect(home.Locator($"[data-part=map] a.hx[data-seat='{declaration.Constituency}']")).ToHaveAttributeAsync("data-party", winner, new() { Timeout = LiveSiteFixture.Patience });
        await home.EvaluateAsync("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))");
        Assert.Empty(await home.EvaluateAsync<string[]>("() => [...window.__animated]"));

        // The observer does see an animation when one runs.
        await home.EvaluateAsync("() => { const moving = document.createElement('p'); document.body.append(moving); moving.animate([{ opacity: 0 }, { opacity: 1 }], 1000); }");
        await home.WaitForFunctionAsync("() => window.__animated.size > 0", null, new() { Timeout = LiveSiteFixture.Patience });
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
    public async Task Search_TypingPartOfAName_ShowsOnlyMatchingSeatsAndKeepsTheQueryInTheAddress()
    {
        var page = await site.OpenAsync("/constituencies");

        await page.Locator("#seat-search").PressSequentiallyAsync("islington");

        await Expect(page.Locator("#seat-list tbody tr:visible")).ToHaveCountAsync(2, new() { Timeout = LiveSiteFixture.Patience });
        await Expect(page.Locator($"#seat-list tr[data-seat='{IslingtonNorth}'] a")).ToHaveTextAsync("Islington North", Soon);
        await Expect(page.Locator("#seat-count")).ToHaveTextAsync("2 of 650 seats match “islington”", Soon);
        Assert.EndsWith("/constituencies?q=islington", page.Url, StringComparison.Ordinal);

        // Off to a seat and Back: the query, and the list it filtered, are still there.
        await page.Locator($"#seat-list tr[data-seat='{IslingtonNorth}'] a").ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Islington North", Soon);
        await page.GoBackAsync();
        await Expect(page.Locator("#seat-search")).ToHaveValueAsync("islington", new() { Timeout = LiveSiteFixture.Patience });
        await Expect(page.Locator("#seat-list tbody tr:visible")).ToHaveCountAsync(2, new() { Timeout = LiveSiteFixture.Patience });
        await page.CloseAsync();
    }

    [Theory]
    [InlineData("ynys mon", "Ynys Môn")]
    [InlineData("weston super", "Weston-super-Mare")]
    [InlineData("Inverness Skye", "Inverness, Skye and West Ross-shire")]
    [InlineData("E14001305", "Islington North")]
    public async Task Search_InTheAddress_FindsTheSeatWithAndWithoutTheScript(string query, string seat)
    {
        foreach (var script in new[] { true, false })
        {
            var context = await site.Browser.NewContextAsync(new() { JavaScriptEnabled = script });
            var page = await context.NewPageAsync();

            await page.GotoAsync(site.Url("/constituencies?q=" + Uri.EscapeDataString(query)));

            await Expect(page.Locator("#seat-list tbody tr:visible a").Filter(new() { HasText = seat })).ToHaveCountAsync(1, new() { Timeout = LiveSiteFixture.Patience });
            Assert.InRange(await page.Locator("#seat-list tbody tr:visible").CountAsync(), 1, 3);
            await context.CloseAsync();
        }
    }

    [Fact]
    public async Task Pause_WhileADeclarationArrives_HoldsThePageUntilResumed()
    {
        var home = await site.OpenAsync("/");
        var declaration = site.Results.Values.Where(d => d.Constituency.StartsWith('E')).Skip(100).First();
        await home.GetByRole(AriaRole.Button, new() { Name = "Pause live updates" }).ClickAsync();
        await Expect(home.Locator("[data-live-status]")).ToHaveAttributeAsync("data-state", "paused");

        var sequence = await site.PostAsync(declaration);

        // The news did arrive (the page notes what it holds back); the figures on screen stayed still.
        await home.WaitForFunctionAsync($"() => Number(document.querySelector('[data-live-status]').dataset.held) >= {sequence}", null, new() { Timeout = LiveSiteFixture.Patience });
        Assert.Equal(0, await home.Locator($"li.latest-item[data-seat='{declaration.Constituency}']").CountAsync());

        await home.GetByRole(AriaRole.Button, new() { Name = "Resume live updates" }).ClickAsync();

        await Expect(home.Locator($"li.latest-item[data-seat='{declaration.Constituency}']")).ToHaveCountAsync(1, new() { Timeout = LiveSiteFixture.Patience });
        await Expect(home.Locator("[data-live-status]")).ToHaveAttributeAsync("data-state", "live");
        await home.CloseAsync();
    }

    [Fact]
    public async Task HexMap_IsOneTabStopWhoseArrowKeysMoveBetweenSeatsAndSayTheirResult()
    {
        var home = await site.OpenAsync("/");

        Assert.Equal(1, await home.Locator("a.hx[tabindex='0']").CountAsync());
        await home.Locator("a.hx[tabindex='0']").FocusAsync();
        var first = await home.EvaluateAsync<string>("() => document.activeElement.dataset.seat");
        await home.Keyboard.PressAsync("ArrowRight");

        var moved = await home.EvaluateAsync<string>("() => document.activeElement.dataset.seat");
        Assert.NotEqual(first, moved);
        Assert.Equal(1, await home.Locator("a.hx[tabindex='0']").CountAsync());
        var title = await home.Locator($"a.hx[data-seat='{moved}'] title").TextContentAsync();
        await Expect(home.Locator("[data-testid=map-readout]")).ToHaveTextAsync(title!, Soon);
        await home.CloseAsync();
    }

    [Theory]
    [InlineData("/", 390)]
    [InlineData("/", 1920)]
    [InlineData("/constituency/E14001305", 390)]
    [InlineData("/constituency/E14001305", 1920)]
    [InlineData("/constituencies", 390)]
    [InlineData("/constituencies", 1920)]
    [InlineData("/embed", 390)]
    [InlineData("/embed", 1920)]
    [InlineData("/embed/scoreboard", 390)]
    [InlineData("/embed/ticker", 390)]
    [InlineData("/embed/map", 1920)]
    [InlineData("/embed/seat/E14001305", 390)]
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
        var landmarks = path.StartsWith("/embed/", StringComparison.Ordinal) ? new[] { "header", "main" } : ["header", "nav", "main", "footer"];
        if (landmarks.Length == 4)
        {
            await Expect(page.Locator(".mode")).ToContainTextAsync("TEST");
        }

        foreach (var landmark in landmarks)
        {
            await Expect(page.Locator(landmark).First).ToBeVisibleAsync();
        }

        if (path == "/")
        {
            await Expect(page.Locator(".seats .apexcharts-canvas")).ToBeVisibleAsync(new() { Timeout = LiveSiteFixture.Patience });
            await Expect(page.Locator("a.hx")).ToHaveCountAsync(650);
        }

        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"{path} at {width}px scrolls sideways by {overflow}px");
        // The whole list of 650 seats is a very tall page: its first screens are what a reader sees.
        await page.ScreenshotAsync(new() { Path = Path.Combine(LiveSiteFixture.ArtifactsDirectory, $"{Slug(path)}-{width}.png"), FullPage = !path.StartsWith("/constituencies", StringComparison.Ordinal) });
        Assert.Empty(errors);
        await page.CloseAsync();
    }

    private static string Slug(string path) => path.Trim('/') is { Length: > 0 } p ? p.Replace('/', '-') : "home";
}
