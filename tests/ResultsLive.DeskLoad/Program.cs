using System.Collections.Concurrent;
using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

using ResultsLive.Cli;
using ResultsLive.Testing;

// dotnet run -c Release --project tests/ResultsLive.DeskLoad [-- --runs 3 --seconds 10 --clients 32]
// Per run, all on this machine against loopback: a fresh redis-server (infra/redis/redis.conf), one web node as a child
// process with a JSON webhook to the receiver below, the full 2024 night replayed at max speed through the CLI, then the
// Atom feed read as hard as the clients can.
var runs = Option("--runs", 3);
var seconds = Option("--seconds", 10);
var clients = Option("--clients", 32);
const string apiKey = "desk-load-tool-ingest-key-0123456789";
const string secret = "desk-load-tool-webhook-secret-0123";

var receiver = await Receiver.StartAsync();
var culture = CultureInfo.InvariantCulture;
for (var run = 1; run <= runs; run++)
{
    await using var redis = await RedisServer.StartAsync();
    var settings = SharedData.Election2024Settings(redis.ConnectionString, apiKey);
    settings["ResultsLive:Desk:Webhooks:0:Url"] = receiver.Url.ToString();
    settings["ResultsLive:Desk:Webhooks:0:Secret"] = secret;
    await using var node = await WebNodeProcess.StartAsync(settings);
    receiver.Reset();

    // 1. The whole night as `resultslive replay --speed max` sends it; each webhook's latency runs from the entry's
    // recordedAt (the node's clock when the journal took it) to its arrival here (the same machine's clock).
    var replay = Stopwatch.StartNew();
    using (var output = new StringWriter())
    {
        var exit = await CliApp.Create().Parse(
        [
            "replay", "--candidates", SharedData.Candidates2024, "--constituencies", SharedData.Constituencies2024,
            "--times", SharedData.DeclarationTimes2024, "--to", node.Url.ToString(), "--api-key", apiKey, "--speed", "max",
        ]).InvokeAsync(new InvocationConfiguration { Output = output, Error = TextWriter.Null });
        if (exit != 0)
        {
            throw new InvalidOperationException("the replay failed: " + output);
        }
    }

    await receiver.WaitForAsync(650, TimeSpan.FromMinutes(3));
    replay.Stop();
    var latencies = receiver.Latencies().Order().ToArray();
    Console.WriteLine(string.Create(culture,
        $"run {run}: replay GE2024 --speed max, 650 webhooks received in {replay.Elapsed.TotalSeconds:0.0} s; declaration-to-webhook-received "
        + $"p50 {Percentile(latencies, 0.50):0} ms, p99 {Percentile(latencies, 0.99):0} ms, max {latencies[^1]:0} ms (target p99 < 500 ms); "
        + $"{receiver.Duplicates} repeated ids"));

    // 2. The Atom feed: readers that hold its ETag get 304s; then readers without it get the whole feed.
    using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = clients }) { BaseAddress = node.Url };
    using var first = await http.GetAsync(new Uri("/feeds/results.atom", UriKind.Relative));
    var etag = first.Headers.ETag!;
    var size = (await first.Content.ReadAsByteArrayAsync()).Length;
    var (conditional, notModified) = await HammerAsync(http, etag, clients, TimeSpan.FromSeconds(seconds));
    var (full, _) = await HammerAsync(http, null, clients, TimeSpan.FromSeconds(seconds));
    Console.WriteLine(string.Create(culture,
        $"run {run}: /feeds/results.atom, {clients} clients, {seconds} s each: {conditional / seconds:N0} requests/s with If-None-Match "
        + $"({notModified * 100.0 / Math.Max(1, conditional):0.0}% 304), {full / seconds:N0} requests/s without ({size / 1024.0:0} KB each)"));
}

await receiver.DisposeAsync();
return 0;

static async Task<(long Requests, long NotModified)> HammerAsync(HttpClient http, EntityTagHeaderValue? etag, int clients, TimeSpan duration)
{
    long requests = 0, notModified = 0;
    using var stop = new CancellationTokenSource(duration);
    await Task.WhenAll(Enumerable.Range(0, clients).Select(async _ =>
    {
        while (!stop.IsCancellationRequested)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/feeds/results.atom");
            if (etag is not null)
            {
                request.Headers.IfNoneMatch.Add(etag);
            }

            try
            {
                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, stop.Token);
                Interlocked.Increment(ref requests);
                if (response.StatusCode == HttpStatusCode.NotModified)
                {
                    Interlocked.Increment(ref notModified);
                }
            }
            catch (OperationCanceledException)
            {
                // The time is up.
            }
        }
    }));
    return (requests, notModified);
}

static double Percentile(double[] sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

int Option(string name, int fallback)
{
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
}

/// <summary>A webhook receiver on Kestrel that notes when each delivery id first arrived and how old its entry was.</summary>
internal sealed class Receiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly SemaphoreSlim _arrived = new(0);
    private ConcurrentDictionary<string, double> _latency = new(StringComparer.Ordinal);
    private int _duplicates;

    private Receiver(WebApplication app) => _app = app;

    public Uri Url { get; private set; } = null!;

    public int Duplicates => _duplicates;

    public static async Task<Receiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new Receiver(app);
        app.MapPost("/hook", (Delegate)receiver.ReceiveAsync);
        await app.StartAsync();
        receiver.Url = new Uri(new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()), "/hook");
        return receiver;
    }

    public void Reset()
    {
        _latency = new(StringComparer.Ordinal);
        _duplicates = 0;
    }

    public IEnumerable<double> Latencies() => _latency.Values;

    public async Task WaitForAsync(int count, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        while (_latency.Count < count)
        {
            await _arrived.WaitAsync(cancel.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _arrived.Dispose();
    }

    private async Task<IResult> ReceiveAsync(HttpContext context)
    {
        var arrived = DateTimeOffset.UtcNow;
        using var body = await JsonDocument.ParseAsync(context.Request.Body);
        var id = context.Request.Headers["X-ResultsLive-Delivery"].ToString();
        var recorded = body.RootElement.GetProperty("recordedAt").GetDateTimeOffset();
        if (!_latency.TryAdd(id, (arrived - recorded).TotalMilliseconds))
        {
            Interlocked.Increment(ref _duplicates);
        }

        _arrived.Release();
        return Results.Ok();
    }
}
