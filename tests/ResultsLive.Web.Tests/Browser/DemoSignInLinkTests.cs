using System.Text.RegularExpressions;

using Microsoft.Playwright;

using static Microsoft.Playwright.Assertions;

namespace ResultsLive.Web.Tests.Browser;

/// <summary>
/// The newcomer's way in: the demo, run as the README's first command runs it (no election files, no users), prints a
/// one-time link; following it reaches every newsroom surface, and the link works once.
/// </summary>
public sealed class DemoSignInLinkTests : IAsyncLifetime
{
    private const string Prefix = "Newsroom sign-in (one use): ";
    private WebNodeProcess? _node;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public async Task InitializeAsync()
    {
        _node = await WebNodeProcess.StartAsync(new Dictionary<string, string> { ["ResultsLive:Demo:AutoDeclare"] = "false" });
        _playwright = await Playwright.CreateAsync();
        _browser = await LiveSiteFixture.LaunchAsync(_playwright);
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_node is not null)
        {
            await _node.DisposeAsync();
        }
    }

    [Fact]
    public async Task PrintedLink_OpensEveryNewsroomSurface_Once()
    {
        var line = await _node!.WaitForOutputAsync(l => l.StartsWith(Prefix, StringComparison.Ordinal), TimeSpan.FromSeconds(30));
        var link = line[Prefix.Length..];
        Assert.StartsWith(new Uri(_node.Url, "/signin/link?token=").ToString(), link, StringComparison.Ordinal);

        var anonymous = await NewPageAsync();
        await anonymous.GotoAsync(Url("/admin"));
        Assert.StartsWith(Url("/signin"), anonymous.Url, StringComparison.Ordinal);

        var page = await NewPageAsync();
        await page.GotoAsync(link);
        await page.WaitForURLAsync(Url("/admin"), LiveSiteFixture.Arrived);
        await Expect(page.Locator("h1")).ToHaveTextAsync("Admin");
        await Expect(page.Locator(".who")).ToContainTextAsync("demo-admin");
        await page.GotoAsync(Url("/desk"));
        await Expect(page.Locator("h1")).ToHaveTextAsync("Desk");
        await page.GotoAsync(Url("/operator"));
        await Expect(page.Locator("h1")).ToHaveTextAsync("Operator");

        var second = await NewPageAsync();
        await second.GotoAsync(link);
        Assert.Equal(Url("/signin?error=link"), second.Url);
        await Expect(second.Locator(".notice[role=alert]")).ToHaveTextAsync(new Regex("has been used or has expired"));
        await Expect(second.Locator(".no-users")).ToContainTextAsync("This is the demo.");
    }

    private string Url(string path) => new Uri(_node!.Url, path).ToString();

    private async Task<IPage> NewPageAsync()
    {
        var context = await _browser!.NewContextAsync();
        return await context.NewPageAsync();
    }
}
