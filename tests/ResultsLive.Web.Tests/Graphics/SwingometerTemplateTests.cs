using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

using Microsoft.Playwright;

using ResultsLive.Web.Tests.Api;
using ResultsLive.Web.Tests.Browser;

using static Microsoft.Playwright.Assertions;

namespace ResultsLive.Web.Tests.Graphics;

/// <summary>
/// The <c>swingometer</c> template against a node where every third 2024 seat has declared: the needle and each seat's mark
/// are those of <c>GET /api/v1/swingometer</c>, whether the template fetches it from SPX's fields or an operator's cue
/// builds it; the page around the graphic stays transparent.
/// </summary>
[Collection(SwingometerNight.Collection)]
public sealed class SwingometerTemplateTests(SwingometerNight night)
{
    private const string Transform = "() => document.getElementById('needle').style.transform";

    [Fact]
    public async Task Swingometer_SpxFieldsNameTheParties_NeedleAndSeatMarksAreTheApis()
    {
        using var api = await night.Node.GetJsonAsync("/api/v1/swingometer?a=Lab&b=Con");
        var root = api.RootElement;
        var page = await OpenAsync();
        var fields = new JsonObject { ["f1"] = night.Node.BaseAddress.ToString(), ["f2"] = "Lab", ["f3"] = "Con", ["f4"] = "" }.ToJsonString();

        await page.EvaluateAsync("json => { update(json); play(); }", fields);

        var seats = root.GetProperty("seats").EnumerateArray().ToList();
        await Expect(page.Locator("circle.sm-seat")).ToHaveCountAsync(seats.Count);
        var angle = root.GetProperty("swingToA").GetDouble() / root.GetProperty("range").GetDouble() * 80;
        Assert.True(angle > 0, "2024 swung to Labour, the right of a Lab v Con dial");
        Assert.Equal(string.Create(CultureInfo.InvariantCulture, $"rotate({angle:0.00}deg)"), await page.EvaluateAsync<string>(Transform));
        await Expect(page.Locator("#value")).ToHaveTextAsync(root.GetProperty("swing").GetProperty("value").GetDouble().ToString("0.0", CultureInfo.InvariantCulture) + "%");

        var marks = await page.EvaluateAsync<JsonElement>("""
            () => Array.from(document.querySelectorAll('circle.sm-seat')).map(c => ({
              seat: c.getAttribute('data-seat'), css: c.getAttribute('class'), fill: c.getAttribute('fill'),
              needed: parseFloat(c.getAttribute('data-needed')), x: parseFloat(c.getAttribute('cx')) }))
            """);
        var drawn = marks.EnumerateArray().ToDictionary(m => m.GetProperty("seat").GetString()!);
        var colours = new Dictionary<string, string>
        {
            ["Lab"] = root.GetProperty("partyA").GetProperty("colour").GetString()!,
            ["Con"] = root.GetProperty("partyB").GetProperty("colour").GetString()!,
        };
        foreach (var seat in seats)
        {
            var mark = drawn[seat.GetProperty("constituency").GetString()!];
            var winner = seat.GetProperty("winner").GetString();
            var state = winner is null ? "awaiting" : seat.GetProperty("won").GetBoolean() ? "won" : "held";
            Assert.Contains(state, mark.GetProperty("css").GetString()!.Split(' '));
            Assert.Equal(seat.GetProperty("falls").GetBoolean(), mark.GetProperty("css").GetString()!.Split(' ').Contains("falls"));
            Assert.Equal(seat.GetProperty("swingNeeded").GetDouble(), mark.GetProperty("needed").GetDouble(), 9);

            // A seat Labour needs a swing to take sits right of centre (780), one Con needs left of it.
            Assert.Equal(Math.Sign(Math.Round(seat.GetProperty("swingNeeded").GetDouble())), Math.Sign(Math.Round(mark.GetProperty("x").GetDouble() - 780, 1)));
            if (winner is "Lab" or "Con")
            {
                Assert.Equal(colours[winner], mark.GetProperty("fill").GetString(), ignoreCase: true);
            }
            else if (winner is null)
            {
                Assert.Equal("#ffffff", mark.GetProperty("fill").GetString());
            }
        }

        Assert.Contains(drawn.Values, m => m.GetProperty("css").GetString()!.Contains("won falls", StringComparison.Ordinal));
        await page.CloseAsync();
    }

