using System.CommandLine;
using System.Net;
using System.Text;
using System.Text.Json;

using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;

using ResultsLive.Cli;
using ResultsLive.Core.Contracts;
using ResultsLive.Import;
using ResultsLive.Web.Tests.Hosting;
using ResultsLive.Web.Tests.Hubs;

namespace ResultsLive.Web.Tests.ScaleOut;

/// <summary>
/// Two web nodes on one real redis-server: each tails the journal itself, so whatever is ingested on one reaches the
/// clients of the other; a node killed outright catches up when it comes back; a client cut off resyncs by sequence.
/// </summary>
public sealed class TwoNodeTests : IAsyncLifetime
{
    private RedisServer _redis = null!;

    public async Task InitializeAsync() => _redis = await RedisServer.StartAsync();

    public async Task DisposeAsync() => await _redis.DisposeAsync();

    [Fact]
    public async Task Declaration_PostedToNodeA_ReachesAHubClientOnNodeBExactlyOnce()
    {
        using var a = WebNode.For2024(_redis.ConnectionString);
        using var b = WebNode.For2024(_redis.ConnectionString);
        await using var client = await HubClient.ConnectAsync(b.BaseAddress);
        await client.SubscribeAsync("national");

        using var ingest = a.Ingest();
        using var response = await ingest.PostAsync(new Uri("/api/v1/declarations", UriKind.Relative), WebNode.Json(Api.Declarations.IslingtonNorthBody().ToJsonString()));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);

        await client.WaitForAsync(c => !c.Declared.IsEmpty);
        await Task.Delay(500);
        var message = Assert.Single(client.Declared);
        Assert.StartsWith("Islington North: Ind gain from Lab.", message.GetProperty("text").GetString(), StringComparison.Ordinal);
        using var seatOnB = await b.GetJsonAsync("/api/v1/constituencies/E14001305");
        Assert.Equal("declared", seatOnB.RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public void DataProtection_TwoNodes_ReadWhatTheOtherProtected()
    {
        using var a = WebNode.For2024(_redis.ConnectionString);
        using var b = WebNode.For2024(_redis.ConnectionString);

        // Circuit ids and antiforgery tokens are protected this way; a browser moved to B after A fails must still be read.
        var token = a.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Protect("made on node A");

        Assert.Equal("made on node A", b.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Unprotect(token));
    }

    [Fact]
    public async Task NodeKilledMidNight_OtherNodeKeepsServing_AndTheKilledNodeCatchesUpIdentically()
    {
        await using var a = await WebNodeProcess.StartAsync(SharedData.Election2024Settings(_redis.ConnectionString, WebNode.ApiKey));
        using var b = WebNode.For2024(_redis.ConnectionString);
        var night = NightBodies();

        using var toA = new HttpClient { BaseAddress = a.Url };
        toA.DefaultRequestHeaders.Add("X-Api-Key", WebNode.ApiKey);
        foreach (var body in night.Take(300))
        {
            using var response = await toA.PostAsync(new Uri("api/v1/declarations", UriKind.Relative), WebNode.Json(body));
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }

        await a.KillAsync();

        // B carries the rest of the night on its own: it serves, and takes ingest.
        using var toB = b.Ingest();
        foreach (var body in night.Skip(300))
        {
            using var response = await toB.PostAsync(new Uri("/api/v1/declarations", UriKind.Relative), WebNode.Json(body));
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }

        var onB = await b.GetStringAsync("/api/v1/results");
        Assert.Equal(650, JsonDocument.Parse(onB).RootElement.GetProperty("declared").GetInt32());

        await a.RestartAsync();
        var onA = await toA.GetStringAsync(new Uri("api/v1/results", UriKind.Relative));
        Assert.Equal(onB, onA);
        Assert.Equal(await b.GetStringAsync("/api/v1/constituencies"), await toA.GetStringAsync(new Uri("api/v1/constituencies", UriKind.Relative)));
    }

    [Fact]
    public async Task Watch_ConnectionCutMidReplay_PrintsEveryDeclarationExactlyOnce()
    {
        using var a = WebNode.For2024(_redis.ConnectionString);
        using var b = WebNode.For2024(_redis.ConnectionString);
        await using var proxy = new TcpProxy(b.BaseAddress);
        using var printed = new StringWriter();
        var output = TextWriter.Synchronized(printed);
        using var stopWatching = new CancellationTokenSource();
        var watch = CliApp.Create().Parse(["watch", "--url", proxy.Address.ToString()])
            .InvokeAsync(new InvocationConfiguration { Output = output, Error = TextWriter.Null }, stopWatching.Token);
        await Poll.UntilAsync(() => proxy.Connections > 0, "the watcher connects");
        await Task.Delay(500);

        var replay = CliApp.Create().Parse(
        [
            "replay", "--candidates", SharedData.Candidates2024, "--constituencies", SharedData.Constituencies2024,
            "--times", SharedData.DeclarationTimes2024, "--to", a.BaseAddress.ToString(), "--api-key", WebNode.ApiKey, "--speed", "max",
        ]).InvokeAsync(new InvocationConfiguration { Output = TextWriter.Null, Error = TextWriter.Null });

        // Cut the watcher off twice while the night is being replayed.
        await Poll.UntilAsync(() => Lines(output, printed).Length >= 100, "100 lines printed");
        proxy.DropAll();
        await Poll.UntilAsync(() => Lines(output, printed).Length >= 350, "350 lines printed");
        proxy.DropAll();

        Assert.Equal(0, await replay);
        await Poll.UntilAsync(() => Lines(output, printed).Length >= 650, "650 lines printed", TimeSpan.FromSeconds(30));
        await Task.Delay(500);
        await stopWatching.CancelAsync();
        await watch;

        var lines = Lines(output, printed);
        Assert.Equal(2, proxy.Drops);
        Assert.Equal(650, lines.Length);
        Assert.Equal(650, lines.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(ExpectedTexts().Order(StringComparer.Ordinal), lines.Order(StringComparer.Ordinal));
    }

    /// <summary>What the watcher has printed so far; the synchronized writer's lock keeps the read whole.</summary>
    private static string[] Lines(TextWriter output, StringWriter printed)
    {
        string text;
        lock (output)
        {
            text = printed.ToString();
        }

        return text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    private static List<string> NightBodies() =>
        [.. ElectionLoader.Load(new ElectionFiles(SharedData.Candidates2024, SharedData.Constituencies2024)).Results
            .Select(d => JsonSerializer.Serialize(d, ResultsContract.JsonOptions))];

    private static IEnumerable<string> ExpectedTexts()
    {
        var loaded = ElectionLoader.Load(new ElectionFiles(SharedData.Candidates2024, SharedData.Constituencies2024, SharedData.Notional2019));
        return loaded.Results.Select(d => Core.Arithmetic.SeatCalculator.Calculate(loaded.Election, d).Text);
    }
}
