using Microsoft.Playwright;

using ResultsLive.Web.Tests.Hosting;
using ResultsLive.Web.Tests.Security;

namespace ResultsLive.Web.Tests.Browser;

/// <summary>A node with the newsroom's users and single sign-on against a real OpenID provider, and one headless Chromium.</summary>
public sealed class NewsroomSiteFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public TestOpenIdProvider Provider { get; private set; } = null!;

    public WebNode Node { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Provider = await TestOpenIdProvider.StartAsync();
        var settings = Newsroom.Settings();
        foreach (var (key, value) in Provider.Settings())
        {
            settings[key] = value;
        }

        Node = WebNode.For2024(settings);
        Provider.RedirectUri = new Uri(Node.BaseAddress, "/signin-oidc");
        _playwright = await Playwright.CreateAsync();
        Browser = await LiveSiteFixture.LaunchAsync(_playwright);
        Directory.CreateDirectory(LiveSiteFixture.ArtifactsDirectory);
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        Node?.Dispose();
        if (Provider is not null)
        {
            await Provider.DisposeAsync();
        }
    }

    public string Url(string path) => new Uri(Node.BaseAddress, path).ToString();

    /// <summary>A page in a context of its own (its own cookies), as a different person's browser would be.</summary>
    public async Task<IPage> NewPageAsync(int width = 1280)
    {
        var context = await Browser.NewContextAsync(new() { ViewportSize = new() { Width = width, Height = 900 } });
        return await context.NewPageAsync();
    }
}
