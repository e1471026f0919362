using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;

using ResultsLive.Import;
using ResultsLive.Testing;

namespace ResultsLive.LoadTools;

/// <summary>
/// The pages' push channel against a bare server doing the same (issue #14: at least 0.8 of its rate): VIEWERS
/// <c>/api/v1/stream</c> readers on one node, DECLARATIONS posted back to back, then a bare Server-Sent Events server
/// (<see cref="BareStreamServer"/>) sending the very events the node sent to as many readers. Prints each side's burst
/// deliveries per second (viewers × declarations over first POST sent to last event read) and server CPU per delivery.
/// </summary>
internal static class StreamBurstTest
{
    private const int WarmUp = 2;

    public static async Task<int> RunAsync(int viewers, int declarations, string? published)
    {
        var repository = LoadTest.Repository();
        var work = Directory.CreateTempSubdirectory("resultslive-stream-burst-").FullName;
        try
        {
            published ??= await LoadTest.PublishAsync(repository, Path.Combine(work, "publish"));
            var night = ElectionLoader.Load(new ElectionFiles(SharedData.Candidates2024, SharedData.Constituencies2024, SharedData.Notional2019)).Results;
            Console.WriteLine($"{viewers:N0} stream readers in this process; {WarmUp} warm-up declarations, then {declarations} back to back; "
                + $"{Environment.ProcessorCount} cores shared by the readers and the server; both servers with workstation GC.");

            // One connection per reader, as browsers have; no pooling limit, no idle timeout.
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue, PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan })
            {
                Timeout = Timeout.InfiniteTimeSpan,
            };

            // The node, with 100 results in first, as on the night; its events are kept to send again from the bare server.
            var sent = new ConcurrentQueue<string>();
            Burst node;
            await using (var redis = await RedisServer.StartAsync())
            {
                await using var server = await WebNodeProcess.StartAsync(published, redis.ConnectionString);
                using var ingest = new HttpClient { BaseAddress = server.BaseAddress };
                ingest.DefaultRequestHeaders.Add("X-Api-Key", WebNodeProcess.ApiKey);
                var next = 0;
                for (; next < 100; next++)
                {
                    await LoadTest.PostAsync(ingest, night[next]);
                }

                node = await MeasureAsync("ResultsLive /api/v1/stream", http, server.BaseAddress, viewers, declarations, server.ProcessId,
                    _ => LoadTest.PostAsync(ingest, night[next++]), data => sent.Enqueue(data));
            }

