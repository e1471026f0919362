using System.Net;
using System.Text.Json;

using ResultsLive.Web.Tests.Hosting;

namespace ResultsLive.Web.Tests.Desk;

/// <summary><c>GET /api/v1/alerts?after=SEQ</c>: the notable declarations with their reasons, public, paged by sequence.</summary>
public sealed class AlertsApiTests : IDisposable
{
    private readonly WebNode _node = WebNode.For2024();

    public void Dispose() => _node.Dispose();

    [Fact]
    public async Task Alerts_AfterASequence_ListsTheNotableDeclarationsAfterItWithTheirReasons()
    {
        using var ingest = _node.Ingest();
        var first = await DeskData.PostAsync(ingest, DeskData.Order[0]);
        var islington = await DeskData.PostAsync(ingest, DeskData.Seat("E14001305"));
        await DeskData.WaitForDeskAsync(_node, islington);

        using var all = await _node.GetJsonAsync("/api/v1/alerts?after=0");
        using var after = await _node.GetJsonAsync($"/api/v1/alerts?after={first}");

        var alerts = all.RootElement.EnumerateArray().ToList();
        Assert.Equal(["E14001295", "E14001305"], alerts.Select(a => a.GetProperty("constituency").GetString()));
        Assert.Equal(first, alerts[0].GetProperty("sequence").GetInt64());
        Assert.Equal(["first-declaration"], Kinds(alerts[0]));
        Assert.Contains("gain", Kinds(alerts[1]));
        Assert.Equal(1, alerts[1].GetProperty("revision").GetInt32());
        Assert.All(alerts[1].GetProperty("reasons").EnumerateArray(), r => Assert.False(string.IsNullOrWhiteSpace(r.GetProperty("text").GetString())));
        Assert.Equal(["E14001305"], after.RootElement.EnumerateArray().Select(a => a.GetProperty("constituency").GetString()));
        Assert.DoesNotContain("watched", alerts.SelectMany(Kinds));
    }

    [Theory]
    [InlineData("/api/v1/alerts?after=-1", "after")]
    [InlineData("/api/v1/alerts?after=abc", "after")]
    [InlineData("/api/v1/alerts?limit=0", "limit")]
    [InlineData("/api/v1/alerts?limit=100000", "limit")]
    public async Task Alerts_MalformedQuery_ProblemDetailsNamingTheField(string path, string field)
    {
        using var client = _node.CreateClient();
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(field, out _));
    }

    private static List<string?> Kinds(JsonElement alert) => [.. alert.GetProperty("reasons").EnumerateArray().Select(r => r.GetProperty("kind").GetString())];
}
