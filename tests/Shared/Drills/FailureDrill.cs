using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

using Microsoft.Playwright;

using ResultsLive.Cli;

namespace ResultsLive.Testing;

/// <summary>What a drill does to the cluster.</summary>
public enum DrillFailure
{
    /// <summary>SIGKILL the Redis primary; the Sentinels promote a replica.</summary>
    PrimaryKilled,

    /// <summary>SIGKILL web node A, then start it again at once (a plain restart after a crash).</summary>
    WebNodeKilled,

    /// <summary>Stop web node A gracefully (SIGTERM, as a deployment or a service manager does), then start it again on the same port.</summary>
    NodeRestarted,

    /// <summary>Cut the network between both nodes and Redis (a TCP proxy) for <see cref="DrillSettings.CutFor"/>.</summary>
    NetworkCut,
}

/// <summary>One failure, made once node B has applied <see cref="AtSeat"/> declarations.</summary>
public sealed record DrillStep(DrillFailure Failure, int AtSeat);

/// <summary>How big a drill is.</summary>
public sealed record DrillSettings
{
    /// <summary>How long the network is cut for a <see cref="DrillFailure.NetworkCut"/>.</summary>
    public TimeSpan CutFor { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The Sentinels' down-after-milliseconds (infra/redis/sentinel.conf has 2 s).</summary>
    public TimeSpan DownAfter { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>The most an open stream, hub client, page or output may take to show a declaration made after the failure.</summary>
    public TimeSpan ViewerTarget { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The public pages open on node A, each with a "latest results" part: the home page, whose every part changes with
    /// every declaration (the most work per declaration a reader's browser does), and the latest-results embed.
    /// </summary>
    public IReadOnlyList<string> Pages { get; init; } = ["/", "/embed/ticker"];
}

/// <summary>What one drill measured; <see cref="Problems"/> lists every way it fell short of the targets.</summary>
public sealed record DrillFigures(
    string Steps,
    double ReplaySeconds,
    int Posted,
    int Accepted,
    int Repeated,
    int Rejected,
    int Retries,
    double IngestUnavailableSeconds,
    double? FailoverSeconds,
    double? NodeStoppedSeconds,
    double? NodeBackSeconds,
    long JournalEntries,
    int SequenceGaps,
    int AcknowledgedLost,
    IReadOnlyList<(string Viewer, double Seconds, int Reconnects)> Viewers,
    int ReadyRefusals,
    IReadOnlyList<string> Problems)
{
    public override string ToString()
    {
        var viewers = string.Join(", ", Viewers.Select(v => double.IsNaN(v.Seconds)
            ? $"{v.Viewer} never ({v.Reconnects} reconnects)"
            : string.Create(CultureInfo.InvariantCulture, $"{v.Viewer} {v.Seconds:0.00} s ({v.Reconnects} reconnects)")));
        return string.Create(CultureInfo.InvariantCulture, $"""
            {Steps}
              replay: {Posted} posted in {ReplaySeconds:0.00} s, {Accepted} accepted, {Repeated} repeated, {Rejected} rejected, {Retries} retries
              ingest unavailable (longest, as the replay client saw it): {IngestUnavailableSeconds:0.00} s
              failover (SIGKILL to the Sentinels naming a new primary): {(FailoverSeconds is { } f ? $"{f:0.00} s" : "-")}
              node stopped (SIGTERM to exit): {(NodeStoppedSeconds is { } st ? $"{st:0.00} s" : "-")}
              node back (restart to ready, caught up): {(NodeBackSeconds is { } n ? $"{n:0.00} s" : "-")}
              journal: {JournalEntries} entries, {SequenceGaps} gaps or repeats; acknowledged declarations lost: {AcknowledgedLost} (API against resultslive tally, 650 seats, both nodes)
              open streams, hub clients, pages and output, last declaration to shown: {viewers}
              readiness answers other than 200 from the node left running: {ReadyRefusals}
              {(Problems.Count == 0 ? "PASS" : "FAIL: " + string.Join("; ", Problems))}
            """);
    }
}

/// <summary>
/// The election-night drill: the 2024 night replayed at full speed through two web nodes (separate processes) on the
/// journal's Redis with replicas, while machines are killed or cut off; then every acknowledged declaration is looked for,
/// by sequence and by comparing both nodes' API with <c>resultslive tally</c> for every seat, and everything open on the
/// nodes (a stream and a hub client on each, public pages and a graphics output on A) must have shown the last
/// declaration. Used in full by tests/ResultsLive.Drills and in a reduced form by the suite.
/// </summary>
public static partial class FailureDrill
{
    public const string ApiKey = "drill-ingest-key-0123456789";

    /// <summary>The graphics channel whose output follows the drill, and the keys that open and drive it.</summary>
    private const string Channel = "main";
    private const string OutputKey = "drill-output-key-0123456789";
    private const string OperatorKey = "drill-operator-key-0123456789";

    private const int Seats = 650;

    public static async Task<DrillFigures> RunAsync(IReadOnlyList<DrillStep> steps, DrillSettings settings, TextWriter log, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(steps);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(log);
        var sentinel = steps.Any(s => s.Failure == DrillFailure.PrimaryKilled);
        var cut = steps.Any(s => s.Failure == DrillFailure.NetworkCut);
        if (sentinel && cut)
        {
            throw new ArgumentException("a network cut runs without Sentinels (they would fail over); drill it on its own", nameof(steps));
        }

        var expected = await TallyAsync().ConfigureAwait(false);
        log.WriteLine($"starting Redis: a primary, 2 replicas{(sentinel ? ", 3 Sentinels" : "")}{(cut ? ", a TCP proxy in front of the primary" : "")}");
        await using var topology = await RedisTopology.StartAsync(replicas: 2, sentinels: sentinel ? 3 : 0, downAfter: settings.DownAfter, ct).ConfigureAwait(false);
        await using var proxy = cut ? new TcpProxy(topology.Servers[0].Port) : null;
        var redis = sentinel ? topology.SentinelConnectionString
            : proxy is not null ? string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{proxy.Port},abortConnect=false")
            : topology.Servers[0].ConnectionString;
        var nodeSettings = SharedData.Election2024Settings(redis, ApiKey);
        nodeSettings["ResultsLive:Journal:ReplicaAcks"] = "1";
        nodeSettings[$"ResultsLive:Graphics:Channels:{Channel}:OutputKey"] = OutputKey;
        nodeSettings["ResultsLive:ApiKeys:drill-operator:Key"] = OperatorKey;
        nodeSettings["ResultsLive:ApiKeys:drill-operator:Permissions:0"] = "operator";

        // The pages and the output need the site's scripts and styles, which a node started from the build output (not
        // published) serves from the build's static web assets only in Development (the suite's in-process nodes call
        // UseStaticWebAssets instead). The app itself has no Development-only behaviour.
        nodeSettings["ASPNETCORE_ENVIRONMENT"] = "Development";

        log.WriteLine("starting web nodes A and B, and Chromium");
        using var playwright = await Playwright.CreateAsync().ConfigureAwait(false);
        var launching = BrowserFollower.LaunchChromiumAsync(playwright);
        await using var a = await WebNodeProcess.StartAsync(nodeSettings).ConfigureAwait(false);
        await using var b = await WebNodeProcess.StartAsync(nodeSettings).ConfigureAwait(false);
        await using var browser = await launching.ConfigureAwait(false);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        log.WriteLine($"opening a stream and a hub client on each node; on A, the pages {string.Join(" and ", settings.Pages)} and the output with the ticker on air");
        var followers = new List<IDrillFollower>();
        using var stopWatching = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var readiness = WatchReadinessAsync(http, b.Url, stopWatching.Token);
        try
        {
            await TakeTickerAsync(http, a.Url, ct).ConfigureAwait(false);
            try
            {
                await StartFollowersAsync(followers, browser, a.Url, b.Url, settings.Pages, ct).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                log.WriteLine($"A's last words:{Environment.NewLine}{a.LastOutput()}");
                throw;
            }

            var replayOutput = new StringWriter(CultureInfo.InvariantCulture);
            var output = TextWriter.Synchronized(replayOutput);
            var clock = Stopwatch.StartNew();
            var replay = CliApp.Create().Parse(
            [
                "replay", "--candidates", SharedData.Candidates2024, "--constituencies", SharedData.Constituencies2024,
                "--times", SharedData.DeclarationTimes2024, "--to", a.Url.ToString(), "--to", b.Url.ToString(),
                "--api-key", ApiKey, "--speed", "max", "--give-up-after", "120",
            ]).InvokeAsync(new InvocationConfiguration { Output = output, Error = TextWriter.Null }, ct);

            double? failover = null;
            double? nodeStopped = null;
            double? nodeBack = null;
            foreach (var step in steps.OrderBy(s => s.AtSeat))
            {
                await WaitForDeclaredAsync(http, b.Url, step.AtSeat, ct).ConfigureAwait(false);
                log.WriteLine($"{clock.Elapsed.TotalSeconds:0.00} s: {step.AtSeat} seats declared on B; {step.Failure}");
                switch (step.Failure)
                {
                    case DrillFailure.PrimaryKilled:
                        var old = await topology.PrimaryAsync(ct).ConfigureAwait(false);
                        var killed = Stopwatch.StartNew();
                        await old.KillAsync().ConfigureAwait(false);
                        var promoted = await topology.WaitForFailoverAsync(old, ct).ConfigureAwait(false);
                        failover = killed.Elapsed.TotalSeconds;
                        log.WriteLine($"  the Sentinels promoted port {promoted.Port} after {failover:0.00} s");
                        break;
                    case DrillFailure.WebNodeKilled:
                        await a.KillAsync().ConfigureAwait(false);
                        var restarted = Stopwatch.StartNew();
                        await a.RestartAsync().ConfigureAwait(false);
                        nodeBack = restarted.Elapsed.TotalSeconds;
                        log.WriteLine($"  A is back and ready after {nodeBack:0.00} s");
                        break;
                    case DrillFailure.NodeRestarted:
                        var stopping = Stopwatch.StartNew();
                        await a.StopAsync(ct).ConfigureAwait(false);
                        nodeStopped = stopping.Elapsed.TotalSeconds;
                        var starting = Stopwatch.StartNew();
                        await a.RestartAsync().ConfigureAwait(false);
                        nodeBack = starting.Elapsed.TotalSeconds;
                        log.WriteLine($"  A stopped {nodeStopped:0.00} s after SIGTERM, and is back and ready after {nodeBack:0.00} s");
                        break;
                    case DrillFailure.NetworkCut:
                        proxy!.Cut();

                        // The failure itself lasts this long; nothing is asserted about the wait.
                        await Task.Delay(settings.CutFor, ct).ConfigureAwait(false);
                        proxy.Restore();
                        log.WriteLine($"  the network to Redis is back after {settings.CutFor.TotalSeconds:0} s");
                        break;
                    default:
                        throw new ArgumentOutOfRangeException(nameof(steps), step.Failure, "unknown failure");
                }
            }

            var exitCode = await replay.ConfigureAwait(false);
            var replaySeconds = clock.Elapsed.TotalSeconds;
            var lastAnswered = Stopwatch.GetTimestamp();
            var summary = replayOutput.ToString();
            log.WriteLine(summary.TrimEnd());
            var problems = new List<string>();
            if (exitCode != 0)
            {
                problems.Add($"replay exited with {exitCode}");
            }

            // Everything open shows the last declaration (made after every failure) within the target, none stuck.
            var last = await LastSequenceAsync(http, b.Url, ct).ConfigureAwait(false);
            var viewers = await WaitForFollowersAsync(followers, last, lastAnswered, settings.ViewerTarget, problems, ct).ConfigureAwait(false);

            var (entries, gaps) = await CheckSequencesAsync(http, b.Url, problems, ct).ConfigureAwait(false);
            var lost = 0;
            foreach (var (name, node) in new[] { ("A", a.Url), ("B", b.Url) })
            {
                await WaitForSequenceAsync(http, node, last, ct).ConfigureAwait(false);
                var differing = await CompareWithTallyAsync(http, node, expected, ct).ConfigureAwait(false);
                lost = Math.Max(lost, differing.Count);
                if (differing.Count > 0)
                {
                    problems.Add($"{differing.Count} seats on {name} differ from the tally, e.g. {string.Join(", ", differing.Take(5))}");
                }
            }

            await stopWatching.CancelAsync().ConfigureAwait(false);
            var refusals = await readiness.ConfigureAwait(false);
            if (refusals > 0)
            {
                problems.Add($"B answered readiness with something other than 200 {refusals} times");
            }

            var counts = SummaryLine().Match(summary);
            var outage = OutageLine().Match(summary);
            return new DrillFigures(
                string.Join(", then ", steps.OrderBy(s => s.AtSeat).Select(s => $"{s.Failure} at seat {s.AtSeat}")),
                replaySeconds,
                Number(counts, "posted"),
                Number(counts, "accepted"),
                Number(counts, "repeated"),
                Number(counts, "rejected"),
                Number(counts, "retries"),
                outage.Success ? double.Parse(outage.Groups["seconds"].Value, CultureInfo.InvariantCulture) : 0,
                failover,
                nodeStopped,
                nodeBack,
                entries,
                gaps,
                lost,
                viewers,
                refusals,
                problems);
        }
        finally
        {
            await stopWatching.CancelAsync().ConfigureAwait(false);
            foreach (var follower in followers)
            {
                await follower.DisposeAsync().ConfigureAwait(false);
            }

            try
            {
                await readiness.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Stopped with the drill.
            }
        }
    }

    /// <summary>
    /// Puts the ticker on air on the channel (cue, take), as an operator does once in the evening: from then on the ticker
    /// follows the results by itself on every output, which is what the drill's output is watched for.
    /// </summary>
    private static async Task TakeTickerAsync(HttpClient http, Uri node, CancellationToken ct)
    {
        foreach (var (command, body) in new[] { ("cue", """{"layer":"ticker","template":"ticker"}"""), ("take", """{"layer":"ticker"}""") })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(node, $"api/v1/graphics/channels/{Channel}/{command}"))
            {
                Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json"),
            };
            request.Headers.Add("X-Api-Key", OperatorKey);
            using var response = await http.SendAsync(request, ct).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"{command} the ticker: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false)}");
            }
        }
    }

    /// <summary>A stream and a hub client on each node, the pages and the channel's output on A; each open and following when this returns.</summary>
    private static async Task StartFollowersAsync(
        List<IDrillFollower> followers, IBrowser browser, Uri a, Uri b, IReadOnlyList<string> pages, CancellationToken ct)
    {
        followers.Add(new StreamFollower(a, "stream A"));
        followers.Add(new StreamFollower(b, "stream B"));
        Task<IDrillFollower>[] starting =
        [
            Started(HubFollower.StartAsync(a, "hub A", ct)),
            Started(HubFollower.StartAsync(b, "hub B", ct)),
            .. pages.Select(path => Started(BrowserFollower.OpenPageAsync(browser, a, path, $"page A {path}"))),
            Started(BrowserFollower.OpenOutputAsync(browser, a, Channel, OutputKey, "output A")),
        ];
        try
        {
            await Task.WhenAll(starting).ConfigureAwait(false);
        }
        finally
        {
            // Whatever opened is closed with the drill, even if something else failed to.
            followers.AddRange(starting.Where(t => t.IsCompletedSuccessfully).Select(t => t.Result));
        }

        static async Task<IDrillFollower> Started<T>(Task<T> start)
            where T : IDrillFollower => await start.ConfigureAwait(false);
    }

    /// <summary>
    /// How long after the replay client's last answer each follower showed the last sequence; a follower past the target,
    /// or still behind a minute later (stuck), is a problem.
    /// </summary>
    private static async Task<List<(string, double, int)>> WaitForFollowersAsync(
        List<IDrillFollower> followers, long last, long lastAnswered, TimeSpan target, List<string> problems, CancellationToken ct)
    {
        var viewers = new List<(string, double, int)>();
        using var patience = CancellationTokenSource.CreateLinkedTokenSource(ct);
        patience.CancelAfter(TimeSpan.FromSeconds(60));
        foreach (var follower in followers)
        {
            double seconds;
            try
            {
                var shown = await follower.WaitForAsync(last, patience.Token).ConfigureAwait(false);
                seconds = Math.Max(0, Stopwatch.GetElapsedTime(lastAnswered, shown).TotalSeconds);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                seconds = double.NaN;
                problems.Add($"{follower.Name} was stuck at sequence {follower.Sequence} of {last}");
            }

            viewers.Add((follower.Name, seconds, follower.Reconnects));
            if (seconds > target.TotalSeconds)
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"{follower.Name} showed the last declaration after {seconds:0.00} s"));
            }
        }

        return viewers;
    }

    private static int Number(Match match, string group) =>
        match.Success ? int.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture) : -1;

    private static async Task<JsonNode> TallyAsync()
    {
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        using var error = new StringWriter(CultureInfo.InvariantCulture);
        var exitCode = await CliApp.Create().Parse(
        [
            "tally", "--candidates", SharedData.Candidates2024, "--constituencies", SharedData.Constituencies2024,
            "--baseline", SharedData.Notional2019, "--baseline-kind", "notional", "--times", SharedData.DeclarationTimes2024, "--json",
        ]).InvokeAsync(new InvocationConfiguration { Output = output, Error = error }).ConfigureAwait(false);
        return exitCode == 0 ? JsonNode.Parse(output.ToString())! : throw new InvalidOperationException("resultslive tally failed: " + error);
    }

    private static async Task<JsonNode> GetJsonAsync(HttpClient http, Uri node, string path, CancellationToken ct) =>
        JsonNode.Parse(await http.GetStringAsync(new Uri(node, path), ct).ConfigureAwait(false))!;

    /// <summary>Waits for node B to have applied <paramref name="seats"/> declarations: the moment the failure is made.</summary>
    private static Task WaitForDeclaredAsync(HttpClient http, Uri node, int seats, CancellationToken ct) =>
        PollAsync(async () => (int)(await GetJsonAsync(http, node, "api/v1/results", ct).ConfigureAwait(false))["declared"]! >= seats, $"{seats} seats declared on {node}", ct);

    private static Task WaitForSequenceAsync(HttpClient http, Uri node, long sequence, CancellationToken ct) =>
        PollAsync(async () => await LastSequenceAsync(http, node, ct).ConfigureAwait(false) >= sequence, $"sequence {sequence} on {node}", ct);

    private static async Task<long> LastSequenceAsync(HttpClient http, Uri node, CancellationToken ct) =>
        (long)(await GetJsonAsync(http, node, "api/v1/results", ct).ConfigureAwait(false))["sequence"]!;

    /// <summary>Asks again every 20 ms until the answer is yes (a node that does not answer now is asked again), for at most two minutes.</summary>
    private static async Task PollAsync(Func<Task<bool>> condition, string what, CancellationToken ct)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                if (await condition().ConfigureAwait(false))
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException || (ex is TaskCanceledException && !ct.IsCancellationRequested))
            {
                // Not answering just now.
            }

            if (waited.Elapsed > TimeSpan.FromMinutes(2))
            {
                throw new TimeoutException("waited in vain for " + what);
            }

            await Task.Delay(20, ct).ConfigureAwait(false);
        }
    }

    /// <summary>The journal as B serves it: sequences 1..n without a gap or a repeat, one declaration for each of the 650 seats.</summary>
    private static async Task<(long Entries, int Gaps)> CheckSequencesAsync(HttpClient http, Uri node, List<string> problems, CancellationToken ct)
    {
        var entries = (await GetJsonAsync(http, node, "api/v1/declarations?after=0&limit=1000", ct).ConfigureAwait(false)).AsArray();
        var gaps = 0;
        for (var i = 0; i < entries.Count; i++)
        {
            if ((long)entries[i]!["sequence"]! != i + 1)
            {
                gaps++;
            }
        }

        var seats = entries.Select(e => (string?)e!["constituency"]).Where(c => c is not null).Distinct().Count();
        if (gaps > 0)
        {
            problems.Add($"{gaps} journal entries out of sequence");
        }

        if (entries.Count != Seats || seats != Seats)
        {
            problems.Add($"the journal has {entries.Count} entries for {seats} seats, not one for each of {Seats}");
        }

        return (entries.Count, gaps);
    }

    /// <summary>The seats (and "national") where the node's API differs from the tally of the same files.</summary>
    private static async Task<List<string>> CompareWithTallyAsync(HttpClient http, Uri node, JsonNode tally, CancellationToken ct)
    {
        var differing = new List<string>();
        var national = (await GetJsonAsync(http, node, "api/v1/results", ct).ConfigureAwait(false)).AsObject();
        var expected = tally["national"]!.DeepClone().AsObject();

        if (!JsonNode.DeepEquals(LessTheNodesOwn(expected), LessTheNodesOwn(national)))
        {
            differing.Add("national");
        }

        foreach (var seat in tally["constituencies"]!.AsArray())
        {
            var code = (string)seat!["code"]!;
            var actual = (await GetJsonAsync(http, node, $"api/v1/constituencies/{code}", ct).ConfigureAwait(false)).AsObject();
            if (!JsonNode.DeepEquals(LessTheNodesOwn(seat.DeepClone().AsObject()), LessTheNodesOwn(actual)))
            {
                differing.Add(code);
            }
        }

        return differing;
    }

    /// <summary>A payload less what differs by design between a node and the tally: the node's mode and its journal sequence.</summary>
    private static JsonObject LessTheNodesOwn(JsonObject payload)
    {
        payload.Remove("mode");
        payload.Remove("sequence");
        return payload;
    }

    /// <summary>Asks B's readiness every 100 ms for as long as the drill runs; counts the answers other than 200.</summary>
    private static async Task<int> WatchReadinessAsync(HttpClient http, Uri node, CancellationToken ct)
    {
        var refusals = 0;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                using var response = await http.GetAsync(new Uri(node, "healthz/ready"), ct).ConfigureAwait(false);
                refusals += response.StatusCode == HttpStatusCode.OK ? 0 : 1;
                await Task.Delay(100, ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                refusals++;
            }
        }

        return refusals;
    }

    [GeneratedRegex(@"(?<posted>\d+) posted in [\d.]+ s: (?<accepted>\d+) accepted, (?<repeated>\d+) repeated, (?<rejected>\d+) rejected \((?<retries>\d+) retries\)", RegexOptions.CultureInvariant)]
    private static partial Regex SummaryLine();

    [GeneratedRegex(@"unavailable for at most (?<seconds>[\d.]+) s", RegexOptions.CultureInvariant)]
    private static partial Regex OutageLine();
}
