using System.Diagnostics;
using System.Globalization;
using System.Net.Http;

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;

using ResultsLive.Import;
using ResultsLive.Testing;

namespace ResultsLive.LoadTools;

/// <summary>
/// The public pages as a national audience meets them: COUNT viewers held open on one node through the push channel
/// (<c>/api/v1/stream</c>), each receiving every declaration, and one real page in headless Chromium among them.
/// Prints declaration-to-DOM latency for the page, server memory per viewer, node CPU per declaration, and whether
/// every viewer received every declaration.
/// </summary>
internal static class StreamLoadTest
{
    public static async Task<int> RunAsync(int declarations, int viewers, string? published, bool inMemory, bool memoryOnly)
    {
        var repository = LoadTest.Repository();
        var work = Directory.CreateTempSubdirectory("resultslive-stream-").FullName;
        RedisServer? redis = null;
        var open = new List<StreamViewer>();
        try
        {
            published ??= await LoadTest.PublishAsync(repository, Path.Combine(work, "publish"));
            string? connection = null;
            if (!inMemory)
            {
                redis = await RedisServer.StartAsync();
                connection = redis.ConnectionString;
            }

            var night = ElectionLoader.Load(new ElectionFiles(SharedData.Candidates2024, SharedData.Constituencies2024, SharedData.Notional2019)).Results;
            Console.WriteLine($"Web node: published Release build, Production environment, workstation GC, 2024 election, journal {(inMemory ? "in memory" : "in a local redis-server (appendfsync always)")}.");
            Console.WriteLine($"Machine: {Environment.ProcessorCount} cores; open files limit {OpenFilesLimit()}; measured page in headless {Browser.Executable}; the other viewers are /api/v1/stream clients in this process.");

            await using var node = await WebNodeProcess.StartAsync(published, connection);
            using var client = new HttpClient { BaseAddress = node.BaseAddress };
            client.DefaultRequestHeaders.Add("X-Api-Key", WebNodeProcess.ApiKey);
            var next = 0;
            for (; next < 100; next++)
            {
                await LoadTest.PostAsync(client, night[next]);
            }

            // One connection per viewer, as browsers have; no pooling limit, no idle timeout.
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue, PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan })
            {
                Timeout = Timeout.InfiniteTimeSpan,
            };
            var memory = new List<(int Viewers, long Managed, long WorkingSet)>();
            foreach (var target in new[] { 0, viewers / 2, viewers })
            {
                var opening = new List<Task<StreamViewer>>();
                while (open.Count + opening.Count < target)
                {
                    opening.Add(StreamViewer.OpenAsync(http, node.BaseAddress));
                    if (opening.Count == 200)
                    {
                        open.AddRange(await Task.WhenAll(opening));
                        opening.Clear();
                    }
                }

                open.AddRange(await Task.WhenAll(opening));
                await Task.Delay(2000);
                var (managed, _, workingSet) = await node.MeasureMemoryAsync();
                memory.Add((target, managed, workingSet));
                Console.WriteLine($"  {target,5} viewers: managed heap {managed / 1024.0 / 1024:0.00} MiB, working set {workingSet / 1024.0 / 1024:0.0} MiB");
            }

