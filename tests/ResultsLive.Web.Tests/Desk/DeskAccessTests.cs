using System.Net;

using ResultsLive.Web.Tests.Hosting;
using ResultsLive.Web.Tests.Security;

namespace ResultsLive.Web.Tests.Desk;

/// <summary>The desk, its hub and its page are for editors; the alerts API and the feeds are public.</summary>
public sealed class DeskAccessTests : IDisposable
{
    private readonly WebNode _node = WebNode.For2024(Newsroom.Settings());

    public void Dispose() => _node.Dispose();

    [Fact]
    public async Task Desk_Anonymous_IsSentToSignInAndTheHubRefused()
    {
        using var stranger = _node.Browse();

        using var page = await stranger.GetAsync("/desk");
        using var hub = await stranger.Client.PostAsync(new Uri("/hubs/desk/negotiate?negotiateVersion=1", UriKind.Relative), null);
        using var alerts = await stranger.GetAsync("/api/v1/alerts");
        using var feed = await stranger.GetAsync("/feeds/results.atom");

        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Contains("/signin", page.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, hub.StatusCode);
        Assert.Equal(HttpStatusCode.OK, alerts.StatusCode);
        Assert.Equal(HttpStatusCode.OK, feed.StatusCode);
    }

    [Fact]
    public async Task Desk_OperatorWithoutTheEditorRole_IsRefused()
    {
        using var operatorBrowser = _node.Browse();
        using var signedIn = await operatorBrowser.SignInAsync("oscar");

        using var page = await operatorBrowser.GetAsync("/desk");

        Assert.NotEqual(HttpStatusCode.OK, page.StatusCode);
    }
}
