using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Threading.Channels;

using ResultsLive.Import;
using ResultsLive.Testing;

namespace ResultsLive.LoadTools;

/// <summary>
/// The public side behind the nginx cache as deployed (issue #14): READERS simulated readers fetch, through nginx, every
/// fragment each of DECLARATIONS real 2024 declarations changed, all at once. Prints how many times the node drew each
/// fragment version (from the node's own log), the cache's hit ratio and the requests that reached the node (from
/// nginx's access log), and the readers' failures.
/// </summary>
/// <remarks>
/// The readers learn what changed from one stream (<c>/api/v1/stream</c> through nginx, passed through uncached) whose
/// news is handed to all of them: every stream carries the same bytes, so one stands for ten thousand, and their cost to
/// the node is what <c>measure --stream</c> measures. Polling <c>/api/v1/latest</c> instead would put up to six seconds
/// of the cache's max-age and stale-while-revalidate between a declaration and its news without changing what the
/// fragments cost. A reader then does what public.js does with the news: it fetches the new address of each changed part
/// its page shows, all readers at once, over at most CONNECTIONS connections to nginx. By default each reader shows one
/// part (an embed, a seat's page, the list of seats), the readers spread evenly over the parts a declaration changed, so
/// each address is asked for by READERS / 8 readers at the same moment: ten thousand requests a declaration, which a
/// loaded two-core machine gets through in seconds. With --every-part each reader fetches every changed part (the home
/// page, the list and the seat's page at once): eight times the requests, the same figures at the node.
/// </remarks>
internal static class CacheLoadTest
{
    /// <summary>What Chromium sends; nginx's key keeps one copy per encoding (br here), as for a real audience.</summary>
    private const string AcceptEncoding = "gzip, deflate, br, zstd";

    private const string RendererCategory = "ResultsLive.Web.Public.Fragments.FragmentRenderer";

    /// <summary>FragmentRenderer.DrawnEvent: the tool reads the node's log, not its types (it does not reference the web app).</summary>
    private const int DrawnEvent = 1;