    [Fact]
    public async Task Swingometer_CuedByTheOperatorWithParties_IsGivenTheApisJsonAndShownLikeIt()
    {
        using var client = night.Node.Operator();
        using var cue = await client.PostAsync(
            new Uri(GraphicsSettings.Api("cue"), UriKind.Relative),
            new StringContent("""{"layer":"fullFrame","template":"swingometer","a":"SNP","b":"lab","scope":"Scotland"}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, cue.StatusCode);
        var cued = JsonNode.Parse(await cue.Content.ReadAsStringAsync())!["layers"]!["fullFrame"]!["cued"]!;
        var api = JsonNode.Parse(await night.Node.GetStringAsync("/api/v1/swingometer?a=SNP&b=Lab&scope=scotland"))!;

        Assert.Equal(api.ToJsonString(), cued["data"]!.ToJsonString());
        Assert.Equal(("SNP", "Lab", "nation-scotland"), (
            cued["data"]!["partyA"]!["code"]!.GetValue<string>(), cued["data"]!["partyB"]!["code"]!.GetValue<string>(), cued["data"]!["scope"]!.GetValue<string>()));

        var page = await OpenAsync();
        await page.EvaluateAsync("json => { update(json); play(); }", cued["data"]!.ToJsonString());

        await Expect(page.Locator("circle.sm-seat")).ToHaveCountAsync(api["seats"]!.AsArray().Count);
        await Expect(page.Locator("#title")).ToContainTextAsync("Scotland");
        var angle = api["swingToA"]!.GetValue<double>() / api["range"]!.GetValue<double>() * 80;
        Assert.Equal(string.Create(CultureInfo.InvariantCulture, $"rotate({angle:0.00}deg)"), await page.EvaluateAsync<string>(Transform));
        await page.CloseAsync();
    }

    [Fact]
    public async Task Swingometer_CueNamingTheSamePartyTwice_IsRefusedNamingTheField()
    {
        using var client = night.Node.Operator();

        using var cue = await client.PostAsync(
            new Uri(GraphicsSettings.Api("cue"), UriKind.Relative),
            new StringContent("""{"layer":"fullFrame","template":"swingometer","a":"Lab","b":"LAB"}""", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, cue.StatusCode);
        using var problem = JsonDocument.Parse(await cue.Content.ReadAsStringAsync());
        Assert.Contains("two different parties", problem.RootElement.GetProperty("errors").GetProperty("b")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Swingometer_OnAir_LeavesEverythingOutsideThePanelTransparent()
    {
        var page = await OpenAsync();
        await page.EvaluateAsync("json => { update(json); play(); }", await night.Node.GetStringAsync("/api/v1/swingometer"));
        await page.WaitForFunctionAsync("() => getComputedStyle(document.getElementById('gfx')).opacity === '1'");
        await page.EvaluateAsync("() => Promise.all(document.getAnimations().map(a => a.finished.catch(() => null)))");

        var png = await page.ScreenshotAsync(new() { OmitBackground = true });
        Directory.CreateDirectory(LiveSiteFixture.ArtifactsDirectory);
        await File.WriteAllBytesAsync(Path.Combine(LiveSiteFixture.ArtifactsDirectory, "template-swingometer-1920.png"), png);

        var pixels = await Pixels.ReadAsync(await night.BrowserAsync(), png, (40, 540), (1880, 1040), (960, 600));
        Assert.Equal(0, pixels[0][3]);
        Assert.Equal(0, pixels[1][3]);
        Assert.Equal(255, pixels[2][3]);
        await page.CloseAsync();
    }

    private async Task<IPage> OpenAsync()
    {
        var browser = await night.BrowserAsync();
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1920, Height = 1080 } });
        await page.GotoAsync(new Uri(night.Node.BaseAddress, "/graphics/templates/swingometer.html").ToString());
        return page;
    }
}
