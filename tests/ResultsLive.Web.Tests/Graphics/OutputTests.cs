using System.Net;
using System.Text.Json.Nodes;

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

using ResultsLive.Web.Audit;
using ResultsLive.Web.Tests.Api;
using ResultsLive.Web.Tests.Browser;
using ResultsLive.Web.Tests.Hosting;
using ResultsLive.Web.Tests.Security;

using static Microsoft.Playwright.Assertions;

namespace ResultsLive.Web.Tests.Graphics;

/// <summary>
/// The done-when night, across two nodes on one Redis: the operator at <c>/operator</c> on node A, keyboard first, while a
/// 2024 replay runs; the output a playout machine loads from node B. Take, hold under a correction, Update, reload, Out, Clear.
/// </summary>
public sealed class OutputTests : RedisBrowserTest
{
    private const string LowerThirdFrame = "[data-layer=lowerThird] iframe[data-shown]";

    [Fact]
    public async Task Night_OperatorOnNodeA_PutsIslingtonNorthOnTheOutputOfNodeBAndHoldsItUnderACorrection()
    {
        using var a = WebNode.For2024(GraphicsSettings.Channels(), Redis.ConnectionString);
        using var b = WebNode.For2024(GraphicsSettings.Channels(), Redis.ConnectionString);
        var output = await OpenOutputAsync(b);

        // oscar, an operator, signs in at /operator on node A.
        var console = await Browser.NewPageAsync(new() { ViewportSize = new() { Width = 1920, Height = 1080 } });
        await console.GotoAsync(new Uri(a.BaseAddress, "/operator").ToString());
        await console.FillAsync("#signin-name", "oscar");
        await console.FillAsync("#signin-password", Newsroom.Password);
        await console.ClickAsync("button[type=submit]");
        await console.WaitForURLAsync(new Uri(a.BaseAddress, "/operator").ToString(), LiveSiteFixture.Arrived);
        await console.WaitForFunctionAsync("() => window.Blazor && performance.getEntriesByType('resource').some(r => r.name.includes('/_blazor/negotiate'))", null, new() { Timeout = LiveSiteFixture.Patience });
        await console.WaitForTimeoutAsync(300);

        // A replay of the night up to Islington North, running while the operator works.
        var replay = Task.Run(() => ReplayAsync(a, Election2024.Results.Where(r => r.Constituency != Election2024.IslingtonNorth).Take(40)));
        await PostAsync(a, Declarations.IslingtonNorthBody());

        // Find the seat and pick it (F1, the seat result, is the console's first template): cued into preview.
        await console.WaitForFunctionAsync("() => document.body.dataset.hotkeys === 'on'", null, new() { Timeout = LiveSiteFixture.Patience });
        var filter = console.Locator("input.filter");
        await filter.PressSequentiallyAsync("Islington");
        var seat = console.Locator("li.stack-item[data-seat='E14001305'] button.seat");
        await Expect(seat).ToBeVisibleAsync(new() { Timeout = LiveSiteFixture.Patience });
        await seat.ClickAsync();
        await Expect(console.Locator("[data-layer=lowerThird] .preview .what")).ToHaveTextAsync("Seat result · Islington North", new() { Timeout = LiveSiteFixture.Patience });
        var preview = console.FrameLocator(".monitor.preview iframe").FrameLocator(LowerThirdFrame);
        await Expect(preview.Locator("#seat")).ToHaveTextAsync("Islington North", new() { Timeout = LiveSiteFixture.Patience });

        // Typing in the filter, a space included, fires no hotkey: nothing is taken.
        await filter.FocusAsync();
        await console.Keyboard.PressAsync("End");
        await console.Keyboard.TypeAsync(" North");
        Assert.Equal("Islington North", await filter.InputValueAsync());
        await Expect(console.Locator("li.stack-item")).ToHaveCountAsync(1);
        var typed = await ChannelAsync(a);
        Assert.NotNull(typed["layers"]!["lowerThird"]!["cued"]);
        Assert.Null(typed["layers"]!["lowerThird"]!["onAir"]);

        // Space takes: the output on the other node shows it, on a transparent background.
        await console.Locator("h1").ClickAsync();
        await console.Keyboard.PressAsync("Space");
        var lowerThird = output.FrameLocator(LowerThirdFrame);
        await Expect(lowerThird.Locator("#result")).ToHaveTextAsync("Ind GAIN from Lab", new() { Timeout = LiveSiteFixture.Patience });
        await Expect(lowerThird.Locator("#winner")).ToHaveTextAsync("Jeremy Corbyn");
        await Expect(lowerThird.Locator("#majority")).ToHaveTextAsync("Majority 7,247");
        Assert.Equal("animated", await output.Locator(LowerThirdFrame).GetAttributeAsync("data-shown"));
        await output.WaitForFunctionAsync("() => getComputedStyle(document.querySelector('[data-layer=lowerThird] iframe').contentDocument.getElementById('gfx')).opacity === '1'");
        var shot = await output.ScreenshotAsync(new() { OmitBackground = true, Path = Path.Combine(LiveSiteFixture.ArtifactsDirectory, "graphics-output-islington.png") });
        var pixels = await Pixels.ReadAsync(Browser, shot, (0, 0), (1919, 0), (0, 1079), (1919, 1079), (960, 540), (700, 900));
        Assert.All(pixels.Take(5), p => Assert.Equal(0, p[3]));
        Assert.Equal(255, pixels[5][3]);
        var take = await AuditedAsync(a, "take");
        Assert.Equal(("user:oscar", "main/lowerThird"), (take.Actor, take.Target));
        Assert.StartsWith("seat-result E14001305 at sequence ", take.Detail, StringComparison.Ordinal);

        // The bug goes on air by the API (Companion's way): it follows the results.
        await replay;
        using var api = a.Operator();
        await api.CommandAsync("cue", """{"layer":"bug","template":"bug"}""");
        await api.CommandAsync("take", """{"layer":"bug"}""");
        await Expect(output.FrameLocator("[data-layer=bug] iframe").Locator("#declared")).ToHaveTextAsync("41", new() { Timeout = LiveSiteFixture.Patience });

        // A correction arrives: the console shows it under the hold; node B has pushed its outputs the live layers' data as of
        // the correction, and the held lower third has not moved.
        var correction = await PostAsync(a, Corrected(120));
        var hold = console.Locator("[data-layer=lowerThird] .hold[data-hold=onAir]");
        await Expect(hold).ToContainTextAsync("Lab +120; majority 7,247 → 7,127", new() { Timeout = LiveSiteFixture.Patience });
        await output.WaitForFunctionAsync("seq => window.rlOutput.layers.bug.onAir.sequence >= seq", correction, new() { Timeout = LiveSiteFixture.Patience });
        await Expect(lowerThird.Locator("#majority")).ToHaveTextAsync("Majority 7,247");

        // Update: the same graphic, its update(), no re-animation.
        await console.Keyboard.PressAsync("u");
        await Expect(lowerThird.Locator("#majority")).ToHaveTextAsync("Majority 7,127", new() { Timeout = LiveSiteFixture.Patience });
        Assert.Equal(1, await output.Locator("[data-layer=lowerThird] iframe").CountAsync());
        await Expect(hold).ToHaveCountAsync(0);

        // A playout machine reloads: what is on air comes back as it was, without animating in again.
        await output.ReloadAsync();
        await Expect(output.FrameLocator(LowerThirdFrame).Locator("#majority")).ToHaveTextAsync("Majority 7,127", new() { Timeout = LiveSiteFixture.Patience });
        Assert.Equal("instant", await output.Locator(LowerThirdFrame).GetAttributeAsync("data-shown"));

        // Esc takes the lower third out.
        await console.Keyboard.PressAsync("Escape");
        await Expect(output.Locator("[data-layer=lowerThird] iframe")).ToHaveCountAsync(0, new() { Timeout = LiveSiteFixture.Patience });

        // Clear all by the API takes the bug off too.
        await api.CommandAsync("clear");
        await Expect(output.Locator("[data-layer=bug] iframe")).ToHaveCountAsync(0, new() { Timeout = LiveSiteFixture.Patience });
    }