    public static async Task<int> RunAsync(int readers, int declarations, int connections, bool everyPart, string? published)
    {
        var repository = LoadTest.Repository();
        var work = Directory.CreateTempSubdirectory("resultslive-cache-").FullName;
        RedisServer? redis = null;
        try
        {
            published ??= await LoadTest.PublishAsync(repository, Path.Combine(work, "publish"));
            redis = await RedisServer.StartAsync();
            var night = ElectionLoader.Load(new ElectionFiles(
                    SharedData.Candidates2024, SharedData.Constituencies2024, SharedData.Notional2019,
                    DeclarationTimes: SharedData.DeclarationTimes2024, ElectionDay: new DateOnly(2024, 7, 4)))
                .Results.OrderBy(d => d.DeclaredAt).Take(declarations).ToList();

            // The node's console log as JSON lines, with the renderer's one event per drawing switched on.
            var drawn = new DrawnFragments();
            var settings = new Dictionary<string, string>
            {
                [$"Logging:LogLevel:{RendererCategory}"] = "Debug",
                ["Logging:Console:FormatterName"] = "json",
            };
            await using var node = await WebNodeProcess.StartAsync(published, redis.ConnectionString, settings, drawn.Observe);
            await using var nginx = await NginxCache.StartAsync(repository, Path.Combine(work, "nginx"), node.BaseAddress);
            Console.WriteLine($"Web node: published Release build, Production environment, workstation GC, 2024 election, journal in a local redis-server; {node.BaseAddress}");
            Console.WriteLine($"nginx: /usr/sbin/nginx with infra/nginx/resultslive.conf.template (as cluster.sh fills it in, the node in both slots) and public-cache.conf unchanged, "
                + $"plus this tool's access log; {nginx.BaseAddress}");
            Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, load average {LoadAverage()}; {readers} readers, each fetching {(everyPart ? "every changed part" : "one changed part (spread evenly over them)")}, over at most {connections} connections to nginx, Accept-Encoding \"{AcceptEncoding}\".");

            using var ingest = new HttpClient { BaseAddress = node.BaseAddress };
            ingest.DefaultRequestHeaders.Add("X-Api-Key", WebNodeProcess.ApiKey);
            using var http = new HttpClient(new SocketsHttpHandler
            {
                MaxConnectionsPerServer = connections,
                PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
                AutomaticDecompression = DecompressionMethods.None,
                UseCookies = false,
            })
            {
                BaseAddress = nginx.BaseAddress,
                Timeout = TimeSpan.FromSeconds(60),
            };
            http.DefaultRequestHeaders.TryAddWithoutValidation("Accept-Encoding", AcceptEncoding);

            var stream = new NewsQueue();
            using var streaming = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
            await using var reader = await StreamViewer.OpenAsync(streaming, nginx.BaseAddress, stream.Add);
            var failures = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
            var fetched = new HashSet<string>(StringComparer.Ordinal);
            long requests = 0;
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < declarations; i++)
            {
                var sequence = await LoadTest.PostAsync(ingest, night[i]);
                var news = await stream.WaitForAsync(sequence, TimeSpan.FromSeconds(60));
                var urls = news.Parts.Values.ToList();
                fetched.UnionWith(urls);

                // Every reader at once; a reader with several changed parts fetches them together, as public.js's Promise.all does.
                var everyone = new Task[readers];
                for (var r = 0; r < readers; r++)
                {
                    everyone[r] = everyPart ? Task.WhenAll(urls.Select(url => FetchAsync(http, url, failures))) : FetchAsync(http, urls[r % urls.Count], failures);
                }

                await Task.WhenAll(everyone);
                requests += everyPart ? (long)readers * urls.Count : readers;
                if ((i + 1) % 10 == 0 || i + 1 == declarations)
                {
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"  {i + 1}/{declarations} declarations (sequence {sequence}, {urls.Count} parts changed), {requests} reader requests, {failures.Values.Sum()} failed; {clock.Elapsed.TotalSeconds:0} s, load average {LoadAverage()}"));
                }
            }

            // The node logs each drawing as it starts it, before any reader is answered, but its console writes on a
            // thread of its own: wait until every address the readers fetched has been seen drawn.
            await drawn.WaitForAsync(fetched, TimeSpan.FromSeconds(60));
            var log = nginx.ReadLog();
            Report(readers, declarations, requests, failures, drawn, fetched, log);
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

    private static void Report(int readers, int declarations, long requests, ConcurrentDictionary<string, int> failures, DrawnFragments drawn, HashSet<string> fetched, IReadOnlyList<CacheLogLine> log)
    {
        var fragments = log.Where(l => l.Uri.StartsWith("/fragments/", StringComparison.Ordinal)).ToList();
        var byStatus = fragments.GroupBy(l => l.CacheStatus).OrderByDescending(g => g.Count()).Select(g => $"{g.Key} {g.Count()}");
        var hits = fragments.Count(l => l.CacheStatus == "HIT");
        var toNode = fragments.Count(l => l.ReachedNode);
        var perFragment = fragments.Where(l => l.ReachedNode).GroupBy(l => l.Uri).Select(g => g.Count()).DefaultIfEmpty().ToList();

        // A fragment's address ends in the sequence whose declaration changed it.
        var perDeclaration = fragments.Where(l => l.ReachedNode).GroupBy(l => l.Uri[(l.Uri.LastIndexOf('/') + 1)..]).Select(g => g.Count()).DefaultIfEmpty().ToList();
        var counts = drawn.Counts;
        var html = counts.Where(c => c.Key.Format == "html").Select(c => c.Value).ToList();
        var fetchedCounts = fetched.Select(drawn.HtmlCount).ToList();
        var failed = failures.Values.Sum();

        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Behind the nginx cache, {readers} readers, {declarations} declarations:"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  renders per fragment per sequence at the node (its FragmentDrawn log events, HTML): {Mean(fetchedCounts):0.000} over the {fetched.Count} addresses the readers fetched "
            + $"(min {fetchedCounts.DefaultIfEmpty().Min()}, max {fetchedCounts.DefaultIfEmpty().Max()}, {fetchedCounts.Count(c => c > 1)} drawn more than once); "
            + $"every version the node drew: {html.Count} HTML (max {html.DefaultIfEmpty().Max()}), {counts.Count - html.Count} JSON"));
        foreach (var (key, count) in counts.Where(c => c.Value > 1).Take(10))
        {
            Console.WriteLine($"    drawn {count} times: {key.Part} at {key.Sequence} as {key.Format}");
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  cache hit ratio (nginx access log, $upstream_cache_status of /fragments/ requests): {hits / (double)Math.Max(1, fragments.Count):0.00000} ({hits} HIT of {fragments.Count}; {string.Join(", ", byStatus)})"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  node requests per declaration (nginx access log, /fragments/ requests with an $upstream_addr): {toNode / (double)Math.Max(1, declarations):0.00} "
            + $"({toNode} in all, for {fetched.Count} addresses: min {perDeclaration.Min()}, max {perDeclaration.Max()} per declaration, max {perFragment.Max()} per address); other requests through nginx: {log.Count - fragments.Count} ({string.Join(", ", log.Where(l => !l.Uri.StartsWith("/fragments/", StringComparison.Ordinal)).Select(l => l.Uri).Distinct())})"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  reader requests: {requests} sent, {fragments.Count} in nginx's log; failed or not 200: {failed}{(failed > 0 ? " (" + string.Join(", ", failures.Select(f => $"{f.Key} x{f.Value}")) + ")" : "")}"));
        Console.WriteLine($"Targets: exactly 1 render per fragment per sequence: {(fetchedCounts.Count > 0 && fetchedCounts.All(c => c == 1) && html.All(c => c == 1) ? "met" : "NOT met")}; "
            + $"0 failed reader requests: {(failed == 0 && fragments.Count == requests ? "met" : "NOT met")}");
    }

    private static async Task FetchAsync(HttpClient http, string url, ConcurrentDictionary<string, int> failures)
    {
        try
        {
            using var response = await http.GetAsync(new Uri(url, UriKind.Relative), HttpCompletionOption.ResponseHeadersRead);
            await response.Content.CopyToAsync(Stream.Null);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                failures.AddOrUpdate(((int)response.StatusCode).ToString(CultureInfo.InvariantCulture), 1, (_, n) => n + 1);
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
        {
            failures.AddOrUpdate(ex.GetType().Name, 1, (_, n) => n + 1);
        }
    }

    private static double Mean(List<int> values) => values.Count == 0 ? double.NaN : values.Average();

    private static string LoadAverage() => File.ReadAllText("/proc/loadavg").Split(' ')[0];

    /// <summary>The node's drawings, counted from its FragmentDrawn log events (JSON console lines).</summary>
    private sealed class DrawnFragments
    {
        private readonly ConcurrentDictionary<(string Part, long Sequence, string Format), int> _counts = new();
        private readonly Lock _lock = new();
        private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public IReadOnlyDictionary<(string Part, long Sequence, string Format), int> Counts => _counts;

        public void Observe(string line)
        {
            if (!line.Contains(RendererCategory, StringComparison.Ordinal))
            {
                return;
            }

            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            if (root.GetProperty("EventId").GetInt32() != DrawnEvent)
            {
                return;
            }

            var state = root.GetProperty("State");
            var sequence = state.GetProperty("Sequence") is { ValueKind: JsonValueKind.Number } number ? number.GetInt64()
                : long.Parse(state.GetProperty("Sequence").GetString()!, CultureInfo.InvariantCulture);
            var key = (state.GetProperty("Part").GetString()!, sequence, state.GetProperty("Format").GetString()!);
            _counts.AddOrUpdate(key, 1, (_, n) => n + 1);
            lock (_lock)
            {
                _changed.TrySetResult();
                _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }

        /// <summary>How many times the node drew the HTML at <paramref name="url"/> (<c>/fragments/{epoch}/{part}/{sequence}</c>).</summary>
        public int HtmlCount(string url)
        {
            var segments = url.Split('/');
            return _counts.TryGetValue((Uri.UnescapeDataString(segments[^2]), long.Parse(segments[^1], CultureInfo.InvariantCulture), "html"), out var n) ? n : 0;
        }

        public async Task WaitForAsync(IReadOnlyCollection<string> urls, TimeSpan within)
        {
            using var timeout = new CancellationTokenSource(within);
            while (true)
            {
                Task changed;
                lock (_lock)
                {
                    changed = _changed.Task;
                }

                if (urls.All(u => HtmlCount(u) > 0))
                {
                    return;
                }

                try
                {
                    await changed.WaitAsync(timeout.Token);
                }
                catch (OperationCanceledException)
                {
                    Console.WriteLine($"  (the node's log did not show {urls.Count(u => HtmlCount(u) == 0)} of the fetched addresses drawn within {within.TotalSeconds:0} s)");
                    return;
                }
            }
        }
    }

    /// <summary>The news of one <c>/api/v1/stream</c> reader through nginx, which stands for every reader's.</summary>
    private sealed class NewsQueue
    {
        private readonly Channel<News> _news = Channel.CreateUnbounded<News>();

        public void Add(string data)
        {
            using var json = JsonDocument.Parse(data);
            var parts = json.RootElement.GetProperty("parts").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal);
            _news.Writer.TryWrite(new News(json.RootElement.GetProperty("sequence").GetInt64(), parts));
        }

        /// <summary>The news of <paramref name="sequence"/>: each declaration is announced by its own event.</summary>
        public async Task<News> WaitForAsync(long sequence, TimeSpan within)
        {
            using var timeout = new CancellationTokenSource(within);
            while (true)
            {
                var news = await _news.Reader.ReadAsync(timeout.Token);
                if (news.Sequence >= sequence)
                {
                    return news.Sequence == sequence ? news : throw new InvalidOperationException($"the stream went from before {sequence} to {news.Sequence}");
                }
            }
        }
    }

    /// <summary>What one sequence changed: each part's new address.</summary>
    private sealed record News(long Sequence, IReadOnlyDictionary<string, string> Parts);
}
