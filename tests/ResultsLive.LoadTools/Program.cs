using ResultsLive.LoadTools;

// resultslive-load: measures what the public pages cost and how fast they follow the feed.
//   measure [--declarations N] [--others N] [--published DIR] [--in-memory] [--memory-only] [--stream]
//                                            declaration-to-DOM latency (p50/p99) and memory per idle circuit; with
//                                            --stream the others are /api/v1/stream viewers (the public pages), and the
//                                            figures are memory per viewer and node CPU per declaration
//   screenshots BASEURL OUTDIR [PATH...]     full-page screenshots at 390 and 1920 px
//   circuits URL COUNT SECONDS               holds COUNT raw Blazor circuits open on a page
//   probe URL EXPRESSION                     prints a JavaScript expression's value on a page (debugging)
//   cache [--readers 10000] [--declarations 100] [--connections 1000] [--every-part] [--published DIR]
//                                            the public side behind nginx's cache (infra/nginx): renders per fragment per
//                                            sequence at the node, cache hit ratio, node requests per declaration
//   stream-burst [--viewers 10000] [--declarations 20] [--published DIR]
//                                            the pages' push channel (/api/v1/stream) against a bare SSE server sending the
//                                            node's own events to as many readers: burst deliveries per second, CPU per delivery
//   take [--takes 100] [--published DIR]   take-to-pixel p50/p99 on an output served by another node than the take's
//   graphics-screenshots BASEURL OUTDIR [SEAT [CHANNEL [OUTPUTKEY]]]
//                                            every template at 1920x1080 over a checkerboard, the console at 1920 and 1366 px
return args switch
{
    ["measure", .. var options] => await LoadTest.RunAsync(
        Option(options, "--declarations", 120), Option(options, "--others", 100), OptionText(options, "--published"), options.Contains("--in-memory"), options.Contains("--memory-only"), options.Contains("--stream")),
    ["screenshots", var baseUrl, var output, .. var paths] =>
        await Screenshots.RunAsync(new Uri(baseUrl), output, paths.Length > 0 ? paths : ["/", "/constituencies", "/constituency/E14001305", "/constituency/nope"]),
    ["circuits", var url, var count, var seconds] => await HoldCircuitsAsync(new Uri(url), int.Parse(count, System.Globalization.CultureInfo.InvariantCulture), int.Parse(seconds, System.Globalization.CultureInfo.InvariantCulture)),
    ["probe", var url, var expression] => await Probe.RunAsync(new Uri(url), expression),
    ["cache", .. var options] => await CacheLoadTest.RunAsync(
        Option(options, "--readers", 10_000), Option(options, "--declarations", 100), Option(options, "--connections", 1000), options.Contains("--every-part"), OptionText(options, "--published")),
    ["stream-burst", .. var options] => await StreamBurstTest.RunAsync(Option(options, "--viewers", 10_000), Option(options, "--declarations", 20), OptionText(options, "--published")),
    ["bare-stream-server", var port] => await BareStreamServer.RunAsync(int.Parse(port, System.Globalization.CultureInfo.InvariantCulture)),
    ["take", .. var options] => await TakeToPixel.RunAsync(Option(options, "--takes", 100), OptionText(options, "--published")),
    ["graphics-screenshots", var baseUrl, var output, .. var rest] =>
        await GraphicsScreenshots.RunAsync(new Uri(baseUrl), output, rest.Length > 0 ? rest[0] : "E14001305", rest.Length > 1 ? rest[1] : null, rest.Length > 2 ? rest[2] : null),
    _ => Usage(),
};

// Opens COUNT raw circuits on a page and holds them for SECONDS (for a heap snapshot of the node, say).
static async Task<int> HoldCircuitsAsync(Uri url, int count, int seconds)
{
    using var http = new HttpClient();
    var circuits = new List<RawCircuit>();
    for (var i = 0; i < count; i++)
    {
        var circuit = await RawCircuit.OpenAsync(http, url);
        await circuit.WaitUntilRenderedAsync(TimeSpan.FromSeconds(30));
        circuits.Add(circuit);
    }

    Console.WriteLine($"{count} circuits open on {url}; holding them for {seconds} s");
    await Task.Delay(TimeSpan.FromSeconds(seconds));
    Console.WriteLine($"they received {circuits.Sum(c => c.RenderBatches)} render batches");
    foreach (var circuit in circuits)
    {
        await circuit.DisposeAsync();
    }

    return 0;
}

static int Usage()
{
    Console.Error.WriteLine("usage: ResultsLive.LoadTools measure [--declarations 120] [--others 100] [--published DIR] [--in-memory] [--memory-only] [--stream]");
    Console.Error.WriteLine("       ResultsLive.LoadTools screenshots BASEURL OUTDIR [PATH...]");
    Console.Error.WriteLine("       ResultsLive.LoadTools probe URL EXPRESSION");
    Console.Error.WriteLine("       ResultsLive.LoadTools cache [--readers 10000] [--declarations 100] [--connections 1000] [--every-part] [--published DIR]");
    Console.Error.WriteLine("       ResultsLive.LoadTools stream-burst [--viewers 10000] [--declarations 20] [--published DIR]");
    Console.Error.WriteLine("       ResultsLive.LoadTools take [--takes 100] [--published DIR]");
    Console.Error.WriteLine("       ResultsLive.LoadTools graphics-screenshots BASEURL OUTDIR [SEAT [CHANNEL [OUTPUTKEY]]]");
    return 2;
}

static int Option(string[] options, string name, int fallback) =>
    Array.IndexOf(options, name) is var i and >= 0 && i + 1 < options.Length
        ? int.Parse(options[i + 1], System.Globalization.CultureInfo.InvariantCulture)
        : fallback;

static string? OptionText(string[] options, string name) =>
    Array.IndexOf(options, name) is var i and >= 0 && i + 1 < options.Length ? options[i + 1] : null;
