using System.Net;
using System.Text.Json;

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

using ResultsLive.Web.Public.Fragments;
using ResultsLive.Web.Tests.Browser;
using ResultsLive.Web.Tests.Graphics;
using ResultsLive.Web.Tests.Hosting;

namespace ResultsLive.Web.Tests.Api;

/// <summary>
/// A 2024 node (in memory, with a graphics channel) on which every third seat in the Library's order has declared, shared
/// by the swingometer's API and template tests, and a headless Chromium started when a test first asks for it.
/// </summary>
public sealed class SwingometerNight : IAsyncLifetime
{
    public const string Collection = "Swingometer night";

    private readonly Lazy<Task<(IPlaywright Playwright, IBrowser Browser)>> _chromium = new(async () =>
    {
        var playwright = await Playwright.CreateAsync();
        return (playwright, await LiveSiteFixture.LaunchAsync(playwright));
    });

    public WebNode Node { get; } = WebNode.For2024(GraphicsSettings.Channels());

    public HashSet<string> Declared { get; } = new(StringComparer.Ordinal);

    public long Sequence { get; private set; }

    public async Task InitializeAsync()
    {
        using var client = Node.Ingest();
        foreach (var declaration in Election2024.Results.Where((_, i) => i % 3 == 0))
        {
            using var response = await client.PostAsync(
                new Uri("/api/v1/declarations", UriKind.Relative), WebNode.Json(LiveSiteFixture.Body(declaration).ToJsonString()));
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Sequence = answer.RootElement.GetProperty("sequence").GetInt64();
            Declared.Add(declaration.Constituency);
        }

        var ledger = Node.Services.GetRequiredService<FragmentLedger>();
        Assert.True(await ledger.WaitForAsync(Sequence, TimeSpan.FromSeconds(60), CancellationToken.None), "the node did not apply the declarations");
    }

    public async Task<IBrowser> BrowserAsync() => (await _chromium.Value).Browser;

    public async Task DisposeAsync()
    {
        if (_chromium.IsValueCreated)
        {
            var (playwright, browser) = await _chromium.Value;
            await browser.DisposeAsync();
            playwright.Dispose();
        }

        await Node.DisposeAsync();
    }
}

/// <summary>The tests that share one <see cref="SwingometerNight"/>.</summary>
[CollectionDefinition(SwingometerNight.Collection)]
public sealed class SwingometerNightCollection : ICollectionFixture<SwingometerNight>;
