using Microsoft.Playwright;

namespace ResultsLive.Web.Tests.Browser;

/// <summary>A test class's own redis-server and headless Chromium, for tests that start their own nodes on that Redis.</summary>
public abstract class RedisBrowserTest : IAsyncLifetime
{
    private IPlaywright _playwright = null!;

    protected RedisServer Redis { get; private set; } = null!;

    protected IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Redis = await RedisServer.StartAsync();
        _playwright = await Playwright.CreateAsync();
        Browser = await LiveSiteFixture.LaunchAsync(_playwright);
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright.Dispose();
        await Redis.DisposeAsync();
    }
}
