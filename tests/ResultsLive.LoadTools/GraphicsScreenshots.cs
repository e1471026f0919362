using System.Text.Json.Nodes;

using Microsoft.Playwright;

namespace ResultsLive.LoadTools;

/// <summary>
/// Pictures of the broadcast graphics to look at: every template at 1920x1080 over a checkerboard (so what is transparent
/// shows as such), driven as CasparCG drives it with a running node's data, and the operator console at 1920 and 1366 px.
/// </summary>
internal static class GraphicsScreenshots
{
    // The checkerboard goes behind the template's own transparent page, as a keyer would show it.
    private const string Checkerboard = """
        () => {
          const s = document.documentElement.style;
          s.backgroundColor = '#7f7f7f';
          s.backgroundImage = 'linear-gradient(45deg,#bfbfbf 25%,transparent 25%),linear-gradient(-45deg,#bfbfbf 25%,transparent 25%),linear-gradient(45deg,transparent 75%,#bfbfbf 75%),linear-gradient(-45deg,transparent 75%,#bfbfbf 75%)';
          s.backgroundSize = '40px 40px';
          s.backgroundPosition = '0 0,0 20px,20px -20px,-20px 0';
        }
        """;

    public static async Task<int> RunAsync(Uri node, string folder, string seat, string? channel, string? key)
    {
        Directory.CreateDirectory(folder);
        using var http = new HttpClient { BaseAddress = node };
        var seatJson = await http.GetStringAsync(new Uri($"api/v1/constituencies/{Uri.EscapeDataString(seat)}", UriKind.Relative));
        var national = await http.GetStringAsync(new Uri("api/v1/results", UriKind.Relative));
        var rows = JsonNode.Parse(await http.GetStringAsync(new Uri("api/v1/constituencies", UriKind.Relative)))!.AsArray();
        var gains = new JsonArray([.. rows.Where(r => r!["result"]?.GetValue<string>() is { } result && result.Contains(" gain from ", StringComparison.Ordinal)).Select(r => r!.DeepClone())]);
        var declared = new JsonArray([.. rows.Where(r => r!["winner"] is not null).Take(12).Select(r => r!.DeepClone())]);
        var data = new Dictionary<string, string>
        {
            ["seat-result"] = seatJson,
            ["seat-full"] = seatJson,
            ["scoreboard"] = national,
            ["gains"] = gains.ToJsonString(),
            ["swing"] = national,
            ["ticker"] = declared.ToJsonString(),
            ["bug"] = national,
            ["swingometer"] = await http.GetStringAsync(new Uri("api/v1/swingometer", UriKind.Relative)),
        };

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Browser.LaunchAsync(playwright);
        var failures = 0;
        foreach (var (template, json) in data)
        {
            var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1920, Height = 1080 } });
            page.PageError += (_, error) =>
            {
                Console.WriteLine($"  page error in {template}: {error}");
                failures++;
            };
            await page.GotoAsync(new Uri(node, $"graphics/templates/{template}.html").ToString());
            await page.EvaluateAsync(Checkerboard);
            await page.EvaluateAsync("json => { update(json); play(); }", json);
            await page.EvaluateAsync("() => document.fonts.ready");
            await page.WaitForTimeoutAsync(1200);
            var name = Path.Combine(folder, $"template-{template}.png");
            await page.ScreenshotAsync(new() { Path = name });
            Console.WriteLine(name);
            if (template == "gains")
            {
                await page.EvaluateAsync("() => next()");
                await page.WaitForTimeoutAsync(800);
                var second = Path.Combine(folder, "template-gains-page2.png");
                await page.ScreenshotAsync(new() { Path = second });
                Console.WriteLine(second);
            }

            await page.CloseAsync();
        }

        if (channel is not null && key is not null)
        {
            // The channel's program output as OBS would load it, over the checkerboard.
            var output = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1920, Height = 1080 } });
            await output.GotoAsync(new Uri(node, $"graphics/output/{Uri.EscapeDataString(channel)}?key={Uri.EscapeDataString(key)}").ToString());
            await output.EvaluateAsync(Checkerboard);
            await output.WaitForTimeoutAsync(2500);
            var name = Path.Combine(folder, $"output-{channel}.png");
            await output.ScreenshotAsync(new() { Path = name });
            Console.WriteLine(name);
            await output.CloseAsync();
        }

        foreach (var (width, height) in new[] { (1920, 1080), (1366, 768) })
        {
            var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = width, Height = height } });
            page.PageError += (_, error) =>
            {
                Console.WriteLine($"  page error in the console: {error}");
                failures++;
            };
            await page.GotoAsync(new Uri(node, channel is null ? "operator" : $"operator?channel={Uri.EscapeDataString(channel)}").ToString());
            await page.WaitForFunctionAsync("() => window.Blazor !== undefined", null, new() { Timeout = 10_000 });
            await page.WaitForTimeoutAsync(2500);
            var name = Path.Combine(folder, $"console-{width}.png");
            await page.ScreenshotAsync(new() { Path = name, FullPage = true });
            Console.WriteLine(name);
            await page.CloseAsync();
        }

        return failures == 0 ? 0 : 1;
    }
}
