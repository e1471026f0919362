using Microsoft.Playwright;

namespace ResultsLive.LoadTools;

/// <summary>Full-page screenshots of the public pages at phone and desktop widths, with any console errors printed.</summary>
internal static class Screenshots
{
    public static async Task<int> RunAsync(Uri baseAddress, string output, IReadOnlyList<string> paths)
    {
        Directory.CreateDirectory(output);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Browser.LaunchAsync(playwright);
        var failures = 0;
        foreach (var width in new[] { 390, 1920 })
        {
            foreach (var path in paths)
            {
                var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = width, Height = width < 800 ? 844 : 1080 } });
                page.Console += (_, message) =>
                {
                    if (message.Type is "error" or "warning")
                    {
                        Console.WriteLine($"  console {message.Type} on {path}: {message.Text}");
                        failures += message.Type == "error" ? 1 : 0;
                    }
                };
                page.PageError += (_, error) =>
                {
                    Console.WriteLine($"  page error on {path}: {error}");
                    failures++;
                };
                await page.GotoAsync(new Uri(baseAddress, path).ToString());
                // A newsroom page is ready when Blazor is; a public page (no circuit) when public.js has heard from the stream.
                await page.WaitForFunctionAsync(
                    "() => window.Blazor !== undefined || document.querySelector('[data-live-status]')?.dataset.state === 'live' || (document.readyState === 'complete' && !document.querySelector('[data-part]'))",
                    null,
                    new() { Timeout = 10_000 });
                if (await page.Locator(".apex-chart").CountAsync() > 0)
                {
                    await page.Locator(".apexcharts-canvas").First.WaitForAsync(new() { Timeout = 10_000 });
                }

                await page.WaitForTimeoutAsync(800);
                var name = Path.Combine(output, $"{Slug(path)}-{width}.png");
                await page.ScreenshotAsync(new() { Path = name, FullPage = true });
                Console.WriteLine($"{name}");
                if (width < 800)
                {
                    // A phone-width page is too tall to read as one picture: also save it in screen-sized parts.
                    var height = await page.EvaluateAsync<int>("() => document.documentElement.scrollHeight");
                    for (var (top, part) = (0, 1); top < height; top += 1200, part++)
                    {
                        var partName = Path.Combine(output, $"{Slug(path)}-{width}-part{part}.png");
                        await page.ScreenshotAsync(new()
                        {
                            Path = partName,
                            FullPage = true,
                            Clip = new() { X = 0, Y = top, Width = width, Height = Math.Min(1200, height - top) },
                        });
                    }
                }
                await page.CloseAsync();
            }
        }

        return failures == 0 ? 0 : 1;
    }

    private static string Slug(string path) => path.Trim('/') is { Length: > 0 } p ? p.Replace('/', '-') : "home";
}
