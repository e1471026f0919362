using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

using Microsoft.Extensions.DependencyInjection;

using ResultsLive.Feed;
using ResultsLive.Web.Audit;
using ResultsLive.Web.Security;
using ResultsLive.Web.Tests.Hosting;
using ResultsLive.Web.Tests.Security;

namespace ResultsLive.Web.Tests.Api;

/// <summary>
/// The plausibility checks and their override on <c>POST /api/v1/declarations</c>: implausible figures are a 422 naming the
/// field and the range, an override with a reason from a key allowed to passes them into the journal and the audit trail,
/// and an override never passes what is invalid, nor comes from a key without the permission.
/// </summary>
public sealed class PlausibilityApiTests : IDisposable
{
    /// <summary>A key with both ingest and override, as a results desk's own tool would have.</summary>
    public const string DeskKey = "desk-override-key-0123456789";

    private readonly WebNode _node = WebNode.For2024(Settings());

    public void Dispose() => _node.Dispose();

    public static Dictionary<string, string?> Settings()
    {
        var settings = Newsroom.Settings();
        settings["ResultsLive:ApiKeys:desk:Key"] = DeskKey;
        settings["ResultsLive:ApiKeys:desk:Permissions:0"] = ApiKeyPermissions.Ingest;
        settings["ResultsLive:ApiKeys:desk:Permissions:1"] = ApiKeyPermissions.Override;
        return settings;
    }

