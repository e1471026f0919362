using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;

using Microsoft.Playwright;

using ResultsLive.Core.Model;
using ResultsLive.Import;
using ResultsLive.Testing;

namespace ResultsLive.LoadTools;

/// <summary>
/// Declaration-to-DOM latency in a real browser, alone and with 100 other circuits open, and server memory per idle
/// scoreboard circuit at 0, 50 and 100 circuits. Prints the figures and how they were taken.
/// </summary>
internal static class LoadTest
{
    // Records, in the page, when each seat's ticker entry (seat + revision) first appears in the DOM, on the same wall
    // clock as the POST's send time: performance.timeOrigin + performance.now() is milliseconds since the Unix epoch.
    internal const string Observer = """
        window.__seen = {};
        new MutationObserver(records => {
            const now = performance.timeOrigin + performance.now();
            const note = el => {
                const key = el.dataset.seat + ':' + el.dataset.revision;
                if (!(key in window.__seen)) window.__seen[key] = now;
            };
            for (const r of records) {
                if (r.type === 'attributes' && r.target.matches?.('li.latest-item')) note(r.target);
                for (const n of r.addedNodes) {
                    if (n.nodeType !== 1) continue;
                    if (n.matches('li.latest-item')) note(n);
                    n.querySelectorAll?.('li.latest-item').forEach(note);
                }
            }
        }).observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-revision'] });
        """;

