using Microsoft.Playwright;

using ResultsLive.Web.Tests.Api;
using ResultsLive.Web.Tests.Hosting;

using static Microsoft.Playwright.Assertions;

namespace ResultsLive.Web.Tests.Browser;

/// <summary>
/// The newsroom's live pages (desk, console, admin) hold a circuit: when their node restarts they say so at once over the
/// figures they had, then come back by themselves — resumed, or reloaded when the new process does not know the circuit —
/// and show a declaration made after the restart, without anyone touching them.
/// </summary>
public sealed class NewsroomReconnectTests : RedisBrowserTest
{
    // alice is an admin, so she may open the desk and the console; a graphics channel gives the console its results stack.
    private static readonly IReadOnlyDictionary<string, string?> Users = Graphics.GraphicsSettings.Channels();

    [Fact]
    public async Task NodeRestart_DeskAndConsole_SayDisconnectedThenCatchUpByThemselves()
    {
        var node = WebNode.For2024(Users, Redis.ConnectionString);
        var port = node.BaseAddress.Port;
        var context = await Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1400, Height = 1000 } });
        var desk = await context.NewPageAsync();
        await SignInAsync(desk, new Uri(node.BaseAddress, "/desk"));
        await Expect(desk.Locator(".desk-head[data-interactive=true]")).ToHaveCountAsync(1, new() { Timeout = 30_000 });
        var console = await context.NewPageAsync();
        await console.GotoAsync(new Uri(node.BaseAddress, "/operator").ToString());
        await console.WaitForFunctionAsync("() => document.body.dataset.hotkeys === 'on'", null, new() { Timeout = 30_000 });
        var errors = new List<string>();
        foreach (var page in new[] { desk, console })
        {
            page.Console += (_, message) =>
            {
                if (message.Type == "error")
                {
                    lock (errors)
                    {
                        errors.Add(message.Text);
                    }
                }
            };
        }

        node.Dispose();

        foreach (var page in new[] { desk, console })
        {
            await Expect(page.Locator("#components-reconnect-modal")).ToBeVisibleAsync(new() { Timeout = 30_000 });
            await Expect(page.Locator("#components-reconnect-modal [data-last-heard]")).ToContainTextAsync("Last heard from the server at ");
            await Expect(page.Locator("#blazor-error-ui")).ToBeHiddenAsync();
        }

        await desk.ScreenshotAsync(new() { Path = Path.Combine(LiveSiteFixture.ArtifactsDirectory, "desk-disconnected-1400.png") });

        using var restarted = WebNode.For2024(Users, Redis.ConnectionString, port: port);
        using (var ingest = restarted.Ingest())
        {
            using var posted = await ingest.PostAsync(new Uri("/api/v1/declarations", UriKind.Relative), WebNode.Json(Declarations.IslingtonNorthBody().Text()));
            posted.EnsureSuccessStatusCode();
        }

        await Expect(desk.Locator("[data-testid=card][data-seat=E14001305]")).ToHaveCountAsync(1, new() { Timeout = 60_000 });
        await Expect(console.Locator(".stack-item[data-seat=E14001305]")).ToHaveCountAsync(1, new() { Timeout = 60_000 });
        foreach (var page in new[] { desk, console })
        {
            await Expect(page.Locator("#components-reconnect-modal")).ToBeHiddenAsync();
            await Expect(page.Locator("#blazor-error-ui")).ToBeHiddenAsync();
        }

        await context.CloseAsync();
    }

    private static async Task SignInAsync(IPage page, Uri target)
    {
        await page.GotoAsync(target.ToString());
        await page.FillAsync("#signin-name", "alice");
        await page.FillAsync("#signin-password", Security.Newsroom.Password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(target.ToString(), new() { Timeout = 30_000 });
    }
}
