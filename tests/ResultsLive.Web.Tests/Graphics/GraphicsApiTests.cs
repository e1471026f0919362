using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

using ResultsLive.Web.Audit;
using ResultsLive.Web.Graphics;
using ResultsLive.Web.Tests.Api;
using ResultsLive.Web.Tests.Graphics.CasparCg;
using ResultsLive.Web.Tests.Hosting;

namespace ResultsLive.Web.Tests.Graphics;

/// <summary>The control API on a real node, with CasparCG playout to a server that parses AMCP as CasparCG does.</summary>
public sealed class GraphicsApiTests : IAsyncLifetime
{
    private FakeCasparCg Caspar { get; set; } = null!;

    private WebNode Node { get; set; } = null!;

    public Task InitializeAsync()
    {
        Caspar = new FakeCasparCg([.. GraphicsTemplates.All.Select(t => "resultslive/templates/" + t.Id)]);
        Node = WebNode.For2024(GraphicsSettings.Channels("127.0.0.1", Caspar.Port));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await Node.DisposeAsync();
        await Caspar.DisposeAsync();
    }

    [Fact]
    public async Task CueTakeOut_ThroughTheApi_DriveTheChannelAndPlayItOutOnCasparCg()
    {
        using var client = Node.Operator();
        var sequence = await DeclareIslingtonNorthAsync();

        var cued = await client.CommandAsync("cue", """{"layer":"lowerThird","template":"seat-result","constituency":"E14001305"}""");
        var taken = await client.CommandAsync("take");

        var cuedData = cued["layers"]!["lowerThird"]!["cued"]!["data"]!;
        Assert.Equal("Islington North", cuedData["name"]!.GetValue<string>());
        var onAir = taken["layers"]!["lowerThird"]!["onAir"]!;
        Assert.Equal(sequence, onAir["sequence"]!.GetValue<long>());
        Assert.Equal(cued["layers"]!["lowerThird"]!["cued"]!["id"]!.GetValue<string>(), onAir["id"]!.GetValue<string>());
        Assert.Equal([202, 202], taken["playout"]!.AsArray().Select(p => p!["code"]!.GetValue<int>()));
        Assert.Equal(2, Caspar.Lines.Count);
        Assert.StartsWith("CG 1-30 ADD 1 \"resultslive/templates/seat-result\" 0 \"{", Caspar.Lines[0], StringComparison.Ordinal);
        Assert.Equal("CG 1-30 PLAY 1", Caspar.Lines[1]);
        Assert.True(JsonNode.DeepEquals(cuedData, JsonNode.Parse(Caspar.Tokens[0][6])), "CasparCG must read back the very JSON that was cued");
        var audited = await Node.Services.GetRequiredService<IAuditTrail>().ReadAsync(new AuditFilter(), new AuditPaging());
        Assert.True(audited.Events.Any(e => e.Event.Action == "take"), string.Join("; ", audited.Events.Select(e => e.Event)));
        var take = audited.Events.Single(e => e.Event.Action == "take").Event;
        Assert.Equal(("key:graphics", "main/lowerThird", $"seat-result E14001305 at sequence {sequence}"), (take.Actor, take.Target, take.Detail));

        await client.CommandAsync("out", """{"layer":"lowerThird"}""");
        var cleared = await client.CommandAsync("clear");

        Assert.Equal("CG 1-30 STOP 1", Caspar.Lines[2]);
        Assert.Equal(3, Caspar.Lines.Count);
        Assert.Null(cleared["layers"]!["lowerThird"]!["onAir"]);
        var state = JsonNode.Parse(await client.GetStringAsync(new Uri(GraphicsSettings.Api(), UriKind.Relative)))!;
        Assert.Equal(3, state["version"]!.GetValue<long>());
    }

    [Theory]
    [InlineData("cue", "application/json", """{"layer":"sideways","template":"bug"}""", HttpStatusCode.UnprocessableEntity, "layer")]
    [InlineData("cue", "text/plain", """{"layer":"bug","template":"bug"}""", HttpStatusCode.UnsupportedMediaType, "Content-Type")]
    [InlineData("cue", "application/json", "not json", HttpStatusCode.BadRequest, "body")]
    [InlineData("cue", "application/json", """{"layer":"lowerThird","template":"seat-result","constituency":"E14001063"}""", HttpStatusCode.UnprocessableEntity, "constituency")]
    [InlineData("cue", "application/json", """{"layer":"lowerThird","template":"seat-result","constituency":"<script>"}""", HttpStatusCode.NotFound, "constituency")]
    [InlineData("cue", "application/json", """{"layer":"ticker","template":"seat-result","constituency":"E14001305"}""", HttpStatusCode.UnprocessableEntity, "template")]
    [InlineData("take", "application/json", """{"layer":"bug"}""", HttpStatusCode.Conflict, "layer")]
    [InlineData("out", "application/json", "{}", HttpStatusCode.UnprocessableEntity, "layer")]
    [InlineData("next", "application/json", """{"layer":7}""", HttpStatusCode.BadRequest, "layer")]
    public async Task Command_BadInput_GetsProblemDetailsNamingTheFieldAndChangesNothing(string command, string type, string body, HttpStatusCode status, string field)
    {
        await DeclareIslingtonNorthAsync();
        using var client = Node.Operator();

        using var response = await client.PostAsync(new Uri(GraphicsSettings.Api(command), UriKind.Relative), WebNode.Json(body, type));

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.NotNull(problem["errors"]![field]);
        var state = JsonNode.Parse(await client.GetStringAsync(new Uri(GraphicsSettings.Api(), UriKind.Relative)))!;
        Assert.Equal(0, state["version"]!.GetValue<long>());
        Assert.Empty(Caspar.Lines);
    }

