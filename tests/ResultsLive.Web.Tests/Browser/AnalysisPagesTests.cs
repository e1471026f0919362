using System.CommandLine;
using System.Net;

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

using ResultsLive.Cli;
using ResultsLive.Web.Public.Fragments;
using ResultsLive.Web.Tests.Hosting;

using static Microsoft.Playwright.Assertions;

namespace ResultsLive.Web.Tests.Browser;

/// <summary>The 2024 night replayed once into a node on a real redis-server, for the analysis pages to be read in Chromium.</summary>
public sealed class ReplayedNightFixture : IAsyncLifetime
{
    private RedisServer? _redis;
    private IPlaywright? _playwright;

    public WebNode Node { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _redis = await RedisServer.StartAsync();
        Node = WebNode.For2024(_redis.ConnectionString);
        var exitCode = await CliApp.Create().Parse(
        [
            "replay", "--candidates", SharedData.Candidates2024, "--constituencies", SharedData.Constituencies2024,
            "--times", SharedData.DeclarationTimes2024, "--to", Node.BaseAddress.ToString(), "--api-key", WebNode.ApiKey, "--speed", "max",
        ]).InvokeAsync(new InvocationConfiguration { Output = TextWriter.Null, Error = TextWriter.Null });
        Assert.Equal(0, exitCode);

        // The replay is accepted when it ends (650 entries on a fresh journal); the pages show it once the ledger has them.
        var ledger = Node.Services.GetRequiredService<FragmentLedger>();
        Assert.True(await ledger.WaitForAsync(650, TimeSpan.FromSeconds(90), CancellationToken.None), "the node did not apply the replayed night");
        Assert.Equal(650, (await Node.GetJsonAsync("/api/v1/results")).RootElement.GetProperty("declared").GetInt32());
        _playwright = await Playwright.CreateAsync();
        Browser = await LiveSiteFixture.LaunchAsync(_playwright);
        Directory.CreateDirectory(LiveSiteFixture.ArtifactsDirectory);
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        Node?.Dispose();
        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }
    }

    public string Url(string path) => new Uri(Node.BaseAddress, path).ToString();
}

/// <summary>
/// After a 2024 replay: /swing shows the swing from Con to Lab with Labour's targets marked won or held along the dial,
/// /nation/Scotland shows SNP 9 and Lab 37, every map mode draws all 650 seats with its key, and the pages fit a phone.
/// </summary>
public sealed class AnalysisPagesTests(ReplayedNightFixture night) : IClassFixture<ReplayedNightFixture>
{
    private static readonly LocatorAssertionsToHaveTextOptions Soon = new() { Timeout = LiveSiteFixture.Patience };

