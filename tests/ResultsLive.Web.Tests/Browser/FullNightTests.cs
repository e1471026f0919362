using System.CommandLine;

using Microsoft.Playwright;

using ResultsLive.Cli;
using ResultsLive.Web.Tests.Hosting;

using static Microsoft.Playwright.Assertions;

namespace ResultsLive.Web.Tests.Browser;

/// <summary>
/// The whole 2024 night replayed into a node on a real redis-server, then read by a reader in Chromium: Lab 411 against
/// the 326 line, 650 of 650 declared, every hex in a winner's colour, and Islington North's page.
/// </summary>
public sealed class FullNightTests : RedisBrowserTest
{
    private static readonly LocatorAssertionsToHaveTextOptions Soon = new() { Timeout = LiveSiteFixture.Patience };
    [Fact]
    public async Task Replay2024_ThenOpenThePages_ShowTheFinalResult()
    {
        using var node = WebNode.For2024(Redis.ConnectionString);
        var exitCode = await CliApp.Create().Parse(
        [
            "replay", "--candidates", SharedData.Candidates2024, "--constituencies", SharedData.Constituencies2024,
            "--times", SharedData.DeclarationTimes2024, "--to", node.BaseAddress.ToString(), "--api-key", WebNode.ApiKey, "--speed", "max",
        ]).InvokeAsync(new InvocationConfiguration { Output = TextWriter.Null, Error = TextWriter.Null });
        Assert.Equal(0, exitCode);

        var page = await Browser.NewPageAsync(new() { ViewportSize = new() { Width = 1920, Height = 1400 } });
        var circuits = new List<string>();
        page.WebSocket += (_, socket) => circuits.Add(socket.Url);
        await page.GotoAsync(new Uri(node.BaseAddress, "/").ToString());
        await LiveSiteFixture.WaitUntilLiveAsync(page);

        await Expect(page.Locator("[data-testid=declared]")).ToHaveTextAsync("650", Soon);
        await Expect(page.Locator("tr[data-party='Lab'] .seats-won")).ToHaveTextAsync("411", Soon);
        await Expect(page.Locator("tr[data-party='Con'] .seats-won")).ToHaveTextAsync("121", Soon);
        await Expect(page.GetByText("326 for a majority").First).ToBeVisibleAsync(new() { Timeout = LiveSiteFixture.Patience });
        await Expect(page.Locator("a.hx")).ToHaveCountAsync(650, new() { Timeout = LiveSiteFixture.Patience });
        Assert.Equal(0, await page.Locator("a.hx.awaiting").CountAsync());
        Assert.Equal(650, await page.Locator("a.hx.declared").CountAsync());
        Assert.Equal(411, await page.Locator("a.hx[data-party='Lab']").CountAsync());
        await page.ScreenshotAsync(new() { Path = Path.Combine(LiveSiteFixture.ArtifactsDirectory, "home-after-2024-1920.png"), FullPage = true });
        Assert.Empty(circuits);

        await page.GotoAsync(new Uri(node.BaseAddress, "/constituency/E14001305").ToString());
        await Expect(page.Locator("[data-testid=result] .result-text")).ToHaveTextAsync("Ind gain from Lab", Soon);
        await Expect(page.Locator("[data-testid=majority]")).ToContainTextAsync("7,247", new() { Timeout = LiveSiteFixture.Patience });
        await page.ScreenshotAsync(new() { Path = Path.Combine(LiveSiteFixture.ArtifactsDirectory, "islington-north-after-2024-1920.png"), FullPage = true });
    }
}
