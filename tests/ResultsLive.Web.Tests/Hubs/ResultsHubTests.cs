using System.Net;
using System.Text.Json;

using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

using ResultsLive.Web.Tests.Api;
using ResultsLive.Web.Tests.Desk;
using ResultsLive.Web.Tests.Hosting;

namespace ResultsLive.Web.Tests.Hubs;

/// <summary><c>/hubs/results</c> on one real node: scopes, snapshots with sequences, pushes, and resync by sequence.</summary>
public sealed class ResultsHubTests : IDisposable
{
    private readonly WebNode _node = WebNode.For2024();

    public void Dispose() => _node.Dispose();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Subscribe_National_GetsSnapshotThenTheDeclarationWithSeatAndNationalShapes(bool messagePack)
    {
        await using var client = await HubClient.ConnectAsync(_node.BaseAddress, messagePack);
        var snapshot = await client.SubscribeAsync("national");
        Assert.Equal(0, snapshot.GetProperty("sequence").GetInt64());
        Assert.Equal(650, snapshot.GetProperty("national").GetProperty("totalSeats").GetInt32());

        var sequence = await DeclareIslingtonAsync();

        await client.WaitForAsync(c => !c.Declared.IsEmpty);
        var message = Assert.Single(client.Declared);
        Assert.Equal(sequence, message.GetProperty("sequence").GetInt64());
        Assert.Equal("Islington North: Ind gain from Lab. Jeremy Corbyn (Ind) 24,120. Majority 7,247. Turnout 67.3%.", message.GetProperty("text").GetString());
        Assert.Equal(7247, message.GetProperty("constituency").GetProperty("majority").GetInt32());
        Assert.Equal(1, message.GetProperty("national").GetProperty("declared").GetInt32());
        Assert.Equal(sequence, message.GetProperty("national").GetProperty("sequence").GetInt64());
    }

    [Fact]
    public async Task Subscribe_SeatAndRegionScopes_GetOnlyTheirOwnSeats()
    {
        await using var islington = await HubClient.ConnectAsync(_node.BaseAddress);
        await using var london = await HubClient.ConnectAsync(_node.BaseAddress);
        await using var scotland = await HubClient.ConnectAsync(_node.BaseAddress);
        var seat = await islington.SubscribeAsync("constituency:e14001305");
        var region = await london.SubscribeAsync("region:London");
        await scotland.SubscribeAsync("region:Scotland");
        Assert.Equal("constituency:E14001305", seat.GetProperty("scope").GetString());
        Assert.Equal("awaiting", seat.GetProperty("constituency").GetProperty("status").GetString());
        Assert.Equal(75, region.GetProperty("constituencies").GetArrayLength());

        await DeclareIslingtonAsync();

        await islington.WaitForAsync(c => !c.Declared.IsEmpty);
        await london.WaitForAsync(c => !c.Declared.IsEmpty);

        // A later change in Scotland reaches Scotland's client after anything the node sent it before: once it is there,
        // Islington's declaration would be there too, had it been sent to the wrong scope.
        using var ingest = _node.Ingest();
        using var counting = await ingest.PostAsync(new Uri("/api/v1/constituencies/S14000084/status", UriKind.Relative), WebNode.Json("""{"status":"counting"}"""));
        Assert.Equal(HttpStatusCode.Accepted, counting.StatusCode);
        await scotland.WaitForAsync(c => !c.StatusChanged.IsEmpty);
        Assert.Empty(scotland.Declared);
        Assert.Single(islington.Declared);
    }

    [Fact]
    public async Task StatusChange_IsPushedWithItsSequence()
    {
        await using var client = await HubClient.ConnectAsync(_node.BaseAddress);
        await client.SubscribeAsync("constituency:E14001305");
        using var ingest = _node.Ingest();

        using var response = await ingest.PostAsync(new Uri("/api/v1/constituencies/E14001305/status", UriKind.Relative), WebNode.Json("""{"status":"recount"}"""));

        await client.WaitForAsync(c => !c.StatusChanged.IsEmpty);
        var message = Assert.Single(client.StatusChanged);
        Assert.Equal(("E14001305", "recount"), (message.GetProperty("constituency").GetString(), message.GetProperty("status").GetString()));
        Assert.Equal(JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("sequence").GetInt64(), message.GetProperty("sequence").GetInt64());
    }

    [Fact]
    public async Task GetDeclarationsAfter_AClientThatMissedMessages_GetsThemInOrder()
    {
        var first = await DeclareIslingtonAsync();
        var second = await DeclareIslingtonAsync(revision: 2);
        await using var client = await HubClient.ConnectAsync(_node.BaseAddress);

        var missed = await client.Connection.InvokeAsync<JsonElement>("GetDeclarationsAfter", first - 1);

        Assert.Equal([first, second], missed.EnumerateArray().Select(e => e.GetProperty("sequence").GetInt64()));
        Assert.Equal(2, missed[1].GetProperty("revision").GetInt32());
    }

    [Fact]
    public async Task Subscribe_Alerts_GetsEachNotableDeclaration_WhichResultsScopesAreNotSent()
    {
        await using var alerts = await HubClient.ConnectAsync(_node.BaseAddress);
        await using var national = await HubClient.ConnectAsync(_node.BaseAddress);
        Assert.Equal("alerts", (await alerts.SubscribeAsync("alerts")).GetProperty("scope").GetString());
        await national.SubscribeAsync("national");
        using var ingest = _node.Ingest();

        var first = await DeskData.PostAsync(ingest, DeskData.Order[0]);
        await alerts.WaitForAsync(c => !c.Alerts.IsEmpty);
        await national.WaitForAsync(c => !c.Declared.IsEmpty);

        // The first alert has gone out, to the alerts scope alone. The national client asks for alerts now: the next
        // notable declaration's is the only one it ever has (sent to national, the first would have come before it).
        await national.SubscribeAsync("alerts");
        var islington = await DeskData.PostAsync(ingest, DeskData.Seat("E14001305"));
        await national.WaitForAsync(c => !c.Alerts.IsEmpty);
        await alerts.WaitForAsync(c => c.Alerts.Count == 2);

        Assert.Equal([first, islington], alerts.Alerts.Select(a => a.GetProperty("sequence").GetInt64()));
        var alert = Assert.Single(national.Alerts);
        Assert.Equal(("E14001305", islington), (alert.GetProperty("constituency").GetString(), alert.GetProperty("sequence").GetInt64()));
        Assert.Contains("gain", alert.GetProperty("reasons").EnumerateArray().Select(r => r.GetProperty("kind").GetString()));
    }

    [Fact]
    public async Task Subscribe_UnknownScope_IsAHubErrorNamingTheScope()
    {
        await using var client = await HubClient.ConnectAsync(_node.BaseAddress);

        var error = await Assert.ThrowsAsync<HubException>(() => client.SubscribeAsync("constituency:E14009999"));

        Assert.Contains("constituency:E14009999", error.Message, StringComparison.Ordinal);
    }

    private async Task<long> DeclareIslingtonAsync(int revision = 1)
    {
        using var ingest = _node.Ingest();
        var body = Declarations.IslingtonNorthBody(revision);
        body["candidates"]![6]!["votes"] = 31 + revision;
        using var response = await ingest.PostAsync(new Uri("/api/v1/declarations", UriKind.Relative), WebNode.Json(body.ToJsonString()));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("sequence").GetInt64();
    }
}
