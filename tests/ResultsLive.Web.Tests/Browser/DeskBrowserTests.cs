using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

using ResultsLive.Web.Tests.Desk;
using ResultsLive.Web.Tests.Hosting;

using static Microsoft.Playwright.Assertions;

namespace ResultsLive.Web.Tests.Browser;

/// <summary>The editor desk in Chromium: claims seen across nodes, the copy on the clipboard, and a correction of copied text.</summary>
public sealed class DeskBrowserTests : RedisBrowserTest
{
    private const string IslingtonNorth = "E14001305";

    private static readonly Dictionary<string, string?> Editors = Security.Newsroom.Settings(
        ("Alice", ResultsLive.Web.Security.NewsroomRoles.Editor), ("Bob", ResultsLive.Web.Security.NewsroomRoles.Editor), ("Carol", ResultsLive.Web.Security.NewsroomRoles.Editor), ("Dev", ResultsLive.Web.Security.NewsroomRoles.Admin));

    [Fact]
    public async Task Claim_TwoEditorsOnTwoNodes_EachSeesTheOthersClaimAndATakeOverTellsBoth()
    {
        using var a = WebNode.For2024(Editors, Redis.ConnectionString);
        using var b = WebNode.For2024(Editors, Redis.ConnectionString);
        using (var ingest = a.Ingest())
        {
            await DeskData.PostAsync(ingest, DeskData.Seat(IslingtonNorth));
        }

        var alice = await OpenDeskAsync(a, "Alice");
        var bob = await OpenDeskAsync(b, "Bob");
        var aliceCard = alice.Locator($"[data-testid=card][data-seat={IslingtonNorth}]");
        var bobCard = bob.Locator($"[data-testid=card][data-seat={IslingtonNorth}]");

        await aliceCard.GetByTestId("claim-button").ClickAsync();

        await Expect(bobCard.GetByTestId("claim-holder")).ToHaveTextAsync("Alice has this seat", new() { Timeout = LiveSiteFixture.Patience });
        await Expect(aliceCard.GetByTestId("claim-holder")).ToHaveTextAsync("You have this seat");

        await bobCard.GetByTestId("takeover-button").ClickAsync();

        await Expect(aliceCard.GetByTestId("claim-holder")).ToHaveTextAsync("Bob has this seat", new() { Timeout = LiveSiteFixture.Patience });
        await Expect(alice.Locator("[data-testid=notice][data-kind=takeover]")).ToContainTextAsync("Bob took over Islington North from you.");
        await Expect(bob.Locator("[data-testid=notice][data-kind=takeover]")).ToContainTextAsync("You took over Islington North from Alice.");

        // Both acts are in the audit trail the nodes share, with who did them.
        var trail = a.Services.GetRequiredService<ResultsLive.Web.Audit.IAuditTrail>();
        var acts = (await trail.ReadAsync(new ResultsLive.Web.Audit.AuditFilter(Action: "desk"), new ResultsLive.Web.Audit.AuditPaging())).Events
            .Select(e => $"{e.Event.Actor} {e.Event.Action} {e.Event.Target}").ToList();
        Assert.Contains($"user:Alice desk.claim {IslingtonNorth}", acts);
        Assert.Contains($"user:Bob desk.takeover {IslingtonNorth}", acts);
    }

    [Fact]
    public async Task CopyButtons_EachFormat_PutTheRightTextOnTheClipboard()
    {
        using var node = WebNode.For2024(Editors, Redis.ConnectionString);
        using (var ingest = node.Ingest())
        {
            await DeskData.WaitForDeskAsync(node, await DeskData.PostAsync(ingest, DeskData.Seat(IslingtonNorth)));
        }

        var entry = node.Services.GetRequiredService<ResultsLive.Web.Desk.DeskLog>().Entries.Single();
        var page = await OpenDeskAsync(node, "Carol");
        var card = page.Locator($"[data-testid=card][data-seat={IslingtonNorth}]");

        await card.GetByTestId("copy-rush-plain").ClickAsync();
        Assert.Equal("Islington North: Ind gain from Lab", await ClipboardTextAsync(page, "Islington North: Ind gain from Lab"));

        await card.GetByTestId("copy-full-markdown").ClickAsync();
        Assert.Equal(entry.Copy.Full.Markdown, await ClipboardTextAsync(page, entry.Copy.Full.Markdown));

        await card.GetByTestId("copy-social-html").ClickAsync();
        Assert.Equal(entry.Copy.Social.Html, await ClipboardTextAsync(page, entry.Copy.Social.Html));
        Assert.Empty(await page.GetByTestId("manual-copy").AllAsync());
    }

