using Microsoft.Playwright;

namespace ResultsLive.LoadTools;

/// <summary>Headless Chromium from the machine (/usr/bin/chromium): Playwright cannot download its own browser here.</summary>
internal static class Browser
{
    public static string Executable => Environment.GetEnvironmentVariable("CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public static Task<IBrowser> LaunchAsync(IPlaywright playwright) =>
        playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Executable,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
}