    public static async Task<int> RunAsync(int declarations, int others, string? published, bool inMemory, bool memoryOnly = false, bool stream = false)
    {
        if (stream)
        {
            return await StreamLoadTest.RunAsync(declarations, others, published, inMemory, memoryOnly);
        }

        var repository = Repository();
        var work = Directory.CreateTempSubdirectory("resultslive-load-").FullName;
        RedisServer? redis = null;
        try
        {
            published ??= await PublishAsync(repository, Path.Combine(work, "publish"));
            string? connection = null;
            if (!inMemory)
            {
                redis = await RedisServer.StartAsync();
                connection = redis.ConnectionString;
            }

            var night = ElectionLoader.Load(new ElectionFiles(SharedData.Candidates2024, SharedData.Constituencies2024, SharedData.Notional2019)).Results;
            Console.WriteLine($"Web node: published Release build, Production environment, workstation GC (DOTNET_gcServer=0), "
                + $"2024 election, journal {(inMemory ? "in memory" : "in a local redis-server (infra/redis/redis.conf, appendfsync always)")}.");
            Console.WriteLine($"Machine: {Environment.ProcessorCount} cores; measured page in headless {Browser.Executable}; other circuits are raw Blazor circuits.");

            await using var node = await WebNodeProcess.StartAsync(published, connection);
            using var client = new HttpClient { BaseAddress = node.BaseAddress };
            client.DefaultRequestHeaders.Add("X-Api-Key", WebNodeProcess.ApiKey);
            using var playwright = await Playwright.CreateAsync();
            await using var browser = await Browser.LaunchAsync(playwright);

            // Some results first, so an idle scoreboard is a realistic one (charts, ticker, gains, a coloured map).
            var next = 0;
            for (; next < 100; next++)
            {
                await PostAsync(client, night[next]);
            }

            // Memory: the node's managed heap after forced full GCs, with 0, 50 and 100 idle scoreboard circuits open.
            // The circuits are raw Blazor circuits (see RawCircuit): the server does for each what it does for a browser tab,
            // without 100 Chromium renderers competing for the machine's two cores.
            using var http = new HttpClient();
            var circuits = new List<RawCircuit>();
            var memory = new List<(int Circuits, long Managed, long LargeObjects, long WorkingSet)>();
            foreach (var target in new[] { 0, others / 2, others })
            {
                while (circuits.Count < target)
                {
                    var circuit = await RawCircuit.OpenAsync(http, node.BaseAddress);
                    await circuit.WaitUntilRenderedAsync(TimeSpan.FromSeconds(30));
                    circuits.Add(circuit);
                }

                await Task.Delay(2000);
                var (managed, largeObjects, workingSet) = await node.MeasureMemoryAsync();
                memory.Add((target, managed, largeObjects, workingSet));
                Console.WriteLine($"  {target,3} idle circuits: managed heap {managed / 1024.0 / 1024:0.00} MiB (large-object heap {largeObjects / 1024.0 / 1024:0.00} MiB), working set {workingSet / 1024.0 / 1024:0.0} MiB");
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  an idle circuit was sent {circuits.Sum(c => c.RenderBatchBytes) / (double)Math.Max(1, circuits.Count) / 1024:0.0} KB of render batches to draw the page ({circuits.Sum(c => c.RenderBatches) / (double)Math.Max(1, circuits.Count):0.0} batches)"));
            if (memoryOnly)
            {
                var perCircuit = (memory[^1].Managed - memory[0].Managed) / (double)Math.Max(1, memory[^1].Circuits - memory[0].Circuits);
                Console.WriteLine($"Server memory per idle scoreboard circuit (managed heap after forced full GC): {perCircuit / 1024:0.0} KB");
                return 0;
            }

            // Latency in a real browser page, with the other circuits still open (each re-rendering on every update), then alone.
            var measured = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
            await measured.AddInitScriptAsync(Observer);
            var page = await OpenScoreboardAsync(measured, node.BaseAddress);
            await PostAsync(client, night[next++]);

            // Not counted: the first updates through a fresh node's render path run tier-0 code and the JIT (8 % of the
            // node's CPU in a trace of the first minute); the night's figures are its steady state.
            Console.WriteLine($"  warm-up: {WarmUp} updates with {circuits.Count} other circuits open, not counted ...");
            await MeasureLatencyAsync(client, page.MainFrame, night, ref next, WarmUp);

            Console.WriteLine($"  latency with {circuits.Count} other circuits open ...");
            var before = circuits.Sum(c => c.RenderBatches);
            var bytesBefore = circuits.Sum(c => c.RenderBatchBytes);
            var cpu = NodeCpu(node);
            var toolCpu = Process.GetCurrentProcess().TotalProcessorTime;
            var crowded = await MeasureLatencyAsync(client, page.MainFrame, night, ref next, declarations);
            var crowdedCpu = (NodeCpu(node) - cpu).TotalMilliseconds / declarations;
            var crowdCpu = (Process.GetCurrentProcess().TotalProcessorTime - toolCpu).TotalMilliseconds / declarations;
            var batches = circuits.Sum(c => c.RenderBatches) - before;
            var batchBytes = circuits.Sum(c => c.RenderBatchBytes) - bytesBefore;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  (the {circuits.Count} other circuits received {batches} render batches meanwhile, {batchBytes / (double)Math.Max(1, batches) / 1024:0.0} KB each on average)"));
            foreach (var circuit in circuits)
            {
                await circuit.DisposeAsync();
            }

            await Task.Delay(2000);
            Console.WriteLine("  latency with the measured page alone ...");
            cpu = NodeCpu(node);
            var alone = await MeasureLatencyAsync(client, page.MainFrame, night, ref next, declarations);
            var aloneCpu = (NodeCpu(node) - cpu).TotalMilliseconds / declarations;

            Console.WriteLine();
            Console.WriteLine("Declaration to DOM (POST sent -> the seat's ticker entry for that revision in the page's DOM):");
            Report("  1 page open", alone);
            Report($"  1 page + {others} other circuits (raw Blazor circuits)", crowded);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  node CPU per update: {aloneCpu:0.0} ms with 1 page, {crowdedCpu:0.0} ms with 1 + {others} circuits (this tool, driving the {others} raw circuits and the browser: {crowdCpu:0.0} ms); machine load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}"));
            Console.WriteLine();
            var slope = (memory[^1].Managed - memory[0].Managed) / (double)Math.Max(1, memory[^1].Circuits - memory[0].Circuits);
            var rss = (memory[^1].WorkingSet - memory[0].WorkingSet) / (double)Math.Max(1, memory[^1].Circuits - memory[0].Circuits);
            Console.WriteLine($"Server memory per idle scoreboard circuit (managed heap after forced full GC, slope over 0/{others / 2}/{others} circuits): {slope / 1024:0.0} KB");

            // The large-object heap holds no circuit's state (a page's render trees are far below 85 KB). What grows there
            // (dotnet-gcdump: 3 arrays at 0 circuits, 13 at 100) are byte arrays of exactly 256 KB, the power-of-two size
            // ArrayPool hands out for a ~150 KB first render batch or prerendered page, kept by the pool afterwards. How many
            // it keeps follows the threads that happened to render, so this part varies from run to run.
            var loh = (memory[^1].LargeObjects - memory[0].LargeObjects) / (double)Math.Max(1, memory[^1].Circuits - memory[0].Circuits);
            Console.WriteLine($"  of which large-object heap (pooled render buffers): {loh / 1024:0.0} KB; small-object heap alone: {(slope - loh) / 1024:0.0} KB per circuit");
            Console.WriteLine($"  (working set slope, for reference, includes native buffers and is not GC-compacted: {rss / 1024:0.0} KB per circuit)");
            Console.WriteLine($"Targets: p99 with {others} other circuits < 100 ms: {(Percentile(crowded.Dom, 0.99) < 100 ? "met" : "NOT met")}; "
                + $"<= 250 KB per idle circuit: {(slope <= 250 * 1024 ? "met" : "NOT met")}");
            return 0;
        }
        finally
        {
            if (redis is not null)
            {
                await redis.DisposeAsync();
            }

            Directory.Delete(work, recursive: true);
        }
    }

