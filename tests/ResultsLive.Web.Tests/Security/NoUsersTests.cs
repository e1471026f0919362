using System.Net;

using ResultsLive.Web.Tests.Hosting;

namespace ResultsLive.Web.Tests.Security;

/// <summary>A live node with no users configured: the newsroom says so, and there is no demo link to use.</summary>
public sealed class NoUsersTests : IDisposable
{
    private readonly WebNode _node = WebNode.For2024();

    public void Dispose() => _node.Dispose();

    [Fact]
    public async Task NewsroomSurface_NoUsersConfigured_SaysSoOnTheSignInPage()
    {
        using var browser = _node.Browse();

        using var admin = await browser.GetAsync("/admin");
        using var signIn = await browser.GetAsync(admin.Headers.Location!.OriginalString);

        var html = await signIn.Content.ReadAsStringAsync();
        Assert.Contains("No newsroom users are configured on this node.", html, StringComparison.Ordinal);
        Assert.DoesNotContain("signin-password", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DemoLink_OnALiveNode_IsRefused()
    {
        using var browser = _node.Browse();

        using var response = await browser.GetAsync("/signin/link?token=anything-at-all");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/signin?error=link", response.Headers.Location?.OriginalString);
    }
}