    [Fact]
    public async Task UnknownChannel_Is404NamingTheChannel()
    {
        using var client = Node.Operator();

        using var get = await client.GetAsync(new Uri("/api/v1/graphics/channels/nowhere", UriKind.Relative));
        using var post = await client.PostAsync(new Uri("/api/v1/graphics/channels/nowhere/clear", UriKind.Relative), null);

        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        Assert.NotNull(JsonNode.Parse(await post.Content.ReadAsStringAsync())!["errors"]!["channel"]);
    }

    [Fact]
    public async Task ControlApi_WithoutTheOperatorPermission_IsRefused()
    {
        using var anonymous = Node.CreateClient();
        using var ingest = Node.Ingest();

        using var nobody = await anonymous.PostAsync(new Uri(GraphicsSettings.Api("clear"), UriKind.Relative), null);
        using var wrongKey = await ingest.PostAsync(new Uri(GraphicsSettings.Api("clear"), UriKind.Relative), null);
        using var reading = await anonymous.GetAsync(new Uri(GraphicsSettings.Api(), UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, nobody.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, wrongKey.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, reading.StatusCode);
    }

    [Fact]
    public async Task GraphicsHub_JoinsOnlyWithTheChannelsOutputKey()
    {
        await using var hub = new HubConnectionBuilder().WithUrl(new Uri(Node.BaseAddress, "/hubs/graphics")).Build();
        await hub.StartAsync();

        var refused = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<JsonElement>("Join", "main", "guessed-key-0123456789", "program"));
        var joined = await hub.InvokeAsync<JsonElement>("Join", "main", GraphicsSettings.OutputKey, "program");

        Assert.Contains("unknown channel or output key", refused.Message, StringComparison.Ordinal);
        Assert.Equal("test", joined.GetProperty("mode").GetString());
        Assert.Equal(4, joined.GetProperty("layers").GetArrayLength());
    }

    [Fact]
    public async Task OpenApi_DocumentsEveryControlCommand()
    {
        var document = JsonNode.Parse(await Node.GetStringAsync("/openapi/v1.json"))!["paths"]!.AsObject();

        foreach (var command in new[] { "cue", "take", "update", "next", "out", "clear" })
        {
            Assert.True(document.ContainsKey($"/api/v1/graphics/channels/{{channel}}/{command}"), command);
        }

        Assert.True(document.ContainsKey("/api/v1/graphics/channels/{channel}"));
    }

    [Fact]
    public async Task OutputPage_WrongKey_IsBlankAndRefused_RightKey_ServesThePlainOutput()
    {
        using var client = Node.CreateClient();

        using var wrong = await client.GetAsync(new Uri("/graphics/output/main?key=guessed-key-0123456789", UriKind.Relative));
        using var none = await client.GetAsync(new Uri("/graphics/preview/main", UriKind.Relative));
        var page = await client.GetStringAsync(new Uri(GraphicsSettings.OutputPath(), UriKind.Relative));

        Assert.Equal(HttpStatusCode.Forbidden, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, none.StatusCode);
        var blank = await wrong.Content.ReadAsStringAsync();
        Assert.Contains("<body></body>", blank, StringComparison.Ordinal);
        Assert.DoesNotContain("script", blank, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("data-channel=\"main\"", page, StringComparison.Ordinal);
        Assert.Contains("/graphics/runtime/output.js", page, StringComparison.Ordinal);
        Assert.DoesNotContain("blazor", page, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("rl-mode-mark", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Templates_AreServedWithTheirSpxDefinitionAndAnOgrafManifest()
    {
        using var client = Node.CreateClient();
        foreach (var template in GraphicsTemplates.All)
        {
            var html = await client.GetStringAsync(new Uri(GraphicsTemplates.Path + template.File, UriKind.Relative));
            var manifest = JsonNode.Parse(await client.GetStringAsync(new Uri($"{GraphicsTemplates.Path}{template.Id}.ograf.json", UriKind.Relative)))!;
            using var main = await client.GetAsync(new Uri(GraphicsTemplates.Path + manifest["main"]!.GetValue<string>(), UriKind.Relative));

            Assert.Contains("window.SPXGCTemplateDefinition", html, StringComparison.Ordinal);
            Assert.Contains("\"DataFields\"", html, StringComparison.Ordinal);
            Assert.Equal("resultslive-" + template.Id, manifest["id"]!.GetValue<string>());
            Assert.Equal(HttpStatusCode.OK, main.StatusCode);
        }
    }

    [Fact]
    public async Task SeatJson_CarriesSequenceAndMode_AndTemplatesMayReadItFromAnotherOrigin()
    {
        var sequence = await DeclareIslingtonNorthAsync();
        using var client = Node.CreateClient();

        using var response = await client.GetAsync(new Uri("/api/v1/constituencies/E14001305", UriKind.Relative));
        var seat = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(sequence, seat["sequence"]!.GetValue<long>());
        Assert.Equal("test", seat["mode"]!.GetValue<string>());
        Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
    }

    private async Task<long> DeclareIslingtonNorthAsync()
    {
        using var ingest = Node.Ingest();
        using var response = await ingest.PostAsync(new Uri("/api/v1/declarations", UriKind.Relative), WebNode.Json(Declarations.IslingtonNorthBody().ToJsonString()));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!["sequence"]!.GetValue<long>();
    }
}
