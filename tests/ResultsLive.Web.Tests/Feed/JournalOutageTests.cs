using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;

using ResultsLive.Web.Tests.Hosting;

namespace ResultsLive.Web.Tests.Feed;

/// <summary>
/// A node cut off from Redis (a TCP proxy between them refuses every connection): ingest answers 503 with Retry-After and
/// records nothing, readiness stays 200 but says Degraded, and the same declaration sent again once the network is back
/// is taken as the first of the night; the demo night waits through a cut and carries on.
/// </summary>
public sealed class JournalOutageTests : IAsyncLifetime
{
    private RedisServer _redis = null!;

    public async Task InitializeAsync() => _redis = await RedisServer.StartAsync();

    public async Task DisposeAsync() => await _redis.DisposeAsync();

    [Fact]
    public async Task Declare_NetworkToRedisCut_503WithRetryAfterAndDegradedUntilBackThenAccepted()
    {
        await using var proxy = new TcpProxy(_redis.Port);
        using var node = WebNode.For2024(string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{proxy.Port},abortConnect=false"));
        using var ingest = node.Ingest();
        var body = Api.Declarations.IslingtonNorthBody().ToJsonString();
        using (var ready = await node.GetJsonAsync("/healthz/ready"))
        {
            Assert.Equal("Healthy", ready.RootElement.GetProperty("status").GetString());
        }

        proxy.Cut();

        // The node finds out when its connection resets; readiness says so and stays 200, so no balancer drops it.
        var degraded = await WaitForAsync(async () =>
        {
            using var client = node.CreateClient();
            using var response = await client.GetAsync(new Uri("/healthz/ready", UriKind.Relative));
            var text = await response.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return JsonDocument.Parse(text).RootElement.GetProperty("status").GetString() == "Degraded" ? text : null;
        });
        Assert.Contains("results paused", degraded, StringComparison.Ordinal);
        Assert.DoesNotContain(proxy.Port.ToString(CultureInfo.InvariantCulture), degraded, StringComparison.Ordinal);

        using (var refused = await ingest.PostAsync(new Uri("/api/v1/declarations", UriKind.Relative), WebNode.Json(body)))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(2), refused.Headers.RetryAfter?.Delta);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            var problem = await refused.Content.ReadAsStringAsync();
            Assert.Contains("The results journal is unavailable", problem, StringComparison.Ordinal);
            Assert.DoesNotContain("127.0.0.1", problem, StringComparison.Ordinal);
            Assert.DoesNotContain("Exception", problem, StringComparison.Ordinal);
        }

        proxy.Restore();

        // Sent again as a client told 503 does, until the node takes it: it is the night's first entry, once.
        var accepted = await WaitForAsync(async () =>
        {
            using var response = await ingest.PostAsync(new Uri("/api/v1/declarations", UriKind.Relative), WebNode.Json(body));
            return response.StatusCode == HttpStatusCode.Accepted ? await response.Content.ReadAsStringAsync() : null;
        });
        Assert.Equal(1, JsonDocument.Parse(accepted).RootElement.GetProperty("sequence").GetInt64());
        var seat = await WaitForAsync(async () =>
        {
            using var detail = await node.GetJsonAsync("/api/v1/constituencies/E14001305");
            return detail.RootElement.GetProperty("status").GetString() == "declared" ? "declared" : null;
        });
        Assert.Equal("declared", seat);
    }

    [Fact]
    public async Task DemoNight_NetworkToRedisCutMidNight_WaitsAndCarriesOnToTheLastSeat()
    {
        await using var proxy = new TcpProxy(_redis.Port);
        var logs = new LogEvents();
        using var node = WebNode.ForSettings(
            new Dictionary<string, string?>
            {
                ["ResultsLive:Redis"] = string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{proxy.Port},abortConnect=false"),
                ["ResultsLive:Demo:Seats"] = "30",
                ["ResultsLive:Demo:Duration"] = "00:00:15",
            },
            logs.AddTo);
        await WaitForAsync(async () => await DeclaredAsync(node) >= 3 ? "under way" : null);

        proxy.Cut();

        // The demo's next entry is refused: it says it is waiting, and the host keeps running.
        await WaitForAsync(() => Task.FromResult(logs.Any("Demo night: the journal is unavailable") ? "waiting" : null));
        proxy.Restore();

        await WaitForAsync(() => Task.FromResult(logs.Any("Demo night: the journal is back") ? "resumed" : null));
        await WaitForAsync(async () => await DeclaredAsync(node) == 30 ? "finished" : null);
        using var seats = await node.GetJsonAsync("/api/v1/constituencies");
        Assert.All(seats.RootElement.EnumerateArray(), s => Assert.Equal("declared", s.GetProperty("status").GetString()));
    }

    private static async Task<int> DeclaredAsync(WebNode node)
    {
        using var client = node.CreateClient();
        using var response = await client.GetAsync(new Uri("/api/v1/results", UriKind.Relative));
        return response.IsSuccessStatusCode
            ? JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("declared").GetInt32()
            : -1;
    }

    /// <summary>Asks again every 50 ms until <paramref name="probe"/> answers, for at most a minute.</summary>
    private static async Task<string> WaitForAsync(Func<Task<string?>> probe)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            if (await probe() is { } answer)
            {
                return answer;
            }

            if (waited.Elapsed > TimeSpan.FromMinutes(1))
            {
                throw new TimeoutException("waited a minute in vain");
            }

            await Task.Delay(50);
        }
    }
}
