using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;

using ResultsLive.Cli;
using ResultsLive.Web.Tests.Hosting;

namespace ResultsLive.Web.Tests.Feed;

/// <summary>
/// The night end to end on real parts: the 2024 election replayed by <c>resultslive replay</c> at full speed into a node
/// on a real redis-server must leave the API equal to <c>resultslive tally</c> of the same files — and stay equal after
/// the web node restarts, and after redis-server is killed and restarted on its data directory.
/// </summary>
public sealed class ReplayOnRedisTests : IAsyncLifetime
{
    private RedisServer _redis = null!;

    public async Task InitializeAsync() => _redis = await RedisServer.StartAsync();

    public async Task DisposeAsync() => await _redis.DisposeAsync();

    [Fact]
    public async Task Replay2024AtMaxSpeed_ThenRestarts_ApiEqualsTheTallyOfTheSameFiles()
    {
        var expected = await TallyAsync();

        using (var node = WebNode.For2024(_redis.ConnectionString))
        {
            var (exitCode, output, error) = await CliAsync(
                "replay", "--candidates", SharedData.Candidates2024, "--constituencies", SharedData.Constituencies2024,
                "--times", SharedData.DeclarationTimes2024, "--to", node.BaseAddress.ToString(), "--api-key", WebNode.ApiKey, "--speed", "max");
            Assert.True(exitCode == 0, output + error);
            Assert.Contains("650 accepted, 0 repeated, 0 rejected", output, StringComparison.Ordinal);

            await AssertApiEqualsTallyAsync(node, expected);

            // A second replay changes nothing: every declaration is an identical repeat.
            var again = await CliAsync(
                "replay", "--candidates", SharedData.Candidates2024, "--constituencies", SharedData.Constituencies2024,
                "--times", SharedData.DeclarationTimes2024, "--to", node.BaseAddress.ToString(), "--api-key", WebNode.ApiKey);
            Assert.Contains("0 accepted, 650 repeated, 0 rejected", again.Output, StringComparison.Ordinal);
        }

        // A restarted web node rebuilds the same state from the journal.
        using (var restarted = WebNode.For2024(_redis.ConnectionString))
        {
            await WaitCaughtUpAsync(restarted);
            await AssertApiEqualsTallyAsync(restarted, expected);
        }

        // redis-server killed outright and restarted on the same data directory: AOF has every acknowledged entry.
        await _redis.KillAsync();
        await _redis.RestartAsync();
        using (var afterRedis = WebNode.For2024(_redis.ConnectionString))
        {
            await WaitCaughtUpAsync(afterRedis);
            await AssertApiEqualsTallyAsync(afterRedis, expected);
        }
    }

    [Fact]
    public async Task Ingest_RedisKilledAndRestartedUnderARunningNode_NodeCarriesOnAndLosesNothing()
    {
        using var node = WebNode.For2024(_redis.ConnectionString);
        using var client = node.Ingest();
        var first = await client.PostAsync(new Uri("/api/v1/declarations", UriKind.Relative), WebNode.Json(Api.Declarations.IslingtonNorthBody().ToJsonString()));
        Assert.Equal(System.Net.HttpStatusCode.Accepted, first.StatusCode);

        await _redis.KillAsync();
        using (var health = await client.GetAsync(new Uri("/healthz", UriKind.Relative)))
        {
            Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, health.StatusCode);
        }

        await _redis.RestartAsync();
        var correction = Api.Declarations.IslingtonNorthBody(revision: 2);
        correction["candidates"]![1]!["votes"] = 16_900;
        HttpResponseMessage? second = null;
        for (var attempt = 0; attempt < 50 && second?.StatusCode != System.Net.HttpStatusCode.Accepted; attempt++)
        {
            second?.Dispose();
            await Task.Delay(100);
            second = await client.PostAsync(new Uri("/api/v1/declarations", UriKind.Relative), WebNode.Json(correction.ToJsonString()));
        }

        Assert.Equal(System.Net.HttpStatusCode.Accepted, second!.StatusCode);
        second.Dispose();
        using var seat = await node.GetJsonAsync("/api/v1/constituencies/E14001305");
        Assert.Equal(2, seat.RootElement.GetProperty("revision").GetInt32());
        using var results = await node.GetJsonAsync("/api/v1/results");
        Assert.Equal(2, results.RootElement.GetProperty("sequence").GetInt64());
    }

    private static async Task<JsonNode> TallyAsync()
    {
        var (exitCode, output, error) = await CliAsync(
            "tally", "--candidates", SharedData.Candidates2024, "--constituencies", SharedData.Constituencies2024,
            "--baseline", SharedData.Notional2019, "--baseline-kind", "notional", "--times", SharedData.DeclarationTimes2024, "--json");
        Assert.True(exitCode == 0, error);
        return JsonNode.Parse(output)!;
    }

    private static async Task AssertApiEqualsTallyAsync(WebNode node, JsonNode tally)
    {
        var national = JsonNode.Parse(await node.GetStringAsync("/api/v1/results"))!.AsObject();
        var expected = tally["national"]!.DeepClone().AsObject();

        // The only fields that differ by design: the node's mode and its journal sequence.
        Assert.Equal("test", (string?)national["mode"]);
        Assert.Equal(650, (long)national["sequence"]!);
        foreach (var field in new[] { "mode", "sequence" })
        {
            national.Remove(field);
            expected.Remove(field);
        }

        Assert.True(JsonNode.DeepEquals(expected, national), $"national differs:\n{expected}\n---\n{national}");

        var differing = new List<string>();
        foreach (var seat in tally["constituencies"]!.AsArray())
        {
            var code = (string)seat!["code"]!;
            // A seat says which journal state and feed it is from, as the national picture does; the tally has neither.
            var actual = JsonNode.Parse(await node.GetStringAsync($"/api/v1/constituencies/{code}"))!.AsObject();
            var tallied = seat.DeepClone().AsObject();
            foreach (var field in new[] { "mode", "sequence" })
            {
                actual.Remove(field);
                tallied.Remove(field);
            }

            if (!JsonNode.DeepEquals(tallied, actual))
            {
                differing.Add(code);
            }
        }

        Assert.Empty(differing);
    }

    private static async Task WaitCaughtUpAsync(WebNode node)
    {
        for (var i = 0; i < 100; i++)
        {
            using var results = await node.GetJsonAsync("/api/v1/results");
            if (results.RootElement.GetProperty("sequence").GetInt64() >= 650)
            {
                return;
            }

            await Task.Delay(50);
        }
    }

    private static async Task<(int ExitCode, string Output, string Error)> CliAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await CliApp.Create().Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (exitCode, output.ToString(), error.ToString());
    }
}
