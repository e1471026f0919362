using System.Net;
using System.Text.Json;

using ResultsLive.Web.Tests.Hosting;

namespace ResultsLive.Web.Tests.Api;

/// <summary>
/// <c>GET /api/v1/battleground/{party}</c>, <c>/nations/{name}</c>, <c>/regions/{name}</c> and the path to a majority in
/// <c>/results</c>, on a real Kestrel node serving 2024 after Islington North has declared.
/// </summary>
public sealed class AnalysisApiTests : IAsyncLifetime
{
    private readonly WebNode _node = WebNode.For2024();

    public async Task InitializeAsync()
    {
        using var client = _node.Ingest();
        using var response = await client.PostAsync(new Uri("/api/v1/declarations", UriKind.Relative), WebNode.Json(Declarations.IslingtonNorthBody().Text()));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    public Task DisposeAsync()
    {
        _node.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Battleground_GreenAnyCase_ListsTargetsBySwingNeededWithIslingtonNorthDeclared()
    {
        using var json = await _node.GetJsonAsync("/api/v1/battleground/GREEN");

        var root = json.RootElement;
        Assert.Equal("party baseline targets", Names(root));
        Assert.Equal("Green", root.GetProperty("party").GetString());
        Assert.Equal("notional", root.GetProperty("baseline").GetProperty("kind").GetString());
        var targets = root.GetProperty("targets").EnumerateArray().ToList();
        Assert.Equal("constituency name swingNeeded baselineWinner status won swing", Names(targets[0]));
        var needed = targets.Select(t => t.GetProperty("swingNeeded").GetDouble()).ToList();
        Assert.Equal(needed.Order(), needed);

        var islington = targets.Single(t => t.GetProperty("constituency").GetString() == Declarations.IslingtonNorth);
        Assert.Equal(("Islington North", "Lab", "declared", false), (
            islington.GetProperty("name").GetString(), islington.GetProperty("baselineWinner").GetString(),
            islington.GetProperty("status").GetString(), islington.GetProperty("won").GetBoolean()));
        Assert.Equal(JsonValueKind.Number, islington.GetProperty("swing").ValueKind);
        Assert.All(targets.Where(t => t.GetProperty("constituency").GetString() != Declarations.IslingtonNorth), t =>
        {
            Assert.Equal("awaiting", t.GetProperty("status").GetString());
            Assert.Equal(JsonValueKind.Null, t.GetProperty("swing").ValueKind);
        });
    }

    [Fact]
    public async Task Battleground_UnknownParty_Is404NamingTheParty()
    {
        using var client = _node.CreateClient();

        using var response = await client.GetAsync(new Uri("/api/v1/battleground/Whigs", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains("'Whigs' is not a party", problem.RootElement.GetProperty("errors").GetProperty("party")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Region_ByNameOrSlug_HasTheResultsShapeAndItsSeats()
    {
        using var byName = await _node.GetJsonAsync("/api/v1/regions/London");
        using var bySlug = await _node.GetJsonAsync("/api/v1/regions/london");

        var root = byName.RootElement;
        Assert.Equal(root.GetRawText(), bySlug.RootElement.GetRawText());
        Assert.Equal(("London", "region", 1, 75), (
            root.GetProperty("name").GetString(), root.GetProperty("kind").GetString(),
            root.GetProperty("declared").GetInt32(), root.GetProperty("totalSeats").GetInt32()));
        Assert.False(root.TryGetProperty("majorityThreshold", out _));
        Assert.False(root.TryGetProperty("projection", out _));
        var ind = root.GetProperty("parties").EnumerateArray().Single(p => p.GetProperty("code").GetString() == "Ind");
        Assert.Equal(1, ind.GetProperty("seats").GetInt32());
        var seats = root.GetProperty("constituencies").EnumerateArray().ToList();
        Assert.Equal(75, seats.Count);
        var islington = seats.Single(s => s.GetProperty("code").GetString() == Declarations.IslingtonNorth);
        Assert.Equal(("declared", "Jeremy Corbyn"), (islington.GetProperty("status").GetString(), islington.GetProperty("winner").GetProperty("name").GetString()));
    }

    [Fact]
    public async Task Nation_HyphenatedAndRegionUnknown_AreFoundOr404()
    {
        using var ni = await _node.GetJsonAsync("/api/v1/nations/northern-ireland");
        Assert.Equal(("Northern Ireland", "nation", 0, 18), (
            ni.RootElement.GetProperty("name").GetString(), ni.RootElement.GetProperty("kind").GetString(),
            ni.RootElement.GetProperty("declared").GetInt32(), ni.RootElement.GetProperty("totalSeats").GetInt32()));

        using var client = _node.CreateClient();
        using var response = await client.GetAsync(new Uri("/api/v1/regions/atlantis", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains("yorkshire-and-the-humber", problem.RootElement.GetProperty("errors").GetProperty("name")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Results_PathToMajority_IsAddedAtTheEndWithEachPartysWay()
    {
        using var results = await _node.GetJsonAsync("/api/v1/results");

        // Fields are only ever added at the end of the contract: the path to a majority, then the exit poll.
        var root = results.RootElement;
        Assert.Equal(["pathToMajority", "exitPoll"], root.EnumerateObject().TakeLast(2).Select(p => p.Name));
        var ind = root.GetProperty("pathToMajority").EnumerateArray().Single(p => p.GetProperty("party").GetString() == "Ind");
        Assert.Equal("party won leadingUndeclared needed crossedAt canReach", Names(ind));
        Assert.Equal((1, 325, JsonValueKind.Null, true), (
            ind.GetProperty("won").GetInt32(), ind.GetProperty("needed").GetInt32(),
            ind.GetProperty("crossedAt").ValueKind, ind.GetProperty("canReach").GetBoolean()));
        var projection = root.GetProperty("projection");
        Assert.StartsWith("Projection: 1 declared seat, no exit poll;", projection.GetProperty("method").GetString(), StringComparison.Ordinal);
        Assert.All(projection.GetProperty("seats").EnumerateArray(), s =>
            Assert.InRange(s.GetProperty("seats").GetInt32(), s.GetProperty("low").GetInt32(), s.GetProperty("high").GetInt32()));
    }

    private static string Names(JsonElement element) => string.Join(' ', element.EnumerateObject().Select(p => p.Name));
}
