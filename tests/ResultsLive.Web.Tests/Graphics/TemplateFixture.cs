using System.Net;

using Microsoft.Playwright;

using ResultsLive.Web.Tests.Api;
using ResultsLive.Web.Tests.Browser;
using ResultsLive.Web.Tests.Hosting;

namespace ResultsLive.Web.Tests.Graphics;

/// <summary>A node serving the templates (2024, in memory, Islington North declared) and one headless Chromium.</summary>
public sealed class TemplateFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public WebNode Node { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Node = WebNode.For2024(GraphicsSettings.Channels());
        using var ingest = Node.Ingest();
        using var response = await ingest.PostAsync(new Uri("/api/v1/declarations", UriKind.Relative), WebNode.Json(Declarations.IslingtonNorthBody().ToJsonString()));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        _playwright = await Playwright.CreateAsync();
        Browser = await LiveSiteFixture.LaunchAsync(_playwright);
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (Node is not null)
        {
            await Node.DisposeAsync();
        }
    }

    public string Url(string path) => new Uri(Node.BaseAddress, path).ToString();

    /// <summary>Opens a template by itself at 1920x1080, as CasparCG's HTML producer loads it.</summary>
    public async Task<IPage> OpenTemplateAsync(string template)
    {
        var page = await Browser.NewPageAsync(new() { ViewportSize = new() { Width = 1920, Height = 1080 } });
        await page.GotoAsync(Url($"/graphics/templates/{template}.html"));
        return page;
    }
}
