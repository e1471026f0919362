using System.Text.Json;

using Deque.AxeCore.Commons;

namespace ResultsLive.Web.Tests.Browser;

/// <summary>axe-core (WCAG 2.1 A and AA) finds nothing on any public page or embed, at a phone's width and a desktop's, with results in.</summary>
/// <remarks>
/// axe runs in the page itself, as its own docs show (<c>axe.run</c>), rather than through Deque.AxeCore.Playwright: that
/// wrapper runs each frame partially and finishes the run in a second, blank page, which cost 2-11 s a page here while the
/// checks themselves took 0.1-1.6 s.
/// </remarks>
public sealed class AccessibilityTests(LiveSiteFixture site) : IClassFixture<LiveSiteFixture>
{
    private static readonly Lazy<string> Axe = new(() => new BundledAxeScriptProvider().GetScript());

    // Only violations come back with their nodes: passes would list every one of the map's 650 cells for each rule.
    private const string RunWcag21 = """
        async () => {
            const results = await axe.run(document, {
                runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
                resultTypes: ['violations'],
            });
            return JSON.stringify(results.violations.map(v => ({
                id: v.id,
                help: v.help,
                targets: v.nodes.slice(0, 3).map(n => n.target.join(' ')),
            })));
        }
        """;

    [Theory]
    [InlineData("/")]
    [InlineData("/constituency/E14001305")]
    [InlineData("/constituencies")]
    [InlineData("/embed")]
    [InlineData("/embed/scoreboard")]
    [InlineData("/embed/ticker")]
    [InlineData("/embed/map")]
    [InlineData("/embed/seat/E14001305")]
    [InlineData("/not-a-page")]
    [InlineData("/swing")]
    [InlineData("/nations")]
    [InlineData("/nation/scotland")]
    [InlineData("/region/london?map=share&party=Lab")]
    public async Task Page_AtBothWidths_HasNoWcag21Violations(string path)
    {
        await DeclareSomeAsync();
        foreach (var width in new[] { 390, 1920 })
        {
            await AssertNoViolationsAsync(path, width);
        }
    }

    /// <summary>
    /// A page above in other colours or with other data: its layout at both widths is checked above, so what can differ is
    /// contrast and names, which do not depend on the width. Checked at a phone's.
    /// </summary>
    [Theory]
    [InlineData("/constituency/E14001170")]
    [InlineData("/constituencies?q=islington")]
    [InlineData("/swing?a=Lab&b=LD")]
    [InlineData("/?map=gains")]
    [InlineData("/?map=turnout")]
    [InlineData("/?map=share&party=SNP")]
    [InlineData("/?map=swing&party=Lab&from=Con")]
    [InlineData("/embed/map?map=turnout")]
    public async Task Variant_AtAPhonesWidth_HasNoWcag21Violations(string path)
    {
        await DeclareSomeAsync();
        await AssertNoViolationsAsync(path, 390);
    }

    /// <summary>The check itself: axe run this way reports what it should (faint text, an image without a name, a page without a title), so a clean page above means a clean page.</summary>
    [Fact]
    public async Task Check_FaintTextAnUnnamedImageAndNoTitle_AreReported()
    {
        var page = await site.Browser.NewPageAsync();
        await page.SetContentAsync("""<html lang="en"><body><main><p style="color:#c8c8c8;background:#fff">Faint</p><img src="x.png"></main></body></html>""");
        await page.EvaluateAsync(Axe.Value);

        var violations = JsonSerializer.Deserialize<List<Violation>>(await page.EvaluateAsync<string>(RunWcag21), JsonSerializerOptions.Web)!;

        Assert.Equal(["color-contrast", "document-title", "image-alt"], violations.Select(v => v.Id).Order(StringComparer.Ordinal));
        await page.CloseAsync();
    }

    private async Task AssertNoViolationsAsync(string path, int width)
    {
        var page = await site.Browser.NewPageAsync(new() { ViewportSize = new() { Width = width, Height = 1000 } });
        await page.GotoAsync(site.Url(path));
        if (await page.Locator("[data-part]").CountAsync() > 0)
        {
            await LiveSiteFixture.WaitUntilLiveAsync(page);
        }

        await page.EvaluateAsync(Axe.Value);
        var violations = JsonSerializer.Deserialize<List<Violation>>(await page.EvaluateAsync<string>(RunWcag21), JsonSerializerOptions.Web)!;

        Assert.True(
            violations.Count == 0,
            $"{path} at {width}px: " + string.Join("; ", violations.Select(v => $"{v.Id} ({v.Help}) at {string.Join(", ", v.Targets)}")));
        await page.CloseAsync();
    }

    /// <summary>Some results in, once per site: a declared seat, and enough parties on the board for the charts and tables.</summary>
    private async Task DeclareSomeAsync()
    {
        foreach (var code in new[] { "E14001305", "E14001170", "S14000084", "N05000001", "W07000112" })
        {
            if ((await site.Node.GetJsonAsync($"/api/v1/constituencies/{code}")).RootElement.GetProperty("status").GetString() != "declared")
            {
                await site.PostAsync(site.Results[code]);
            }
        }
    }

    private sealed record Violation(string Id, string Help, IReadOnlyList<string> Targets);
}