            var events = sent.Select((data, i) => Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"id: bare:{i + 1}\nevent: sequence\ndata: {data}\n\n"))).ToList();
            if (events.Count < WarmUp + declarations)
            {
                Console.Error.WriteLine($"the node's first reader heard {events.Count} events, fewer than the {WarmUp + declarations} posted");
                return 1;
            }

            Burst bare;
            await using (var server = await BareProcess.StartAsync())
            {
                using var broadcast = new HttpClient { BaseAddress = server.BaseAddress };
                bare = await MeasureAsync("bare SSE server", http, server.BaseAddress, viewers, declarations, server.ProcessId, async i =>
                {
                    using var content = new ByteArrayContent(events[i]);
                    using var response = await broadcast.PostAsync(new Uri(BareStreamServer.BroadcastPath, UriKind.Relative), content);
                    response.EnsureSuccessStatusCode();
                    return i;
                });
            }

            Console.WriteLine();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Payload: one sequence event is {events.Skip(WarmUp).Take(declarations).Average(e => e.Length):N0} bytes on average; the bare server sent the node's own events."));
            Console.WriteLine($"{"",-44}{"ResultsLive",16}{"bare SSE",16}");
            Row("burst deliveries per second", node.PerSecond.ToString("N0", CultureInfo.InvariantCulture), bare.PerSecond.ToString("N0", CultureInfo.InvariantCulture));
            Row("burst: first POST sent to last event read", $"{node.Elapsed.TotalSeconds:0.00} s", $"{bare.Elapsed.TotalSeconds:0.00} s");
            Row("burst: server CPU per delivery", $"{node.CpuPerDelivery:0.0} us", $"{bare.CpuPerDelivery:0.0} us");
            Row("deliveries missing", node.Missing.ToString(CultureInfo.InvariantCulture), bare.Missing.ToString(CultureInfo.InvariantCulture));
            var ratio = node.PerSecond / bare.PerSecond;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"ResultsLive / bare SSE, burst deliveries per second: {ratio:0.00}   (target >= 0.8) {(ratio >= 0.8 && node.Missing == 0 ? "met" : "NOT met")}; machine load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}"));
            return 0;
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static void Row(string label, string node, string bare) => Console.WriteLine($"{label,-44}{node,16}{bare,16}");

    private static async Task<Burst> MeasureAsync(
        string label, HttpClient http, Uri server, int count, int declarations, int processId, Func<int, Task<long>> post, Action<string>? firstHears = null)
    {
        var viewers = new List<StreamViewer>();
        try
        {
            var opening = Stopwatch.StartNew();
            while (viewers.Count < count)
            {
                var batch = Enumerable.Range(viewers.Count, Math.Min(200, count - viewers.Count))
                    .Select(i => StreamViewer.OpenAsync(http, server, i == 0 ? firstHears : null));
                viewers.AddRange(await Task.WhenAll(batch));
            }

            Console.WriteLine($"  {label}: {viewers.Count:N0} readers open in {opening.Elapsed.TotalSeconds:0.0} s");
            for (var i = 0; i < WarmUp; i++)
            {
                await post(i);
            }

            await EveryoneHasAsync(viewers, WarmUp);
            using var process = Process.GetProcessById(processId);
            var cpu = process.TotalProcessorTime;
            var start = Stopwatch.GetTimestamp();
            for (var i = 0; i < declarations; i++)
            {
                await post(WarmUp + i);
            }

            var missing = await EveryoneHasAsync(viewers, WarmUp + declarations);
            process.Refresh();
            var used = process.TotalProcessorTime - cpu;
            var elapsed = Stopwatch.GetElapsedTime(start, viewers.Max(v => v.LastAt));
            var delivered = (long)count * declarations - missing;
            var burst = new Burst(elapsed, delivered / elapsed.TotalSeconds, used.TotalMicroseconds / Math.Max(1, delivered), missing);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {label}: {delivered:N0} of {(long)count * declarations:N0} delivered in {elapsed.TotalSeconds:0.00} s; server CPU {used.TotalSeconds:0.00} s"));
            return burst;
        }
        finally
        {
            foreach (var viewer in viewers)
            {
                await viewer.DisposeAsync();
            }
        }
    }

    /// <summary>Waits (up to 60 s) until every reader has heard <paramref name="events"/> events; how many are still missing.</summary>
    private static async Task<long> EveryoneHasAsync(List<StreamViewer> viewers, int events)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await Task.WhenAll(viewers.Select(v => v.HeardAsync(events, deadline.Token)));
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            // Counted below as missing.
        }

        return viewers.Sum(v => (long)Math.Max(0, events - v.Sequences));
    }

    private sealed record Burst(TimeSpan Elapsed, double PerSecond, double CpuPerDelivery, long Missing);

    /// <summary>This executable again as <see cref="BareStreamServer"/>, with the node's runtime settings.</summary>
    private sealed class BareProcess : IAsyncDisposable
    {
        private readonly Process _process;

        private BareProcess(Process process, Uri baseAddress)
        {
            _process = process;
            BaseAddress = baseAddress;
        }

        public Uri BaseAddress { get; }

        public int ProcessId => _process.Id;

        public static async Task<BareProcess> StartAsync()
        {
            var port = WebNodeProcess.FreePort();
            var info = new ProcessStartInfo("dotnet") { UseShellExecute = false };
            info.ArgumentList.Add(typeof(BareStreamServer).Assembly.Location);
            info.ArgumentList.Add("bare-stream-server");
            info.ArgumentList.Add(port.ToString(CultureInfo.InvariantCulture));
            info.Environment["DOTNET_gcServer"] = "0";
            var process = Process.Start(info) ?? throw new InvalidOperationException("could not start the bare stream server");
            var server = new BareProcess(process, new Uri($"http://127.0.0.1:{port}/"));
            if (!await WebNodeProcess.HealthyAsync(server.BaseAddress, process, TimeSpan.FromSeconds(60)))
            {
                await server.DisposeAsync();
                throw new InvalidOperationException("the bare stream server did not become healthy");
            }

            return server;
        }

        public async ValueTask DisposeAsync()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }

            _process.Dispose();
        }
    }
}