            var perViewer = (memory[^1].Managed - memory[0].Managed) / (double)Math.Max(1, viewers);
            var rssPerViewer = (memory[^1].WorkingSet - memory[0].WorkingSet) / (double)Math.Max(1, viewers);
            if (memoryOnly)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Server memory per viewer (managed heap after forced full GC, slope over 0/{viewers / 2}/{viewers}): {perViewer / 1024:0.0} KB (working set {rssPerViewer / 1024:0.0} KB)"));
                return 0;
            }

            using var playwright = await Playwright.CreateAsync();
            await using var browser = await Browser.LaunchAsync(playwright);
            var measured = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
            await measured.AddInitScriptAsync(LoadTest.Observer);
            var page = await LoadTest.OpenScoreboardAsync(measured, node.BaseAddress);
            await page.WaitForFunctionAsync("() => document.querySelector('[data-live-status]')?.dataset.state === 'live'", null, new() { Timeout = 60_000 });

            Console.WriteLine($"  warm-up: {WarmUp} declarations with {open.Count} viewers open, not counted ...");
            await LoadTest.MeasureLatencyAsync(client, page.MainFrame, night, ref next, WarmUp);

            Console.WriteLine($"  latency with {open.Count} viewers open ...");
            var before = open.Select(v => v.Sequences).ToArray();
            var cpu = LoadTest.NodeCpu(node);
            var browser0 = LoadTest.BrowserCpu();
            var ticks = LoadTest.MachineTicks();
            var crowded = await LoadTest.MeasureLatencyAsync(client, page.MainFrame, night, ref next, declarations);
            var crowdedCpu = (LoadTest.NodeCpu(node) - cpu).TotalMilliseconds / declarations;
            var crowdedBrowserCpu = (LoadTest.BrowserCpu() - browser0).TotalMilliseconds / declarations;
            var crowdedSteal = LoadTest.StealPercent(ticks, LoadTest.MachineTicks());

            // Every viewer must have had every declaration: the last one may still be on its way, so wait for it.
            var deadline = Stopwatch.StartNew();
            while (open.Select((v, i) => v.Sequences - before[i]).Min() < declarations && deadline.Elapsed < TimeSpan.FromSeconds(30))
            {
                await Task.Delay(100);
            }

            var received = open.Select((v, i) => v.Sequences - before[i]).ToList();
            foreach (var viewer in open)
            {
                await viewer.DisposeAsync();
            }

            open.Clear();
            await Task.Delay(2000);
            Console.WriteLine("  latency with the measured page alone ...");
            cpu = LoadTest.NodeCpu(node);
            browser0 = LoadTest.BrowserCpu();
            ticks = LoadTest.MachineTicks();
            var alone = await LoadTest.MeasureLatencyAsync(client, page.MainFrame, night, ref next, declarations);
            var aloneCpu = (LoadTest.NodeCpu(node) - cpu).TotalMilliseconds / declarations;
            var aloneBrowserCpu = (LoadTest.BrowserCpu() - browser0).TotalMilliseconds / declarations;
            var aloneSteal = LoadTest.StealPercent(ticks, LoadTest.MachineTicks());

            // The same for an embed on a newsroom's article: the ticker embed in a sandboxed iframe on a page of another origin.
            await measured.CloseAsync();
            var hosted = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
            await hosted.AddInitScriptAsync(LoadTest.Observer);
            var (newsroom, embed) = await OpenEmbedAsync(hosted, node.BaseAddress);
            await using var newsroomHost = newsroom;
            Console.WriteLine($"  warm-up: {EmbedWarmUp} declarations with the ticker embed in a host page, not counted ...");
            await LoadTest.MeasureLatencyAsync(client, embed, night, ref next, EmbedWarmUp);
            Console.WriteLine("  latency with the ticker embed in a host page alone ...");
            var embedded = await LoadTest.MeasureLatencyAsync(client, embed, night, ref next, declarations);

            Console.WriteLine();
            Console.WriteLine("Declaration to DOM (POST sent -> the seat's ticker entry for that revision in the page's DOM):");
            LoadTest.Report("  1 page open", alone);
            LoadTest.Report($"  1 page + {viewers} stream viewers", crowded);
            LoadTest.Report($"  1 embed ({EmbedPath} in a sandboxed iframe on a host page of another origin)", embedded);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  every viewer received every declaration: {(received.Count == 0 || received.Min() >= declarations ? "yes" : "NO")} (per viewer: min {received.DefaultIfEmpty().Min()}, max {received.DefaultIfEmpty().Max()} of {declarations})"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  node CPU per declaration: {aloneCpu:0.0} ms with 1 page, {crowdedCpu:0.0} ms with 1 page + {viewers} viewers; machine load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  the measured page's browser (all Chromium processes) CPU per declaration: {aloneBrowserCpu:0.0} ms alone, {crowdedBrowserCpu:0.0} ms with {viewers} viewers"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  CPU stolen by the hypervisor (other guests on the host) while measuring: {aloneSteal:0.0}% with 1 page, {crowdedSteal:0.0}% with {viewers} viewers"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Server memory per viewer (managed heap after forced full GC, slope over 0/{viewers / 2}/{viewers} viewers): {perViewer / 1024:0.0} KB; working set slope {rssPerViewer / 1024:0.0} KB"));
            var limit = viewers >= 1000 ? 1000 : 100;
            Console.WriteLine($"Targets: p99 with {viewers} viewers < {limit} ms: {(LoadTest.Percentile(crowded.Dom, 0.99) < limit ? "met" : "NOT met")}; "
                + $"p99 with 1 page < 100 ms: {(LoadTest.Percentile(alone.Dom, 0.99) < 100 ? "met" : "NOT met")}; "
                + $"p99 of the embed < 100 ms: {(LoadTest.Percentile(embedded.Dom, 0.99) < 100 ? "met" : "NOT met")}; "
                + $"<= 30 KB per viewer: {(perViewer <= 30 * 1024 ? "met" : "NOT met")}");
            return 0;
        }
        finally
        {
            foreach (var viewer in open)
            {
                await viewer.DisposeAsync();
            }

            if (redis is not null)
            {
                await redis.DisposeAsync();
            }

            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>
    /// Declarations before the first measured one: about 30 s of traffic, which is how long the node's JIT takes to settle
    /// (dotnet-counters: up to a core's worth of compilation a second until then, nothing after). On the night a node has
    /// been up for hours before the first result; a figure taken while it is still compiling measures its start-up.
    /// </summary>
    private const int WarmUp = 120;

    private const string EmbedPath = "/embed/ticker";
    private const int EmbedWarmUp = 20;

    /// <summary>
    /// A newsroom's article with the ticker embed's code in it, as the embed codes page gives it (embed.js turns the
    /// blockquote into the live iframe), served by a Kestrel of this tool's on its own loopback port: another origin, as a
    /// real host page is, and loopback framing loopback, as the browser's local-network rules require. The frame, once live.
    /// </summary>
    private static async Task<(WebApplication Host, IFrame Frame)> OpenEmbedAsync(IBrowserContext context, Uri baseAddress)
    {
        var origin = baseAddress.ToString().TrimEnd('/');
        var article = $"""
            <!doctype html><html lang="en"><head><meta charset="utf-8"><title>Election night: live</title></head>
            <body><h1>Election night: the results as they come</h1>
            <blockquote class="resultslive-embed" data-src="{origin}{EmbedPath}" data-height="480"><p>The latest results</p></blockquote>
            <script src="{origin}/embed.js" async></script></body></html>
            """;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var host = builder.Build();
        host.MapGet("/article", () => Results.Content(article, "text/html; charset=utf-8"));
        await host.StartAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(host.Urls.Single() + "/article");
        var frame = await (await page.WaitForSelectorAsync("iframe[data-resultslive-embed]", new() { Timeout = 30_000 }))!.ContentFrameAsync()
            ?? throw new InvalidOperationException("the embed's iframe has no frame");
        await frame.WaitForFunctionAsync("() => document.querySelector('[data-live-status]')?.dataset.state === 'live'", null, new() { Timeout = 60_000 });
        return (host, frame);
    }

    private static string OpenFilesLimit() =>
        File.ReadLines("/proc/self/limits").FirstOrDefault(l => l.StartsWith("Max open files", StringComparison.Ordinal)) is { } line
            ? string.Join(' ', line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[3..4])
            : "?";
}