    [Fact]
    public async Task Correction_OfASeatTheEditorCopied_AlertsThemWithTheOldAndNewFigures()
    {
        using var node = WebNode.For2024(Editors, Redis.ConnectionString);
        using var ingest = node.Ingest();
        var islington = DeskData.Seat(IslingtonNorth);
        await DeskData.WaitForDeskAsync(node, await DeskData.PostAsync(ingest, islington));
        var page = await OpenDeskAsync(node, "Dev");
        var card = page.Locator($"[data-testid=card][data-seat={IslingtonNorth}]");
        await card.GetByTestId("copy-full-plain").ClickAsync();
        await Expect(card.GetByTestId("copied")).ToHaveTextAsync("You copied revision 1", new() { Timeout = LiveSiteFixture.Patience });

        var corrected = islington with { Revision = 2, Candidates = [.. islington.Candidates.Select(c => c.Name == "Jeremy Corbyn" ? c with { Votes = 24_020 } : c)] };
        await DeskData.PostAsync(ingest, corrected);

        var notice = page.Locator("[data-testid=notice][data-kind=correction]");
        await Expect(notice).ToContainTextAsync("Islington North has been corrected: you copied revision 1", new() { Timeout = LiveSiteFixture.Patience });
        await Expect(notice).ToContainTextAsync("Was: Islington North: Ind gain from Lab. Jeremy Corbyn (Ind) 24,120. Majority 7,247.");
        await Expect(notice).ToContainTextAsync("Now (revision 2): Islington North: Ind gain from Lab. Jeremy Corbyn (Ind) 24,020. Majority 7,147.");
        await Expect(card.GetByTestId("correction")).ToHaveTextAsync("Correction · revision 2");
        foreach (var width in new[] { 390, 1920 })
        {
            await page.SetViewportSizeAsync(width, 1400);
            await page.ScreenshotAsync(new() { Path = Path.Combine(LiveSiteFixture.ArtifactsDirectory, $"desk-correction-{width}.png"), FullPage = false });
        }
    }

    private async Task<IPage> OpenDeskAsync(WebNode node, string editor)
    {
        var context = await Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1400, Height = 1000 }, Permissions = ["clipboard-read", "clipboard-write"] });
        var page = await context.NewPageAsync();

        // The desk is for editors: it sends a stranger to sign in, then back.
        await page.GotoAsync(new Uri(node.BaseAddress, "/desk").ToString());
        await page.FillAsync("#signin-name", editor);
        await page.FillAsync("#signin-password", Security.Newsroom.Password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync("**/desk", LiveSiteFixture.Arrived);
        await Expect(page.Locator(".desk-head[data-interactive=true]")).ToHaveCountAsync(1, new() { Timeout = LiveSiteFixture.Patience });
        return page;
    }

    /// <summary>Waits for the clipboard to hold <paramref name="expected"/> (or anything, when null), then returns what it holds.</summary>
    private static async Task<string> ClipboardTextAsync(IPage page, string? expected)
    {
        // Playwright polls a predicate and does not wait for a promise it returns (one is always truthy), so each poll
        // starts a read and looks at the last one that finished: the wait ends only once the clipboard holds the text.
        await page.WaitForFunctionAsync(
            """
            expected => {
                navigator.clipboard.readText().then(text => { window.__clipboard = text; }, () => { });
                const text = window.__clipboard;
                return text !== undefined && (expected === null ? text.length > 0 : text === expected);
            }
            """,
            expected,
            new() { Timeout = LiveSiteFixture.Patience, PollingInterval = 50 });
        return await page.EvaluateAsync<string>("() => window.__clipboard");
    }
}
