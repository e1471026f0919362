using Microsoft.Playwright;

namespace ResultsLive.LoadTools;

/// <summary>Opens a page, waits for Blazor and the charts, and prints the value of a JavaScript expression: a debugging aid.</summary>
internal static class Probe
{
    public static async Task<int> RunAsync(Uri url, string expression)
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Browser.LaunchAsync(playwright);
        var page = await browser.NewPageAsync();
        page.Console += (_, m) => Console.WriteLine($"console {m.Type}: {m.Text}");
        page.PageError += (_, e) => Console.WriteLine($"page error: {e}");
        await page.GotoAsync(url.ToString());
        await page.WaitForTimeoutAsync(3000);
        Console.WriteLine(await page.EvaluateAsync<string>($"async () => JSON.stringify(await ({expression}))"));
        return 0;
    }
}