    [Fact]
    public async Task OutputPage_WrongKey_ShowsNothingAndNeverJoins()
    {
        using var node = WebNode.For2024(GraphicsSettings.Channels(), Redis.ConnectionString);
        var page = await Browser.NewPageAsync(new() { ViewportSize = new() { Width = 1920, Height = 1080 } });

        var response = await page.GotoAsync(new Uri(node.BaseAddress, "/graphics/output/main?key=not-the-key-0123456789").ToString());

        Assert.Equal(403, response!.Status);
        Assert.Equal(0, await page.Locator("script, #stage").CountAsync());
        var pixels = await Pixels.ReadAsync(Browser, await page.ScreenshotAsync(new() { OmitBackground = true }), (0, 0), (960, 540));
        Assert.All(pixels, p => Assert.Equal(0, p[3]));
    }

    [Fact]
    public async Task OutputPage_ItsNodeRestarts_KeepsWhatIsOnAirThenFollowsTheResultsAgain()
    {
        var node = WebNode.For2024(GraphicsSettings.Channels(), Redis.ConnectionString);
        var port = node.BaseAddress.Port;
        var output = await OpenOutputAsync(node);
        using (var api = node.Operator())
        {
            await api.CommandAsync("cue", """{"layer":"bug","template":"bug"}""");
            await api.CommandAsync("take", """{"layer":"bug"}""");
        }

        var declared = output.FrameLocator("[data-layer=bug] iframe").Locator("#declared");
        await Expect(declared).ToHaveTextAsync("0", new() { Timeout = LiveSiteFixture.Patience });

        node.Dispose();

        // Off the air would be the failure an audience sees: the graphic stays as it was while the page reconnects.
        await output.WaitForFunctionAsync("() => window.rlOutput.connected === false", null, new() { Timeout = 30_000 });
        await Expect(declared).ToHaveTextAsync("0");

        using var restarted = WebNode.For2024(GraphicsSettings.Channels(), Redis.ConnectionString, port: port);
        await PostAsync(restarted, LiveSiteFixture.Body(Election2024.Results.First(r => r.Constituency == Election2024.IslingtonNorth)));

        await Expect(declared).ToHaveTextAsync("1", new() { Timeout = 60_000 });
        Assert.True(await output.EvaluateAsync<bool>("() => window.rlOutput.connected"));
        await output.CloseAsync();
    }