    internal const int WarmUp = 40;

    internal static Task<(List<double> Dom, List<double> Ack, int Missed)> MeasureLatencyAsync(
        HttpClient client, IFrame page, IReadOnlyList<Declaration> night, ref int next, int count)
    {
        var start = next;
        next += count;
        return Measure(client, page, night, start, count);

        static async Task<(List<double>, List<double>, int)> Measure(HttpClient client, IFrame page, IReadOnlyList<Declaration> night, int start, int count)
        {
            var dom = new List<double>();
            var ack = new List<double>();
            var missed = 0;
            for (var i = 0; i < count; i++)
            {
                // Every tenth update is a correction (revision 2) of the seat declared just before it.
                var declaration = i % 10 == 9
                    ? night[start + i - 1] with { Revision = 2, Candidates = [.. night[start + i - 1].Candidates.Select((c, k) => k == 0 ? c with { Votes = c.Votes + 3 } : c)] }
                    : night[start + i];
                var key = $"{declaration.Constituency}:{declaration.Revision}";
                var sent = NowMs();
                await PostAsync(client, declaration);
                ack.Add(NowMs() - sent);

                var seen = await WaitSeenAsync(page, key);
                if (seen is { } at)
                {
                    dom.Add(at - sent);
                    if (at - sent > 150)
                    {
                        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    slow: #{i} {key} dom {at - sent:0} ms, POST acknowledged after {ack[^1]:0} ms"));
                    }
                }
                else
                {
                    missed++;
                }

                if ((i + 1) % 20 == 0)
                {
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    {i + 1}/{count} updates, last {(dom.Count > 0 ? dom[^1] : double.NaN):0.0} ms"));
                }

                // Spaced out beyond the 100 ms render window, so each one is an isolated update, as on the night.
                await Task.Delay(150);
            }

            return (dom, ack, missed);
        }
    }

    private static async Task<double?> WaitSeenAsync(IFrame page, string key)
    {
        // The wait runs inside the page (Playwright polls there), not as a round trip through the driver every few
        // milliseconds: the instrument must not load the machine it measures. The figure is the observer's own timestamp,
        // so how soon the wait notices does not change it.
        try
        {
            var seen = await page.WaitForFunctionAsync("key => window.__seen[key] ?? null", key, new() { Timeout = 5_000, PollingInterval = 10 });
            return await seen.JsonValueAsync<double>();
        }
        catch (TimeoutException)
        {
            return null;
        }
    }

    internal static async Task<IPage> OpenScoreboardAsync(IBrowserContext context, Uri baseAddress)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync(baseAddress.ToString());

