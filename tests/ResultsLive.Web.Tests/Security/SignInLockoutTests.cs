using System.Net;
using System.Text.RegularExpressions;

using Microsoft.Extensions.DependencyInjection;

using ResultsLive.Web.Audit;
using ResultsLive.Web.Security;
using ResultsLive.Web.Tests.Hosting;

namespace ResultsLive.Web.Tests.Security;

/// <summary>
/// The sign-in form on a real node: a wrong password refused beside the field and audited; five failures lock the account on
/// that address only; an address failing across accounts is held back; an admin's Unlock lets the user in again.
/// </summary>
public sealed partial class SignInLockoutTests(NewsroomNode fixture) : IClassFixture<NewsroomNode>
{
    private readonly WebNode _node = fixture.Node;

    [Fact]
    public async Task SignIn_WrongPassword_IsRefusedBesideThePasswordAndAudited()
    {
        using var browser = _node.Browse("203.0.113.10");

        using var response = await browser.SignInAsync("oscar", "not the password");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Matches(PasswordError(), html);
        Assert.DoesNotContain(response.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : [], c => c.StartsWith("ResultsLive.Auth=", StringComparison.Ordinal));
        var page = await Audit.ReadAsync(new AuditFilter(Action: AuditActions.SignInFailed, Target: "oscar"), new AuditPaging());
        Assert.Contains(page.Events, e => e.Event.Detail == "wrong password; from 203.0.113.10");
    }

    [Fact]
    public async Task SignIn_FiveFailuresFromOneAddress_LockThatAddressOutButNotTheRealUserElsewhere()
    {
        using var attacker = _node.Browse("203.0.113.20");
        for (var i = 0; i < SignInLockout.PairLimit - 1; i++)
        {
            using var failed = await attacker.SignInAsync("oscar", $"guess {i}");
            Assert.Equal(HttpStatusCode.Unauthorized, failed.StatusCode);
        }

        // The fifth wrong guess is refused and says so; then even the right password is refused on that address.
        using var fifth = await attacker.SignInAsync("oscar", "guess 5");
        Assert.Equal(HttpStatusCode.TooManyRequests, fifth.StatusCode);
        using var locked = await attacker.SignInAsync("oscar");
        Assert.Equal(HttpStatusCode.TooManyRequests, locked.StatusCode);
        Assert.Contains("This account is locked on this address", await locked.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var realUser = _node.Browse("198.51.100.20");
        await realUser.SignedInAsync("oscar");
    }

    [Fact]
    public async Task SignIn_AddressFailingAcrossManyAccounts_IsHeldBackForEveryAccount()
    {
        using var sprayer = _node.Browse("203.0.113.30");
        for (var i = 0; i < SignInLockout.AddressLimit; i++)
        {
            using var failed = await sprayer.SignInAsync($"guessed-name-{i}", "Password1");
            Assert.True(failed.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.TooManyRequests, failed.StatusCode.ToString());
        }

        using var held = await sprayer.SignInAsync("edith");
        Assert.Equal(HttpStatusCode.TooManyRequests, held.StatusCode);
        Assert.Contains("Too many failed sign-ins from this address", await held.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var elsewhere = _node.Browse("198.51.100.30");
        await elsewhere.SignedInAsync("edith");
    }

    [Fact]
    public async Task Unlock_ByAnAdmin_LetsTheUserBackInOnThatAddressAndIsAudited()
    {
        const string address = "203.0.113.40";
        using var user = _node.Browse(address);
        for (var i = 0; i < SignInLockout.PairLimit; i++)
        {
            using var failed = await user.SignInAsync("edith", $"typo {i}");
        }

        using var admin = _node.Browse("198.51.100.40");
        await admin.SignedInAsync("alice");
        using (var users = await admin.GetAsync("/admin/users"))
        {
            var html = await users.Content.ReadAsStringAsync();
            Assert.Matches(LockedRow(), html);
            Assert.Contains(address, html, StringComparison.Ordinal);
        }

        var token = await admin.FormTokenAsync("/admin/users");
        using var unlock = await admin.Client.PostAsync(new Uri("/admin/users", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "unlock",
            ["__RequestVerificationToken"] = token,
            ["UnlockName"] = "edith",
        }));

        Assert.Equal(HttpStatusCode.OK, unlock.StatusCode);
        Assert.Contains("edith is unlocked.", await unlock.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await user.SignedInAsync("edith");
        var page = await Audit.ReadAsync(new AuditFilter(Actor: "user:alice", Action: AuditActions.UserUnlock, Target: "user:edith"), new AuditPaging());
        Assert.Single(page.Events);
    }

    private IAuditTrail Audit => _node.Services.GetRequiredService<IAuditTrail>();

    [GeneratedRegex("<div class=\"validation-message\"[^>]*>That name and password do not match.</div>|class=\"validation-message\">That name and password do not match.<")]
    private static partial Regex PasswordError();

    [GeneratedRegex("data-user=\"edith\"[^<]*>\\s*<th[^>]*>edith</th>[\\s\\S]*?Locked")]
    private static partial Regex LockedRow();
}
