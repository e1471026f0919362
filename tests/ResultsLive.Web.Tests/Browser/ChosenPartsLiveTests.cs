using System.Text.RegularExpressions;

using ResultsLive.Web.Public.Controls;

using static Microsoft.Playwright.Assertions;

namespace ResultsLive.Web.Tests.Browser;

/// <summary>
/// Parts drawn for a reader's choice (the swing's pair, the map's mode, a nation's figures) are live like the national
/// ones: a declaration posted through the API reaches them through the push channel, without a reload.
/// </summary>
public sealed class ChosenPartsLiveTests(LiveSiteFixture site) : IClassFixture<LiveSiteFixture>
{
    private const string Seat = "S14000021";

    [Fact]
    public async Task Declaration_ReachesTheSwingTheNationAndTheMapModeWithoutReload()
    {
        var nation = await site.OpenAsync("/nation/scotland?map=turnout");
        var swing = await site.OpenAsync("/swing");
        await Expect(nation.Locator("[data-testid=area-declared]")).ToContainTextAsync("0 of 57 seats declared");
        await Expect(nation.Locator($"a.hx[data-seat='{Seat}'] use")).ToHaveAttributeAsync("fill", HexColours.Awaiting);
        await Expect(swing.Locator("[data-testid=swing-figure] strong")).ToHaveTextAsync("No swing yet");

        await site.PostAsync(site.Results[Seat]);

        await Expect(nation.Locator("[data-testid=area-declared]")).ToContainTextAsync("1 of 57 seats declared", new() { Timeout = LiveSiteFixture.Patience });
        await Expect(nation.Locator($"a.hx[data-seat='{Seat}'] title")).ToHaveTextAsync(new Regex("turnout"), new() { Timeout = LiveSiteFixture.Patience });
        Assert.Contains(await nation.Locator($"a.hx[data-seat='{Seat}'] use").GetAttributeAsync("fill"), MapMode.TurnoutColours);
        await Expect(nation.Locator($"[data-testid=area-seat-list] tr[data-seat='{Seat}'] .status-badge")).ToHaveTextAsync("Declared", new() { Timeout = LiveSiteFixture.Patience });
        await Expect(swing.Locator("[data-testid=swing-figure] strong")).ToHaveTextAsync(new Regex(@"^\d+\.\d% swing from (Con|Lab) to (Con|Lab)$"), new() { Timeout = LiveSiteFixture.Patience });
        Assert.True(await nation.EvaluateAsync<bool>("() => window.__notReloaded === true"));
        Assert.True(await swing.EvaluateAsync<bool>("() => window.__notReloaded === true"));
        await nation.CloseAsync();
        await swing.CloseAsync();
    }
}