        // Interactive once the seats chart exists: it is created from the circuit, after the first interactive render.
        await page.Locator(".seats .apexcharts-canvas").WaitForAsync(new() { Timeout = 30_000 });
        return page;
    }

    /// <summary>Posts a declaration through the ingest API; its sequence in the journal.</summary>
    internal static async Task<long> PostAsync(HttpClient client, Declaration declaration)
    {
        var body = new JsonObject
        {
            ["constituency"] = declaration.Constituency,
            ["revision"] = declaration.Revision,
            ["declaredAt"] = declaration.DeclaredAt.ToString("O", CultureInfo.InvariantCulture),
            ["electorate"] = declaration.Electorate,
            ["invalidVotes"] = declaration.InvalidVotes,
            ["candidates"] = new JsonArray([.. declaration.Candidates.Select(c => (JsonNode)new JsonObject { ["name"] = c.Name, ["party"] = c.Party, ["votes"] = c.Votes })]),
        };
        using var content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        using var response = await client.PostAsync(new Uri("api/v1/declarations", UriKind.Relative), content);
        if (response.StatusCode is not (HttpStatusCode.Accepted or HttpStatusCode.OK))
        {
            throw new InvalidOperationException($"POST {declaration.Constituency} r{declaration.Revision}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!["sequence"]!.GetValue<long>();
    }

    internal static void Report(string label, (List<double> Dom, List<double> Ack, int Missed) run)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{label}: n={run.Dom.Count}{(run.Missed > 0 ? $" ({run.Missed} not seen within 5 s)" : "")}, p50 {Percentile(run.Dom, 0.5):0.0} ms, p99 {Percentile(run.Dom, 0.99):0.0} ms, max {run.Dom.DefaultIfEmpty().Max():0.0} ms"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"      of which ingest (POST acknowledged, i.e. journal append + projection applied): p50 {Percentile(run.Ack, 0.5):0.0} ms, p99 {Percentile(run.Ack, 0.99):0.0} ms"));
    }

    internal static double Percentile(List<double> values, double p)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }

        var sorted = values.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
    }

    internal static TimeSpan NodeCpu(WebNodeProcess node)
    {
        using var process = Process.GetProcessById(node.ProcessId);
        return process.TotalProcessorTime;
    }

    /// <summary>
    /// CPU time of every Chromium process on the machine (the measured page's browser, renderer, GPU and network processes):
    /// on this machine's two cores the page's own work competes with the node's, so it is part of the figure.
    /// </summary>
    internal static TimeSpan BrowserCpu()
    {
        long ticks = 0;
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            try
            {
                var stat = File.ReadAllText(Path.Combine(directory, "stat"));
                var name = stat[(stat.IndexOf('(', StringComparison.Ordinal) + 1)..stat.LastIndexOf(')')];
                if (name.Contains("chrom", StringComparison.Ordinal) || name.Contains("headless", StringComparison.Ordinal))
                {
                    // utime and stime, the 14th and 15th fields of /proc/PID/stat, in clock ticks (100 a second).
                    var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                    ticks += long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or ArgumentOutOfRangeException)
            {
                // Not a process, or one that went away meanwhile.
            }
        }

        return TimeSpan.FromSeconds(ticks / 100.0);
    }

    /// <summary>The machine's CPU ticks so far (all, and stolen by the hypervisor for other guests), from /proc/stat.</summary>
    internal static (long Total, long Steal) MachineTicks()
    {
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..].Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
        return (fields.Sum(), fields.Length > 7 ? fields[7] : 0);
    }

    /// <summary>The share of the machine's CPU time between two readings that the hypervisor gave to other guests.</summary>
    internal static double StealPercent((long Total, long Steal) before, (long Total, long Steal) after) =>
        100.0 * (after.Steal - before.Steal) / Math.Max(1, after.Total - before.Total);

    private static double NowMs() => (DateTime.UtcNow - DateTime.UnixEpoch).TotalMilliseconds;

    internal static async Task<string> PublishAsync(string repository, string output)
    {
        Console.WriteLine($"Publishing the web app (Release) to {output} ...");
        var info = new ProcessStartInfo("dotnet", ["publish", Path.Combine(repository, "src", "ResultsLive.Web"), "-c", "Release", "-o", output, "--nologo", "-v", "q"])
        {
            UseShellExecute = false,
        };
        using var publish = Process.Start(info)!;
        await publish.WaitForExitAsync();
        return publish.ExitCode == 0 ? output : throw new InvalidOperationException("dotnet publish failed");
    }

    internal static string Repository()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ResultsLive.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("run the tool from inside the repository (no ResultsLive.sln above it)");
    }
}
