using System.Net;
using System.Text.Json;

using Microsoft.AspNetCore.SignalR.Client;

using ResultsLive.Web.Tests.Api;
using ResultsLive.Web.Tests.Hosting;
using ResultsLive.Web.Tests.Hubs;

using StackExchange.Redis;

namespace ResultsLive.Web.Tests.Feed;

/// <summary>
/// Entries no node can decode or apply, written into a node's Redis journal by hand between good ones: every read of the
/// API and the hub still answers 200 with what the projection computed, and readiness says degraded with the count.
/// </summary>
public sealed class PoisonEntryApiTests : IAsyncLifetime
{
    private RedisServer _redis = null!;

    public async Task InitializeAsync() => _redis = await RedisServer.StartAsync();

    public async Task DisposeAsync() => await _redis.DisposeAsync();

    [Fact]
    public async Task Reads_PoisonEntriesInTheJournal_AllAnswer200AndHealthIsDegradedWithTheCount()
    {
        using var node = WebNode.For2024(_redis.ConnectionString);
        using var ingest = node.Ingest();
        using (var declared = await ingest.PostAsync(new Uri("/api/v1/declarations", UriKind.Relative), WebNode.Json(Declarations.IslingtonNorthBody().ToJsonString())))
        {
            Assert.Equal(HttpStatusCode.Accepted, declared.StatusCode);
        }

        using (var results = await node.GetJsonAsync("/api/v1/results"))
        {
            await PoisonAsync(results.RootElement.GetProperty("election").GetProperty("id").GetString()!);
        }

        // A good entry after them; ingest answers once this node's projection has it, so everything before is applied too.
        using (var status = await ingest.PostAsync(new Uri("/api/v1/constituencies/E14001305/status", UriKind.Relative), WebNode.Json("""{"status":"recount"}""")))
        {
            Assert.Equal(HttpStatusCode.Accepted, status.StatusCode);
        }

        using var entries = await node.GetJsonAsync("/api/v1/declarations?after=0");
        using var national = await node.GetJsonAsync("/api/v1/results");
        using var seat = await node.GetJsonAsync("/api/v1/constituencies/E14001305");
        await using var hub = await HubClient.ConnectAsync(node.BaseAddress);
        var resync = await hub.Connection.InvokeAsync<JsonElement>("GetDeclarationsAfter", 0L);
        using var client = node.CreateClient();
        using var healthResponse = await client.GetAsync(new Uri("/healthz", UriKind.Relative));
        using var health = JsonDocument.Parse(await healthResponse.Content.ReadAsStringAsync());

        var list = entries.RootElement.EnumerateArray().ToList();
        Assert.Equal(["declaration", "quarantined", "quarantined", "quarantined", "quarantined", "status"], list.Select(e => e.GetProperty("kind").GetString()));
        Assert.Equal([1L, 2, 3, 4, 5, 6], list.Select(e => e.GetProperty("sequence").GetInt64()));
        Assert.Contains("cannot read the declaration", list[1].GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Contains("unknown kind 'tombstone'", list[2].GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Contains("not a constituency of this election", list[3].GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Contains("overflow", list[4].GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.False(list[0].TryGetProperty("reason", out _));
        Assert.Equal("Ind gain from Lab", list[0].GetProperty("result").GetProperty("result").GetString());
        Assert.Equal(
            list.Select(e => (e.GetProperty("sequence").GetInt64(), e.GetProperty("kind").GetString())),
            resync.EnumerateArray().Select(e => (e.GetProperty("sequence").GetInt64(), e.GetProperty("kind").GetString())));
        Assert.Equal(list[4].GetProperty("reason").GetString(), resync[4].GetProperty("reason").GetString());
        Assert.Equal((6L, 1), (national.RootElement.GetProperty("sequence").GetInt64(), national.RootElement.GetProperty("declared").GetInt32()));
        Assert.Equal((1, "recount"), (seat.RootElement.GetProperty("revision").GetInt32(), seat.RootElement.GetProperty("status").GetString()));
        Assert.Equal(HttpStatusCode.OK, healthResponse.StatusCode);
        Assert.Equal("Degraded", health.RootElement.GetProperty("status").GetString());
        Assert.Equal(4, health.RootElement.GetProperty("entries").GetProperty("journal").GetProperty("data").GetProperty("quarantined").GetInt32());
    }

    /// <summary>Four entries as a damaged or foreign writer would leave them, each under the journal's next sequence.</summary>
    private async Task PoisonAsync(string electionId)
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync(_redis.ConnectionString);
        var db = connection.GetDatabase();
        var prefix = $"resultslive:{{{electionId}}}:";
        var now = DateTimeOffset.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        var islington = Declarations.IslingtonNorthBody(revision: 2);
        foreach (var candidate in islington["candidates"]!.AsArray())
        {
            candidate!["votes"] = int.MaxValue;
        }

        var unknownSeat = Declarations.IslingtonNorthBody();
        unknownSeat["constituency"] = "W07999999";
        foreach (var (kind, constituency, body) in new[]
        {
            ("declaration", "E14001305", "{{{ not json"),
            ("tombstone", "E14001305", "{}"),
            ("declaration", "W07999999", unknownSeat.ToJsonString()),
            ("declaration", "E14001305", islington.ToJsonString()),
        })
        {
            await db.ScriptEvaluateAsync(
                """
                local seq = redis.call('INCR', KEYS[2])
                redis.call('XADD', KEYS[1], '0-' .. seq, 'v', '1', 'kind', ARGV[1], 'constituency', ARGV[2], 'recordedAt', ARGV[3], 'source', 'key:rogue', 'body', ARGV[4])
                redis.call('PUBLISH', ARGV[5], seq .. ' rogue')
                return seq
                """,
                [prefix + "journal", prefix + "seq"],
                [kind, constituency, now, body, prefix + "appended"]);
        }
    }
}