    [Fact]
    public async Task Post_IslingtonNorthWithATenfoldElectorate_Is422NamingTheElectorateAndItsRange()
    {
        var body = Declarations.IslingtonNorthBody();
        body["electorate"] = 727_520;

        var problem = await AssertRejectedAsync(Key(Newsroom.IngestKey), body, HttpStatusCode.UnprocessableEntity, "electorate");

        var root = problem.RootElement;
        Assert.Equal("727,520 is more than 10% away from Islington North's electorate of 72,852: expected 65,567 to 80,137", root.GetProperty("errors").GetProperty("electorate")[0].GetString());
        Assert.Equal("Implausible figures", root.GetProperty("title").GetString());
        Assert.Equal(["candidates", "electorate"], root.GetProperty("overridable").EnumerateArray().Select(f => f.GetString()).Order(StringComparer.Ordinal));
        Assert.Contains("\"override\"", root.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_SameWithAnOverrideFromAnAllowedKey_IsAcceptedJournalledWithTheReasonAndAudited()
    {
        var body = Declarations.IslingtonNorthBody();
        body["electorate"] = 727_520;
        body["override"] = new JsonObject { ["reason"] = "  Returning officer's sheet says 727,520; checking  " };
        using var client = Key(DeskKey);

        using var response = await client.PostAsync(new Uri("/api/v1/declarations", UriKind.Relative), WebNode.Json(body.Text()));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var sequence = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("sequence").GetInt64();
        using var seat = await _node.GetJsonAsync("/api/v1/constituencies/E14001305");
        Assert.Equal(727_520, seat.RootElement.GetProperty("electorate").GetInt32());

        var entry = Assert.Single(_node.Services.GetRequiredService<LiveResults>().Current.EntriesAfter(sequence - 1, 1));
        Assert.Equal(new Provenance("key:desk", "Returning officer's sheet says 727,520; checking"), entry.Provenance);

        var trail = _node.Services.GetRequiredService<IAuditTrail>();
        var overrides = await trail.ReadAsync(new AuditFilter(Action: AuditActions.Override, Target: "E14001305"), new AuditPaging());
        var audited = Assert.Single(overrides.Events).Event;
        Assert.Equal("key:desk", audited.Actor);
        Assert.Equal($"revision 1, sequence {sequence}; overrode electorate, candidates; reason: Returning officer's sheet says 727,520; checking", audited.Detail);
        var declarations = await trail.ReadAsync(new AuditFilter(Action: AuditActions.Declaration, Target: "E14001305"), new AuditPaging());
        Assert.Single(declarations.Events);
    }

    [Fact]
    public async Task Post_OverrideFromAKeyWithoutThePermission_Is403NamingOverride()
    {
        var body = Declarations.IslingtonNorthBody();
        body["electorate"] = 727_520;
        body["override"] = new JsonObject { ["reason"] = "trust me" };

        var problem = await AssertRejectedAsync(Key(Newsroom.IngestKey), body, HttpStatusCode.Forbidden, "override");

        Assert.StartsWith("key:wire may not override", problem.RootElement.GetProperty("errors").GetProperty("override")[0].GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "is required")]
    [InlineData("", "is required")]
    [InlineData("line one\nline two", "must be one line")]
    [InlineData("a reason that goes on and on and on and on and on and on and on and on and on and on and on and on and on and on and on and on", "must be at most 120")]
    public async Task Post_OverrideWithoutAFitReason_Is422NamingTheReason(string? reason, string expected)
    {
        var body = Declarations.IslingtonNorthBody();
        body["electorate"] = 727_520;
        body["override"] = new JsonObject { ["reason"] = reason };

        var problem = await AssertRejectedAsync(Key(DeskKey), body, HttpStatusCode.UnprocessableEntity, "override.reason");

        Assert.StartsWith(expected, problem.RootElement.GetProperty("errors").GetProperty("override.reason")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_OverrideWhereNothingIsImplausible_Is422AsNotNeeded()
    {
        var body = Declarations.IslingtonNorthBody();
        body["override"] = new JsonObject { ["reason"] = "just in case" };

        var problem = await AssertRejectedAsync(Key(DeskKey), body, HttpStatusCode.UnprocessableEntity, "override");

        Assert.StartsWith("is not needed", problem.RootElement.GetProperty("errors").GetProperty("override")[0].GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("electorate", 0, "must be more than 0")]
    [InlineData("electorate", 2_000_000_000, "must be at most 10,000,000")]
    [InlineData("invalidVotes", int.MaxValue, "must be at most 10,000,000")]
    [InlineData("revision", int.MaxValue, "must be at most 1,000,000")]
    public async Task Post_InvalidFiguresWithAnOverride_AreStill422(string field, int value, string expected)
    {
        var body = Declarations.IslingtonNorthBody();
        body[field] = value;
        body["override"] = new JsonObject { ["reason"] = "the figures are right" };

        var problem = await AssertRejectedAsync(Key(DeskKey), body, HttpStatusCode.UnprocessableEntity, field);

        Assert.StartsWith(expected, problem.RootElement.GetProperty("errors").GetProperty(field)[0].GetString(), StringComparison.Ordinal);
        Assert.Equal("The declaration is not valid", problem.RootElement.GetProperty("title").GetString());
    }

    [Fact]
    public async Task Post_VotesThatOverflow32Bits_Is422NotAQuarantinedEntry()
    {
        var body = Declarations.IslingtonNorthBody();
        foreach (var candidate in (JsonArray)body["candidates"]!)
        {
            candidate!["votes"] = int.MaxValue;
        }

        body["override"] = new JsonObject { ["reason"] = "the figures are right" };

        await AssertRejectedAsync(Key(DeskKey), body, HttpStatusCode.UnprocessableEntity, "candidates[0].votes");
        Assert.Equal(0, _node.Services.GetRequiredService<LiveResults>().Current.QuarantinedCount);
    }

    [Fact]
    public async Task Post_StatusAsANumberOutsideTheEnum_Is422AndNotQuarantined()
    {
        using var client = Key(Newsroom.IngestKey);

        using var response = await client.PostAsync(new Uri("/api/v1/constituencies/E14001305/status", UriKind.Relative), WebNode.Json("""{ "status": 7 }"""));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("\"status\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal((0L, 0), (_node.Services.GetRequiredService<LiveResults>().Current.Sequence, _node.Services.GetRequiredService<LiveResults>().Current.QuarantinedCount));
    }

    private HttpClient Key(string key)
    {
        var client = _node.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }

    /// <summary>Posts, checks the status and that the problem names the field, and that nothing changed; returns the problem.</summary>
    private async Task<JsonDocument> AssertRejectedAsync(HttpClient client, JsonObject body, HttpStatusCode status, string field)
    {
        using (client)
        {
            var before = await _node.GetStringAsync("/api/v1/declarations?after=0") + await _node.GetStringAsync("/api/v1/results");

            using var response = await client.PostAsync(new Uri("/api/v1/declarations", UriKind.Relative), WebNode.Json(body.Text()));

            var text = await response.Content.ReadAsStringAsync();
            Assert.True(status == response.StatusCode, $"{response.StatusCode}: {text}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var problem = JsonDocument.Parse(text);
            Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(field, out _), $"no error for '{field}' in {text}");
            Assert.Equal(before, await _node.GetStringAsync("/api/v1/declarations?after=0") + await _node.GetStringAsync("/api/v1/results"));
            return problem;
        }
    }
}
