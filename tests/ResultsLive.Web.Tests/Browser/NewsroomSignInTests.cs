using System.Text.RegularExpressions;

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

using ResultsLive.Web.Audit;
using ResultsLive.Web.Tests.Security;

using static Microsoft.Playwright.Assertions;

namespace ResultsLive.Web.Tests.Browser;

/// <summary>
/// Signing in to the newsroom in a real browser: with a password, refused with a wrong one, and through OpenID Connect
/// against a real provider (where a person without a newsroom role gets 403); anonymous visitors are sent to sign in.
/// </summary>
public sealed class NewsroomSignInTests(NewsroomSiteFixture site) : IClassFixture<NewsroomSiteFixture>
{
    private static readonly LocatorAssertionsToHaveTextOptions Soon = new() { Timeout = LiveSiteFixture.Patience };

    [Fact]
    public async Task Operator_SignsInWithAPassword_AndReachesTheOperatorSurface()
    {
        var page = await site.NewPageAsync();

        await page.GotoAsync(site.Url("/operator"));
        Assert.Equal(site.Url("/signin?returnUrl=%2Foperator"), page.Url);
        await page.FillAsync("#signin-name", "oscar");
        await page.FillAsync("#signin-password", Newsroom.Password);
        await page.ClickAsync("button[type=submit]");

        await page.WaitForURLAsync(site.Url("/operator"), LiveSiteFixture.Arrived);
        await Expect(page.Locator("h1")).ToHaveTextAsync("Operator", Soon);
        await Expect(page.Locator(".who")).ToContainTextAsync("oscar", new() { Timeout = LiveSiteFixture.Patience });
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task SignIn_WrongPassword_IsShownBesideTheFieldAndAudited()
    {
        var page = await site.NewPageAsync();
        await page.GotoAsync(site.Url("/signin"));

        await page.FillAsync("#signin-name", "edith");
        await page.FillAsync("#signin-password", "not her password");
        await page.ClickAsync("button[type=submit]");

        await Expect(page.Locator("#signin-password + .validation-message, #signin-password ~ .validation-message")).ToHaveTextAsync("That name and password do not match.", Soon);
        await Expect(page.Locator("#signin-password")).ToHaveClassAsync(new Regex("invalid"));
        Assert.StartsWith(site.Url("/signin"), page.Url, StringComparison.Ordinal);
        var trail = site.Node.Services.GetRequiredService<IAuditTrail>();
        var failed = await trail.ReadAsync(new AuditFilter(Action: AuditActions.SignInFailed, Target: "edith"), new AuditPaging());
        Assert.Contains(failed.Events, e => e.Event.Detail!.StartsWith("wrong password; from ", StringComparison.Ordinal));
        await page.Context.CloseAsync();
    }

    [Theory]
    [InlineData("/admin")]
    [InlineData("/desk")]
    [InlineData("/operator")]
    public async Task NewsroomSurface_Anonymous_IsSentToSignIn(string path)
    {
        var page = await site.NewPageAsync();

        await page.GotoAsync(site.Url(path));

        Assert.Equal(site.Url("/signin?returnUrl=" + Uri.EscapeDataString(path)), page.Url);
        await Expect(page.Locator("h1")).ToHaveTextAsync("Sign in", Soon);
        var api = await page.APIRequest.GetAsync(site.Url("/api/v1/audit"));
        Assert.Equal(401, api.Status);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task SingleSignOn_OperatorAtTheProvider_ReachesTheOperatorSurface()
    {
        var page = await site.NewPageAsync();

        // The first trip to the in-test provider pays for its discovery document and its code's first run: on a loaded
        // machine that has taken more than Playwright's default 30 s, so every step here may take a minute.
        page.SetDefaultTimeout(60_000);
        await page.GotoAsync(site.Url("/operator"));

        await page.ClickAsync("text=Sign in with Test provider");
        await page.WaitForURLAsync(new Regex("/login"));
        await page.FillAsync("#who", "olive");
        await page.EvaluateAsync("() => document.querySelector('form').requestSubmit()");

        // The way back runs through the provider, a back-channel code exchange and a same-site hop: slow on a loaded machine.
        await page.WaitForURLAsync(site.Url("/operator"), LiveSiteFixture.Arrived);
        await Expect(page.Locator("h1")).ToHaveTextAsync("Operator", Soon);
        await Expect(page.Locator(".who")).ToContainTextAsync("olive", new() { Timeout = LiveSiteFixture.Patience });
        var trail = site.Node.Services.GetRequiredService<IAuditTrail>();
        var signIns = await trail.ReadAsync(new AuditFilter(Actor: "sso:olive", Action: AuditActions.SignIn), new AuditPaging());
        Assert.Single(signIns.Events);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task SingleSignOn_PersonWithoutANewsroomRole_Gets403()
    {
        var page = await site.NewPageAsync();

        // The first trip to the in-test provider pays for its discovery document and its code's first run: on a loaded
        // machine that has taken more than Playwright's default 30 s, so every step here may take a minute.
        page.SetDefaultTimeout(60_000);
        await page.GotoAsync(site.Url("/operator"));
        await page.ClickAsync("text=Sign in with Test provider");
        await page.WaitForURLAsync(new Regex("/login"));
        await page.FillAsync("#who", "nora");

        // The way back runs through the provider, a back-channel code exchange and a same-site hop: slow on a loaded machine.
        var denied = page.WaitForResponseAsync(r => r.Url.StartsWith(site.Url("/access-denied"), StringComparison.Ordinal), new() { Timeout = 60_000 });
        await page.EvaluateAsync("() => document.querySelector('form').requestSubmit()");

        Assert.Equal(403, (await denied).Status);
        await Expect(page.Locator("h1")).ToHaveTextAsync("This page is not for your role", Soon);
        await Expect(page.Locator(".denied")).ToContainTextAsync("nora", new() { Timeout = LiveSiteFixture.Patience });
        await page.Context.CloseAsync();
    }

    [Theory]
    [InlineData(390)]
    [InlineData(1920)]
    public async Task NewsroomPages_AtPhoneAndDesktopWidths_FitWithoutSidewaysScrolling(int width)
    {
        var page = await site.NewPageAsync(width);
        await page.GotoAsync(site.Url("/signin?returnUrl=%2Fadmin"));
        await Shot(page, $"signin-{width}");
        await page.FillAsync("#signin-name", "alice");
        await page.FillAsync("#signin-password", "wrong");
        await page.ClickAsync("button[type=submit]");
        await Expect(page.Locator(".validation-message")).ToBeVisibleAsync();
        await Shot(page, $"signin-error-{width}");
        await page.FillAsync("#signin-password", Newsroom.Password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(site.Url("/admin"), LiveSiteFixture.Arrived);

        foreach (var (path, name) in new[] { ("/admin", "admin"), ("/admin/users", "users"), ("/admin/audit", "audit"), ("/desk", "desk"), ("/operator", "operator") })
        {
            await page.GotoAsync(site.Url(path));
            await Shot(page, $"{name}-{width}");
        }

        await page.Context.CloseAsync();
    }

    private static async Task Shot(IPage page, string name)
    {
        await page.ScreenshotAsync(new() { Path = Path.Combine(LiveSiteFixture.ArtifactsDirectory, $"newsroom-{name}.png"), FullPage = true });

        // Tables may scroll inside their own box; the page itself must not scroll sideways.
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        Assert.True(overflow <= 0, $"{page.Url} is {overflow}px wider than the window");
    }
}