    /// <summary>The audit trail's first event of an action, once it is there (it is written just after the act).</summary>
    private static async Task<AuditEvent> AuditedAsync(WebNode node, string action)
    {
        var trail = node.Services.GetRequiredService<IAuditTrail>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        while (true)
        {
            var page = await trail.ReadAsync(new AuditFilter(Action: action), new AuditPaging(), timeout.Token);
            if (page.Events.Count > 0)
            {
                return Assert.Single(page.Events).Event;
            }

            await Task.Delay(50, timeout.Token);
        }
    }

    private async Task<IPage> OpenOutputAsync(WebNode node)
    {
        var page = await Browser.NewPageAsync(new() { ViewportSize = new() { Width = 1920, Height = 1080 } });
        await page.GotoAsync(new Uri(node.BaseAddress, GraphicsSettings.OutputPath()).ToString());
        await page.WaitForFunctionAsync("() => window.rlOutput && window.rlOutput.connected", null, new() { Timeout = LiveSiteFixture.Patience });
        return page;
    }

    private static async Task ReplayAsync(WebNode node, IEnumerable<Core.Model.Declaration> results)
    {
        foreach (var result in results)
        {
            await PostAsync(node, LiveSiteFixture.Body(result));
        }
    }

    private static async Task<long> PostAsync(WebNode node, JsonObject body)
    {
        using var ingest = node.Ingest();
        using var response = await ingest.PostAsync(new Uri("/api/v1/declarations", UriKind.Relative), WebNode.Json(body.ToJsonString()));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!["sequence"]!.GetValue<long>();
    }

    private static JsonObject Corrected(int extraForLabour)
    {
        var body = Declarations.IslingtonNorthBody(revision: 2);
        foreach (var candidate in body["candidates"]!.AsArray())
        {
            if (candidate!["party"]!.GetValue<string>() == "Lab")
            {
                candidate["votes"] = candidate["votes"]!.GetValue<int>() + extraForLabour;
            }
        }

        return body;
    }

    private static async Task<JsonNode> ChannelAsync(WebNode node)
    {
        using var client = node.Operator();
        return JsonNode.Parse(await client.GetStringAsync(new Uri(GraphicsSettings.Api(), UriKind.Relative)))!;
    }
}
