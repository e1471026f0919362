using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;

using Microsoft.Playwright;

using ResultsLive.Import;
using ResultsLive.Web.Tests.Api;
using ResultsLive.Web.Tests.Hosting;
using ResultsLive.Web.Tests.Security;

using static Microsoft.Playwright.Assertions;

namespace ResultsLive.Web.Tests.Browser;

/// <summary>
/// Manual entry in a real browser: an admin signs in, types Islington North's 2024 declaration into <c>/admin/declare</c>,
/// and the node's <c>/api/v1/constituencies/E14001305</c> is the same as a second node's that was sent it by the API.
/// </summary>
public sealed class ManualEntryBrowserTests(NewsroomSiteFixture site) : IClassFixture<NewsroomSiteFixture>
{
    private static readonly LocatorAssertionsToHaveTextOptions Soon = new() { Timeout = LiveSiteFixture.Patience };

    private static readonly LocatorAssertionsToContainTextOptions SoonContains = new() { Timeout = LiveSiteFixture.Patience };

    [Fact]
    public async Task ManualEntry_IslingtonNorth_GivesTheSameSeatAsTheApi()
    {
        using var byApi = WebNode.For2024(Newsroom.Settings());
        using (var client = byApi.Ingest())
        {
            using var posted = await client.PostAsync(new Uri("/api/v1/declarations", UriKind.Relative), WebNode.Json(Declarations.IslingtonNorthBody().Text()));
            Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
        }

        var page = await site.NewPageAsync(1920);
        await SignInAsync(page, "/admin/declare/E14001305");
        await page.WaitForSelectorAsync(".declare-page[data-ready=true]", new() { Timeout = LiveSiteFixture.Patience });

        var published = ElectionLoader.Load(new ElectionFiles(SharedData.Candidates2024, SharedData.Constituencies2024, SharedData.Notional2019))
            .Results.Single(d => d.Constituency == Declarations.IslingtonNorth);
        await page.FillAsync("#revision", "1");
        await page.FillAsync("#electorate", published.Electorate.ToString(CultureInfo.InvariantCulture));
        await page.FillAsync("#invalid-votes", published.InvalidVotes.ToString(CultureInfo.InvariantCulture));
        foreach (var candidate in published.Candidates)
        {
            await page.Locator($"tr[data-candidate=\"{candidate.Name}\"] input").FillAsync(candidate.Votes.ToString(CultureInfo.InvariantCulture));
        }

        // A time far ahead first: the warning beside it shows the server has the field (Blazor's script sends a datetime-local
        // value with seconds, which a binding to minutes alone never parsed), then the real time clears it.
        await page.FillAsync("#declared-at", "2099-07-05T03:42");
        await Expect(page.Locator("#declared-at-message")).ToContainTextAsync("later than this node's clock", SoonContains);
        await page.FillAsync("#declared-at", "2024-07-05T03:42");
        await Expect(page.Locator(".warnings")).ToHaveCountAsync(0, new() { Timeout = LiveSiteFixture.Patience });
        await Expect(page.Locator("[data-testid=valid-votes]")).ToHaveTextAsync("49,006", Soon);
        await Expect(page.Locator("[data-testid=majority]")).ToHaveTextAsync("7,247", Soon);
        await Expect(page.Locator("[data-testid=preview]")).ToContainTextAsync("Ind", SoonContains);
        await page.ScreenshotAsync(new() { Path = Path.Combine(LiveSiteFixture.ArtifactsDirectory, "admin-declare-1920.png"), FullPage = true });

        await page.ClickAsync("#declare");

        await Expect(page.Locator("[data-testid=notice]")).ToContainTextAsync("revision 1", SoonContains);
        using var manual = await site.Node.GetJsonAsync("/api/v1/constituencies/E14001305");
        using var api = await byApi.GetJsonAsync("/api/v1/constituencies/E14001305");
        // Everything but the journal sequence the seat is read at, which is each node's own.
        var (fromApi, byHand) = (JsonNode.Parse(api.RootElement.GetRawText())!.AsObject(), JsonNode.Parse(manual.RootElement.GetRawText())!.AsObject());
        fromApi.Remove("sequence");
        byHand.Remove("sequence");
        Assert.True(JsonNode.DeepEquals(fromApi, byHand), $"by hand:\n{byHand}\n---\nby the API:\n{fromApi}");
        Assert.Equal(("declared", 1), (manual.RootElement.GetProperty("status").GetString(), manual.RootElement.GetProperty("revision").GetInt32()));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Declare_OnAPhone_FitsTheWidthWithEveryFieldReachable()
    {
        var page = await site.NewPageAsync(390);
        await SignInAsync(page, "/admin/declare/E14001306");
        await page.WaitForSelectorAsync(".declare-page[data-ready=true]", new() { Timeout = LiveSiteFixture.Patience });
        await page.FillAsync("#electorate", "800000");
        await Expect(page.Locator("#electorate-message")).ToContainTextAsync("more than 10% away", SoonContains);

        await page.ScreenshotAsync(new() { Path = Path.Combine(LiveSiteFixture.ArtifactsDirectory, "admin-declare-390.png"), FullPage = true });

        var wide = await page.EvaluateAsync<string>("() => [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1).slice(0, 8).map(e => e.tagName + '.' + e.className + '#' + e.id + ':' + Math.round(e.getBoundingClientRect().right)).join(' | ')");
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"), "the page scrolls sideways at 390 px: " + wide);
        await Expect(page.Locator("#declare")).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    private async Task SignInAsync(IPage page, string path)
    {
        await page.GotoAsync(site.Url("/signin?returnUrl=" + Uri.EscapeDataString(path)));
        await page.FillAsync("#signin-name", "alice");
        await page.FillAsync("#signin-password", Newsroom.Password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(site.Url(path));
    }
}