    [Theory]
    [InlineData(390)]
    [InlineData(1920)]
    public async Task Swing_After2024_ShowsTheSwingFromConToLabWithTargetsWonOrHeld(int width)
    {
        var page = await OpenAsync("/swing", width);

        await Expect(page.Locator("[data-testid=swing-figure] strong")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d+\.\d% swing from Con to Lab$"), Soon);
        var falling = page.Locator("[data-testid=falling] tbody tr");
        Assert.True(await falling.CountAsync() > 90, "at a swing of over ten points, scores of Conservative seats fall to Labour");
        foreach (var outcome in await page.Locator("[data-testid=falling] tbody tr .outcome").AllTextContentsAsync())
        {
            Assert.Matches("^(Won|Held) by ", outcome);
        }

        // Every seat on the dial has declared: each dot is filled, and the seats that fell are marked so.
        Assert.Equal(0, await page.Locator("svg.swing-dial circle.awaiting").CountAsync());
        var firstFalling = await falling.First.GetAttributeAsync("data-seat");
        Assert.Contains("won", await page.Locator($"svg.swing-dial circle[data-seat='{firstFalling}']").GetAttributeAsync("class") ?? "", StringComparison.Ordinal);
        Assert.True(await page.Locator("svg.swing-dial circle.held").CountAsync() > 100);
        await Expect(page.Locator("[data-testid=swing-convention]")).ToContainTextAsync("half the gap in share");
        await AssertFitsAsync(page, width);
        await page.ScreenshotAsync(new() { Path = Shot($"swing-2024-{width}"), FullPage = true });
        await page.CloseAsync();
    }

    [Fact]
    public async Task SwingPicker_ChoosingAPair_IsAnAddressThatShowsIt()
    {
        var page = await OpenAsync("/swing", 1280);

        await page.Locator("select[name=a]").SelectOptionAsync("Lab");
        await page.Locator("select[name=b]").SelectOptionAsync("RUK");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show the swing" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(@"/swing\?a=Lab&b=RUK$"));
        await Expect(page.Locator("[data-testid=swing-figure] strong")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("swing from Lab to RUK"), Soon);
        await page.CloseAsync();
    }

    [Theory]
    [InlineData(390)]
    [InlineData(1920)]
    public async Task Scotland_After2024_ShowsSnp9AndLab37(int width)
    {
        var page = await OpenAsync("/nation/Scotland", width);

        await Expect(page.Locator("h1")).ToHaveTextAsync("Scotland");
        await Expect(page.Locator("[data-testid=area-seats] tr[data-party='SNP'] .seats-won")).ToHaveTextAsync("9", Soon);
        await Expect(page.Locator("[data-testid=area-seats] tr[data-party='Lab'] .seats-won")).ToHaveTextAsync("37", Soon);
        await Expect(page.Locator("[data-testid=area-declared]")).ToContainTextAsync("57 of 57 seats declared in Scotland");
        await Expect(page.Locator("a.hx")).ToHaveCountAsync(57);
        await Expect(page.Locator("[data-testid=area-seat-list] tbody tr")).ToHaveCountAsync(57);
        await Expect(page.Locator(".swing-slot[data-part='swing.nation-scotland.SNP.Con']")).ToHaveCountAsync(1);
        await Expect(page.GetByText("for a majority")).ToHaveCountAsync(0);
        await AssertFitsAsync(page, width);
        await page.ScreenshotAsync(new() { Path = Shot($"nation-scotland-{width}"), FullPage = true });
        await page.CloseAsync();
    }

    [Theory]
    [InlineData("/nation/atlantis")]
    [InlineData("/region/the-moon")]
    [InlineData("/nation/")]
    public async Task AreaPage_UnknownName_IsARealNotFound(string path)
    {
        using var client = night.Node.CreateClient();

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task SeatPage_RegionAndNationLinks_OpenTheirPages()
    {
        var page = await OpenAsync("/constituency/E14001305", 1280);

        await page.Locator("[data-testid=region-link]").ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("London");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/region/london$"));

        await page.GotoAsync(night.Url("/constituency/E14001305"));
        await page.Locator("[data-testid=nation-link]").ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("England");
        await page.GotoAsync(night.Url("/nations"));
        await page.Locator("a[href='region/yorkshire-and-the-humber']").ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Yorkshire and The Humber");
        await page.CloseAsync();
    }

    [Theory]
    [InlineData("winner", "", 390)]
    [InlineData("winner", "", 1920)]
    [InlineData("gains", "map=gains", 390)]
    [InlineData("gains", "map=gains", 1920)]
    [InlineData("turnout", "map=turnout", 390)]
    [InlineData("turnout", "map=turnout", 1920)]
    [InlineData("share-SNP", "map=share&party=snp", 390)]
    [InlineData("share-SNP", "map=share&party=snp", 1920)]
    [InlineData("swing-Lab-Con", "map=swing", 390)]
    [InlineData("swing-Lab-Con", "map=swing", 1920)]
    public async Task MapMode_InTheAddress_ColoursEverySeatWithItsKey(string key, string query, int width)
    {
        var page = await OpenAsync("/?" + query, width);

        var part = key == "winner" ? "map" : "map.uk." + key;
        var slot = page.Locator($".map-card [data-part='{part}']");
        await Expect(slot).ToHaveCountAsync(1);
        await Expect(slot.Locator("a.hx")).ToHaveCountAsync(650);
        await Expect(slot.Locator(".hexmap-legend li").First).ToBeVisibleAsync();
        Assert.Equal(0, await slot.Locator("a.hx.awaiting").CountAsync());
        var fills = (await slot.Locator("a.hx use:first-of-type").EvaluateAllAsync<string[]>("uses => uses.map(u => u.getAttribute('fill') + '/' + (u.getAttribute('fill-opacity') ?? ''))")).Distinct().Count();
        Assert.True(fills >= 4, $"{key}: the seats take {fills} colours");
        Assert.Equal(key == "winner" ? "winner" : key.Split('-')[0], await page.Locator("select[name=map]").InputValueAsync());
        await AssertFitsAsync(page, width);
        await slot.ScreenshotAsync(new() { Path = Shot($"map-{key}-{width}") });
        await page.CloseAsync();
    }

    [Fact]
    public async Task MapPicker_ByKeyboard_ChangesTheMode()
    {
        var page = await OpenAsync("/", 1280);

        await page.Locator("select[name=map]").FocusAsync();
        await page.Keyboard.PressAsync("ArrowDown");
        await page.Keyboard.PressAsync("ArrowDown");
        await page.Locator("select[name=map]").SelectOptionAsync("turnout");
        await page.Locator(".map-picker button").FocusAsync();
        await page.Keyboard.PressAsync("Enter");

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(@"[?&]map=turnout"));
        await Expect(page.Locator(".map-card [data-part='map.uk.turnout'] a.hx")).ToHaveCountAsync(650);
        await Expect(page.Locator(".map-card h2")).ToHaveTextAsync("Map: Turnout");
        await page.CloseAsync();
    }

    [Fact]
    public async Task EmbedMap_WithAMode_DrawsThatMode()
    {
        var page = await night.Browser.NewPageAsync(new() { ViewportSize = new() { Width = 600, Height = 900 } });

        await page.GotoAsync(night.Url("/embed/map?map=share&party=Lab"));

        await Expect(page.Locator("[data-part='map.uk.share-Lab'] a.hx")).ToHaveCountAsync(650);
        await Expect(page.Locator(".hexmap-legend")).ToContainTextAsync("50% or more");
        await page.CloseAsync();
    }

    [Fact]
    public async Task MapTools_ZoomFindAndTap_ExploreTheMapOnAPhone()
    {
        var context = await night.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 390, Height = 844 }, HasTouch = true, IsMobile = true });
        var page = await context.NewPageAsync();
        await page.GotoAsync(night.Url("/"));
        await LiveSiteFixture.WaitUntilLiveAsync(page);
        var svg = page.Locator(".map-card .hexmap-svg");
        var whole = await ViewBoxWidthAsync(svg);

        await page.GetByRole(AriaRole.Button, new() { Name = "Zoom in" }).ClickAsync();
        await Expect(svg).ToHaveAttributeAsync("data-zoomed", "1");
        Assert.Equal(whole / 2, await ViewBoxWidthAsync(svg), 1);
        await page.GetByRole(AriaRole.Button, new() { Name = "Whole map" }).ClickAsync();
        Assert.Equal(whole, await ViewBoxWidthAsync(svg), 1);

        await page.GetByLabel("Find a seat on the map").FillAsync("islington north");
        await page.Locator(".map-find button").ClickAsync();
        await Expect(page.Locator(".map-card-result [data-card-text]")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^Islington North: Ind gain from Lab"));
        await Expect(page.Locator(".map-card-result a")).ToHaveAttributeAsync("href", "constituency/E14001305");
        Assert.Equal("E14001305", await page.EvaluateAsync<string>("() => document.activeElement.dataset.seat"));
        Assert.True(await ViewBoxWidthAsync(svg) < whole / 2);

        // A tap on a seat shows its card and stays on the page.
        await page.GetByRole(AriaRole.Button, new() { Name = "Whole map" }).ClickAsync();
        var url = page.Url;
        var hex = page.Locator(".map-card a.hx[data-seat='S14000021']");
        await hex.TapAsync();
        await Expect(page.Locator(".map-card-result [data-card-text]")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^East Renfrewshire: Lab gain from SNP"));
        Assert.Equal(url, page.Url);
        await page.ScreenshotAsync(new() { Path = Shot("map-tools-390") });
        await context.CloseAsync();
    }

    private static async Task<double> ViewBoxWidthAsync(ILocator svg) =>
        double.Parse((await svg.GetAttributeAsync("viewBox"))!.Split(' ')[2], System.Globalization.CultureInfo.InvariantCulture);

    private async Task<IPage> OpenAsync(string path, int width)
    {
        var page = await night.Browser.NewPageAsync(new() { ViewportSize = new() { Width = width, Height = 1000 } });
        var response = await page.GotoAsync(night.Url(path));
        Assert.Equal(200, response!.Status);
        await LiveSiteFixture.WaitUntilLiveAsync(page);
        return page;
    }

    private static async Task AssertFitsAsync(IPage page, int width)
    {
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"{page.Url} at {width}px scrolls sideways by {overflow}px");
    }

    private static string Shot(string name) => Path.Combine(LiveSiteFixture.ArtifactsDirectory, name + ".png");
}
