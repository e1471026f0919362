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
/// clients of the other; a client cut off resyncs by sequence. (A node killed outright and catching up is drilled in
/// Drills/FailureDrillTests, with the Redis primary killed too.)
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

        // A later change reaches the client after anything sent before it: once it is there, a second copy of the
        // declaration would be there too.
        using var counting = await ingest.PostAsync(new Uri("/api/v1/constituencies/S14000084/status", UriKind.Relative), WebNode.Json("""{"status":"counting"}"""));
        Assert.Equal(HttpStatusCode.Accepted, counting.StatusCode);
        await client.WaitForAsync(c => !c.StatusChanged.IsEmpty);
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

        // A correction after the night: the watcher prints it after everything before it, so once it is printed any
        // declaration printed twice would be there too.
        var correction = Api.Declarations.IslingtonNorthBody(revision: 2);
        correction["candidates"]![0]!["votes"] = 24_020;
        using (var ingest = a.Ingest())
        {
            using var corrected = await ingest.PostAsync(new Uri("/api/v1/declarations", UriKind.Relative), WebNode.Json(correction.ToJsonString()));
            Assert.Equal(HttpStatusCode.Accepted, corrected.StatusCode);
        }

        await Poll.UntilAsync(() => Lines(output, printed).Any(l => l.Contains("Majority 7,147", StringComparison.Ordinal)), "the correction printed", TimeSpan.FromSeconds(30));
        await stopWatching.CancelAsync();
        await watch;

        var lines = Lines(output, printed);
        Assert.Equal(2, proxy.Drops);
        Assert.Equal(651, lines.Length);
        Assert.StartsWith("Islington North: Ind gain from Lab.", lines[^1], StringComparison.Ordinal);
        var night = lines[..^1];
        Assert.Equal(650, night.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(ExpectedTexts().Order(StringComparer.Ordinal), night.Order(StringComparer.Ordinal));
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

    private static IEnumerable<string> ExpectedTexts()
    {
        var loaded = ElectionLoader.Load(new ElectionFiles(SharedData.Candidates2024, SharedData.Constituencies2024, SharedData.Notional2019));
        return loaded.Results.Select(d => Core.Arithmetic.SeatCalculator.Calculate(loaded.Election, d).Text);
    }
}
