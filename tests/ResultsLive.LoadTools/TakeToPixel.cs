using System.Globalization;
using System.Text;

using Microsoft.Playwright;

using ResultsLive.Import;
using ResultsLive.Testing;

namespace ResultsLive.LoadTools;

/// <summary>
/// Take-to-pixel: from the start of the take request to the first animation frame in which the layer's opacity is above 0,
/// on an output page served by another node than the one taking (two nodes on one redis-server, as a gallery runs them).
/// </summary>
internal static class TakeToPixel
{
    private const string Channel = "main";
    private const string OutputKey = "load-tool-output-key-0123456789";
    private const string OperatorKey = "load-tool-operator-key-0123456789";

    // Watches every frame for the graphic with the given id to show: the frame's time (ms since the epoch) is recorded the
    // first time its page reports an opacity above 0.
    private const string Arm = """
        id => {
          window.__taken = null;
          const watch = now => {
            const frame = document.querySelector(`[data-layer=lowerThird] iframe[data-item="${id}"]`);
            const gfx = frame && frame.contentDocument && frame.contentDocument.getElementById('gfx');
            if (gfx && parseFloat(getComputedStyle(gfx).opacity) > 0) {
              window.__taken = performance.timeOrigin + now;
              return;
            }
            requestAnimationFrame(watch);
          };
          requestAnimationFrame(watch);
        }
        """;

    public static async Task<int> RunAsync(int takes, string? published)
    {
        var repository = LoadTest.Repository();
        var work = Directory.CreateTempSubdirectory("resultslive-take-").FullName;
        try
        {
            published ??= await LoadTest.PublishAsync(repository, Path.Combine(work, "publish"));
            await using var redis = await RedisServer.StartAsync();
            var settings = new Dictionary<string, string>
            {
                [$"ResultsLive:Graphics:Channels:{Channel}:OutputKey"] = OutputKey,
                ["ResultsLive:ApiKeys:load-tool:Key"] = OperatorKey,
                ["ResultsLive:ApiKeys:load-tool:Permissions:0"] = "operator",
            };
            await using var a = await WebNodeProcess.StartAsync(published, redis.ConnectionString, settings);
            await using var b = await WebNodeProcess.StartAsync(published, redis.ConnectionString, settings);
            Console.WriteLine("Two web nodes (published Release build, Production) on one redis-server (infra/redis/redis.conf); "
                + $"the take is sent to node A, the output page is served by node B; headless {Browser.Executable}; {Environment.ProcessorCount} cores.");

            using var ingest = new HttpClient { BaseAddress = a.BaseAddress };
            ingest.DefaultRequestHeaders.Add("X-Api-Key", WebNodeProcess.ApiKey);
            using var api = new HttpClient { BaseAddress = a.BaseAddress };
            api.DefaultRequestHeaders.Add("X-Api-Key", OperatorKey);
            var islington = ElectionLoader.Load(new ElectionFiles(SharedData.Candidates2024, SharedData.Constituencies2024, SharedData.Notional2019))
                .Results.First(r => r.Constituency == "E14001305");
            await SendAsync(ingest, "/api/v1/declarations", Declaration(islington));

            using var playwright = await Playwright.CreateAsync();
            await using var browser = await Browser.LaunchAsync(playwright);
            var output = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1920, Height = 1080 } });
            await output.GotoAsync(new Uri(b.BaseAddress, $"graphics/output/{Channel}?key={OutputKey}").ToString());
            await output.WaitForFunctionAsync("() => window.rlOutput && window.rlOutput.connected", null, new() { Timeout = 30_000 });

            // Warm both nodes and the page up (tiered compilation, template cache) before measuring.
            const int warmUp = 20;
            var latencies = new List<double>();
            for (var i = 0; i < warmUp + takes; i++)
            {
                var latency = await TakeOnceAsync(api, output);
                if (i >= warmUp)
                {
                    latencies.Add(latency);
                }
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"take-to-pixel over {latencies.Count} takes (after {warmUp} warm-up): p50 {LoadTest.Percentile(latencies, 0.5):0.0} ms, "
                + $"p99 {LoadTest.Percentile(latencies, 0.99):0.0} ms, max {latencies.Max():0.0} ms, mean {latencies.Average():0.0} ms"));
            var met = LoadTest.Percentile(latencies, 0.99) < 40;
            Console.WriteLine($"Target: p99 under 40 ms (two frames at 50 fps): {(met ? "met" : "NOT met")}");
            return 0;
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>Cues (not measured), waits until the output has the cue loaded, then measures one take and takes it out.</summary>
    private static async Task<double> TakeOnceAsync(HttpClient api, IPage output)
    {
        var cued = await SendAsync(api, $"/api/v1/graphics/channels/{Channel}/cue", """{"layer":"lowerThird","template":"seat-result","constituency":"E14001305"}""");
        var id = System.Text.Json.JsonDocument.Parse(cued).RootElement.GetProperty("layers").GetProperty("lowerThird").GetProperty("cued").GetProperty("id").GetString()!;
        await output.WaitForFunctionAsync(
            "id => { const s = window.rlOutput.layers.lowerThird.standby; return s && s.id === id && s.ready; }", id, new() { Timeout = 30_000 });
        await output.EvaluateAsync(Arm, id);

        var started = (DateTime.UtcNow - DateTime.UnixEpoch).TotalMilliseconds;
        await SendAsync(api, $"/api/v1/graphics/channels/{Channel}/take", """{"layer":"lowerThird"}""");
        var shown = await output.WaitForFunctionAsync("() => window.__taken", null, new() { Timeout = 30_000, PollingInterval = 5 });
        var latency = await shown.JsonValueAsync<double>() - started;

        await SendAsync(api, $"/api/v1/graphics/channels/{Channel}/out", """{"layer":"lowerThird"}""");
        await output.WaitForFunctionAsync("() => document.querySelectorAll('[data-layer=lowerThird] iframe[data-shown]').length === 0", null, new() { Timeout = 30_000 });
        return latency;
    }

    private static async Task<string> SendAsync(HttpClient client, string path, string body)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await client.PostAsync(new Uri(path, UriKind.Relative), content);
        var text = await response.Content.ReadAsStringAsync();
        return response.IsSuccessStatusCode ? text : throw new InvalidOperationException($"{path}: {(int)response.StatusCode} {text}");
    }

    private static string Declaration(Core.Model.Declaration declaration) => System.Text.Json.JsonSerializer.Serialize(new
    {
        constituency = declaration.Constituency,
        revision = declaration.Revision,
        declaredAt = declaration.DeclaredAt,
        electorate = declaration.Electorate,
        invalidVotes = declaration.InvalidVotes,
        candidates = declaration.Candidates.Select(c => new { name = c.Name, party = c.Party, votes = c.Votes }),
    });
}
