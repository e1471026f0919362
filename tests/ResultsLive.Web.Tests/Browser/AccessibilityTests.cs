using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;

namespace ResultsLive.Web.Tests.Browser;

/// <summary>axe-core (WCAG 2.1 A and AA) finds nothing on any public page or embed, at a phone's width and a desktop's, with results in.</summary>
public sealed class AccessibilityTests(LiveSiteFixture site) : IClassFixture<LiveSiteFixture>
{
    private static readonly AxeRunOptions Wcag21 = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    };

    [Theory]
    [InlineData("/")]
    [InlineData("/constituency/E14001305")]
    [InlineData("/constituency/E14001170")]
    [InlineData("/constituencies")]
    [InlineData("/constituencies?q=islington")]
    [InlineData("/embed")]
    [InlineData("/embed/scoreboard")]
    [InlineData("/embed/ticker")]
    [InlineData("/embed/map")]
    [InlineData("/embed/seat/E14001305")]
    [InlineData("/not-a-page")]
    [InlineData("/swing")]
    [InlineData("/swing?a=Lab&b=LD")]
    [InlineData("/nations")]
    [InlineData("/nation/scotland")]
    [InlineData("/region/london?map=share&party=Lab")]
    [InlineData("/?map=gains")]
    [InlineData("/?map=turnout")]
    [InlineData("/?map=share&party=SNP")]
    [InlineData("/?map=swing&party=Lab&from=Con")]
    [InlineData("/embed/map?map=turnout")]
    public async Task Page_AtBothWidths_HasNoWcag21Violations(string path)
    {
        await DeclareSomeAsync();
        foreach (var width in new[] { 390, 1920 })
        {
            var page = await site.Browser.NewPageAsync(new() { ViewportSize = new() { Width = width, Height = 1000 } });
            await page.GotoAsync(site.Url(path));
            if (await page.Locator("[data-part]").CountAsync() > 0)
            {
                await LiveSiteFixture.WaitUntilLiveAsync(page);
            }

            var results = await page.RunAxe(Wcag21);

            Assert.True(
                results.Violations.Length == 0,
                $"{path} at {width}px: " + string.Join("; ", results.Violations.Select(v => $"{v.Id} ({v.Help}) at {string.Join(", ", v.Nodes.Take(3).Select(n => n.Target?.ToString()))}")));
            await page.CloseAsync();
        }
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
}
