using System.Net;

using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

using ResultsLive.Web.Security;
using ResultsLive.Web.Tests.Hosting;

namespace ResultsLive.Web.Tests.Security;

/// <summary>A session lasts the night: 12 hours, renewed while in use. The cookie handler's clock is a fake one here.</summary>
public sealed class SlidingSessionTests : IDisposable
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private readonly WebNode _node;

    public SlidingSessionTests() => _node = WebNode.For2024(
        Newsroom.Settings(),
        services: services => services.PostConfigure<CookieAuthenticationOptions>(SecurityHostExtensions.CookieScheme, options => options.TimeProvider = _clock));

    public void Dispose() => _node.Dispose();

    [Fact]
    public async Task Session_InUseThroughTheNight_IsRenewedPastTwelveHours()
    {
        using var browser = _node.Browse();
        await browser.SignedInAsync("oscar");

        _clock.Advance(TimeSpan.FromHours(7));
        using (var renewed = await browser.GetAsync("/operator"))
        {
            Assert.Equal(HttpStatusCode.OK, renewed.StatusCode);
            Assert.Contains(renewed.Headers.GetValues("Set-Cookie"), c => c.StartsWith(SecurityHostExtensions.CookieName + "=", StringComparison.Ordinal));
        }

        _clock.Advance(TimeSpan.FromHours(7));
        using var later = await browser.GetAsync("/operator");
        Assert.Equal(HttpStatusCode.OK, later.StatusCode);
    }

    [Fact]
    public async Task Session_LeftForTwelveHours_Ends()
    {
        using var browser = _node.Browse();
        await browser.SignedInAsync("oscar");
        using (var during = await browser.GetAsync("/operator"))
        {
            Assert.Equal(HttpStatusCode.OK, during.StatusCode);
        }

        _clock.Advance(SecurityHostExtensions.SessionLength + TimeSpan.FromMinutes(1));
        using var after = await browser.GetAsync("/operator");

        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/signin", after.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }
}
