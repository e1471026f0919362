using System.Text.Json.Nodes;

using Microsoft.Playwright;

using ResultsLive.Web.Graphics;

using static Microsoft.Playwright.Assertions;

namespace ResultsLive.Web.Tests.Graphics;

/// <summary>
/// Each template by itself, driven exactly as CasparCG drives it (<c>update(json)</c>, <c>play()</c>, <c>next()</c>,
/// <c>stop()</c>): invisible until played, any name drawn as text, SPX's fields fetched from a node, long names fitted.
/// </summary>
public sealed class TemplateTests(TemplateFixture site) : IClassFixture<TemplateFixture>
{
    // What the data may hold on the night: Welsh and Irish names, apostrophes, quotes, ampersands, and markup that must stay text.
    private const string HostileSeat = "Ynys Môn & <b>Sinn Féin</b>";
    private const string HostileName = "O'Brien \"Bobby\" Smith <img src=x onerror=\"window.__pwned=1\">";

    private static readonly string Opacity = "() => getComputedStyle(document.getElementById('gfx')).opacity";

    public static TheoryData<string> Templates() => [.. GraphicsTemplates.All.Select(t => t.Id)];

    [Fact]
    public async Task SeatResult_DrivenAsCasparCgDoes_ShowsOnlyFromPlayUntilStop()
    {
        var page = await site.OpenTemplateAsync("seat-result");
        var seat = await site.Node.GetStringAsync("/api/v1/constituencies/E14001305");

        await page.EvaluateAsync("json => update(json)", seat);
        await page.WaitForTimeoutAsync(50);
        var before = await page.EvaluateAsync<string>(Opacity);
        await page.EvaluateAsync("() => play()");

        Assert.Equal("0", before);
        await page.WaitForFunctionAsync($"() => ({Opacity})() === '1'");
        await Expect(page.Locator("#result")).ToHaveTextAsync("Ind GAIN from Lab");
        await Expect(page.Locator("#winner")).ToHaveTextAsync("Jeremy Corbyn");
        await Expect(page.Locator("#majority")).ToHaveTextAsync("Majority 7,247");
        await Expect(page.Locator("#rl-mode-mark")).ToHaveTextAsync("TEST");

        await page.EvaluateAsync("() => stop()");
        await page.WaitForFunctionAsync($"() => ({Opacity})() === '0'");
        await page.CloseAsync();
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public async Task Template_HostileNames_AreDrawnAsTextNeverAsMarkup(string template)
    {
        var page = await site.OpenTemplateAsync(template);

        await page.EvaluateAsync("json => { update(json); play(); }", await HostileDataAsync(template));

        await page.WaitForFunctionAsync($"() => ({Opacity})() === '1'");
        var text = await page.Locator("#gfx").TextContentAsync();
        if (template != "bug")
        {
            // The bug draws figures only; every other template draws a name from the data.
            Assert.Contains(template is "seat-result" or "seat-full" or "gains" or "ticker" ? HostileName : HostileSeat, text!, StringComparison.Ordinal);
        }

        Assert.Equal(0, await page.Locator("#gfx b, #gfx img").CountAsync());
        Assert.False(await page.EvaluateAsync<bool>("() => window.__pwned === 1"));
        await page.CloseAsync();
    }

    [Fact]
    public async Task SpxFieldForm_TheTemplateFetchesTheSeatFromTheNodeItself()
    {
        var page = await site.OpenTemplateAsync("seat-result");
        var fields = new JsonObject { ["f0"] = "E14001305", ["f1"] = site.Node.BaseAddress.ToString() }.ToJsonString();

        await page.EvaluateAsync("json => { update(json); play(); }", fields);

        await Expect(page.Locator("#seat")).ToHaveTextAsync("Islington North");
        await Expect(page.Locator("#result")).ToHaveTextAsync("Ind GAIN from Lab");
        await page.CloseAsync();
    }

    [Fact]
    public async Task GainsBoard_Next_ShowsTheNextPage()
    {
        var page = await site.OpenTemplateAsync("gains");
        var rows = new JsonArray([.. Enumerable.Range(1, 12).Select(i => (JsonNode)Row($"Seat number {i}", "Somebody", "Lab gain from Con"))]);

        // Wrapped as CasparCG is sent rows (it passes a template only data that starts with { or <).
        await page.EvaluateAsync("json => { update(json); play(); }", new JsonObject { ["rows"] = rows }.ToJsonString());
        await Expect(page.Locator("#page")).ToHaveTextAsync("1 / 2");
        await page.EvaluateAsync("() => next()");

        await Expect(page.Locator("#page")).ToHaveTextAsync("2 / 2");
        await Expect(page.Locator(".g-seat")).ToHaveTextAsync(["Seat number 9", "Seat number 10", "Seat number 11", "Seat number 12"]);
        await page.CloseAsync();
    }

    [Fact]
    public async Task SeatTemplates_LongestNamesOf2024_FitTheirBoxes()
    {
        var longestSeat = Election2024.Election.Constituencies.MaxBy(c => c.Name.Length)!;
        var longestName = Election2024.Results.SelectMany(r => r.Candidates).MaxBy(c => c.Name.Length)!;
        var data = JsonNode.Parse(await site.Node.GetStringAsync("/api/v1/constituencies/E14001305"))!;
        data["name"] = longestSeat.Name;
        data["winner"]!["name"] = longestName.Name;
        data["candidates"]![0]!["name"] = longestName.Name;

        foreach (var template in new[] { "seat-result", "seat-full" })
        {
            var page = await site.OpenTemplateAsync(template);
            await page.EvaluateAsync("json => { update(json); play(); }", data.ToJsonString());
            await page.EvaluateAsync("() => document.fonts.ready");
            await page.EvaluateAsync("() => RL.fitAll()");

            var overflowing = await page.EvaluateAsync<string[]>("""
                () => Array.from(document.querySelectorAll('.fit')).filter(box => {
                  const span = box.firstElementChild;
                  return span && span.getBoundingClientRect().width > box.getBoundingClientRect().width + 0.5;
                }).map(box => box.textContent)
                """);

            Assert.Empty(overflowing);
            await Expect(page.Locator("#gfx")).ToContainTextAsync(longestName.Name);
            await page.CloseAsync();
        }
    }

    private async Task<string> HostileDataAsync(string template)
    {
        var data = GraphicsTemplates.Find(template)!.Data;
        if (data == TemplateData.Seat)
        {
            var seat = JsonNode.Parse(await site.Node.GetStringAsync("/api/v1/constituencies/E14001305"))!;
            seat["name"] = HostileSeat;
            seat["winner"]!["name"] = HostileName;
            seat["candidates"]![0]!["name"] = HostileName;
            return seat.ToJsonString();
        }

        if (data == TemplateData.National)
        {
            var national = JsonNode.Parse(await site.Node.GetStringAsync("/api/v1/results"))!;
            national["parties"]![0]!["name"] = HostileSeat;
            national["parties"]![0]!["seats"] = 300;
            national["baseline"]!["name"] = HostileSeat;
            return national.ToJsonString();
        }

        if (data == TemplateData.Swingometer)
        {
            var swingometer = JsonNode.Parse(await site.Node.GetStringAsync("/api/v1/swingometer"))!;
            swingometer["buckedTheTrend"] = new JsonArray(new JsonObject
            {
                ["constituency"] = "E14000000", ["name"] = HostileSeat, ["baselineWinner"] = "Lab", ["winner"] = "Lab", ["swing"] = -1.5,
            });
            return swingometer.ToJsonString();
        }

        return new JsonArray(Row(HostileSeat, HostileName, "Lab gain from Con")).ToJsonString();
    }

    private static JsonObject Row(string seat, string winner, string result) => new()
    {
        ["code"] = "E14000000",
        ["name"] = seat,
        ["region"] = "Wales",
        ["nation"] = "Wales",
        ["status"] = "declared",
        ["winner"] = new JsonObject { ["party"] = "Lab", ["name"] = winner },
        ["result"] = result,
    };
}
