using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

using ResultsLive.Web.Tests.Hosting;

namespace ResultsLive.Web.Tests.Api;

/// <summary>
/// <c>POST /api/v1/declarations</c> on a real Kestrel node: accepted, repeated, corrected, and every kind of bad input
/// rejected with problem details naming the field — and leaving the sequence and the results exactly as they were.
/// </summary>
public sealed class IngestApiTests : IDisposable
{
    private readonly WebNode _node = WebNode.For2024();

    public void Dispose() => _node.Dispose();

    [Fact]
    public async Task Post_IslingtonNorth_IsAcceptedAndShownAsAnIndependentGain()
    {
        using var client = _node.Ingest();

        using var response = await client.PostAsync(new Uri("/api/v1/declarations", UriKind.Relative), WebNode.Json(Declarations.IslingtonNorthBody().Text()));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var sequence = (await ReadJsonAsync(response)).RootElement.GetProperty("sequence").GetInt64();
        Assert.True(sequence > 0);

        using var seat = await _node.GetJsonAsync("/api/v1/constituencies/E14001305");
        var root = seat.RootElement;
        Assert.Equal("declared", root.GetProperty("status").GetString());
        Assert.Equal("Ind gain from Lab", root.GetProperty("result").GetString());
        Assert.Equal(7247, root.GetProperty("majority").GetInt32());
        Assert.Equal(67.27, Math.Round(root.GetProperty("turnout").GetDouble(), 2));
        Assert.Equal("Jeremy Corbyn", root.GetProperty("winner").GetProperty("name").GetString());
        Assert.Equal(DateTimeOffset.Parse("2024-07-05T03:42:00+01:00", System.Globalization.CultureInfo.InvariantCulture), root.GetProperty("declaredAt").GetDateTimeOffset());

        using var results = await _node.GetJsonAsync("/api/v1/results");
        Assert.Equal(1, results.RootElement.GetProperty("declared").GetInt32());
        Assert.Equal(sequence, results.RootElement.GetProperty("sequence").GetInt64());
        Assert.Equal("test", results.RootElement.GetProperty("mode").GetString());
    }

    [Fact]
    public async Task Post_IdenticalRepeat_Is200WithTheOriginalSequenceAndChangesNothing()
    {
        using var client = _node.Ingest();
        var first = await PostAsync(client, Declarations.IslingtonNorthBody());
        var before = await StateAsync();

        using var repeat = await client.PostAsync(new Uri("/api/v1/declarations", UriKind.Relative), WebNode.Json(Declarations.IslingtonNorthBody().Text()));

        Assert.Equal(HttpStatusCode.OK, repeat.StatusCode);
        Assert.Equal(first, (await ReadJsonAsync(repeat)).RootElement.GetProperty("sequence").GetInt64());
        Assert.Equal(before, await StateAsync());
    }

    [Fact]
    public async Task Post_Correction_ReplacesTheResultUnderTheHigherRevision()
    {
        using var client = _node.Ingest();
        await PostAsync(client, Declarations.IslingtonNorthBody());
        var corrected = Declarations.IslingtonNorthBody(revision: 2);
        corrected["candidates"]![1]!["votes"] = 16_900;

        var sequence = await PostAsync(client, corrected);

        using var seat = await _node.GetJsonAsync("/api/v1/constituencies/E14001305");
        Assert.Equal(2, seat.RootElement.GetProperty("revision").GetInt32());
        Assert.Equal(24_120 - 16_900, seat.RootElement.GetProperty("majority").GetInt32());
        using var results = await _node.GetJsonAsync("/api/v1/results");
        Assert.Equal(1, results.RootElement.GetProperty("declared").GetInt32());
        Assert.Equal(sequence, results.RootElement.GetProperty("sequence").GetInt64());
    }

    [Fact]
    public async Task Post_SameRevisionDifferentFigures_Is409ConflictAndChangesNothing()
    {
        using var client = _node.Ingest();
        await PostAsync(client, Declarations.IslingtonNorthBody());
        var different = Declarations.IslingtonNorthBody();
        different["candidates"]![0]!["votes"] = 24_121;

        await AssertRejectedAsync(client, different.Text(), HttpStatusCode.Conflict, "revision");
    }

    [Fact]
    public async Task Post_LowerRevisionThanCurrent_Is409StaleAndChangesNothing()
    {
        using var client = _node.Ingest();
        await PostAsync(client, Declarations.IslingtonNorthBody(revision: 3));

        await AssertRejectedAsync(client, Declarations.IslingtonNorthBody(revision: 2).Text(), HttpStatusCode.Conflict, "revision", "older");
    }

    [Fact]
    public async Task Post_MalformedJson_Is400()
    {
        using var client = _node.Ingest();

        await AssertRejectedAsync(client, """{ "constituency": "E14001305", "revision": """, HttpStatusCode.BadRequest, "revision");
    }

    [Fact]
    public async Task Post_WrongTypeForAField_Is400NamingTheField()
    {
        using var client = _node.Ingest();
        var body = Declarations.IslingtonNorthBody();
        body["candidates"]![2]!["votes"] = "lots";

        await AssertRejectedAsync(client, body.Text(), HttpStatusCode.BadRequest, "candidates[2].votes");
    }

    [Fact]
    public async Task Post_WrongContentType_Is415()
    {
        using var client = _node.Ingest();

        await AssertRejectedAsync(client, Declarations.IslingtonNorthBody().Text(), HttpStatusCode.UnsupportedMediaType, "Content-Type", contentType: "text/plain");
    }

    [Fact]
    public async Task Post_BodyOver64KB_Is413()
    {
        using var client = _node.Ingest();
        var body = Declarations.IslingtonNorthBody();
        body["padding"] = new string('x', 70 * 1024);

        await AssertRejectedAsync(client, body.Text(), HttpStatusCode.RequestEntityTooLarge, "body");
    }

    [Fact]
    public async Task Post_WithoutKey_Is401()
    {
        using var client = _node.CreateClient();

        await AssertRejectedAsync(client, Declarations.IslingtonNorthBody().Text(), HttpStatusCode.Unauthorized, "X-Api-Key", "required");
    }

    [Fact]
    public async Task Post_WrongKey_Is401()
    {
        using var client = _node.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", "not-the-key-0123456789");

        await AssertRejectedAsync(client, Declarations.IslingtonNorthBody().Text(), HttpStatusCode.Unauthorized, "X-Api-Key", "not an accepted");
    }

    [Fact]
    public async Task Post_UnknownConstituency_Is404()
    {
        using var client = _node.Ingest();
        var body = Declarations.IslingtonNorthBody();
        body["constituency"] = "E14009999";

        await AssertRejectedAsync(client, body.Text(), HttpStatusCode.NotFound, "constituency");
    }

    [Fact]
    public async Task Post_CandidateNotNominated_Is422ListingTheNominated()
    {
        using var client = _node.Ingest();
        var body = Declarations.IslingtonNorthBody();
        body["candidates"]![6]!["name"] = "Paul Jostling";

        var problem = await AssertRejectedAsync(client, body.Text(), HttpStatusCode.UnprocessableEntity, "candidates[6]");
        Assert.Contains("Paul Josling (Ind)", problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_NominatedCandidateMissing_Is422()
    {
        using var client = _node.Ingest();
        var body = Declarations.IslingtonNorthBody();
        ((JsonArray)body["candidates"]!).RemoveAt(6);

        await AssertRejectedAsync(client, body.Text(), HttpStatusCode.UnprocessableEntity, "candidates", "Paul Josling");
    }

    [Fact]
    public async Task Post_SameCandidateTwice_Is422()
    {
        using var client = _node.Ingest();
        var body = Declarations.IslingtonNorthBody();
        ((JsonArray)body["candidates"]!).Add(Declarations.Candidate("Jeremy Corbyn", "Ind", 1));

        await AssertRejectedAsync(client, body.Text(), HttpStatusCode.UnprocessableEntity, "candidates[7]", "twice");
    }

    [Fact]
    public async Task Post_NegativeVotes_Is422()
    {
        using var client = _node.Ingest();
        var body = Declarations.IslingtonNorthBody();
        body["candidates"]![3]!["votes"] = -1950;

        await AssertRejectedAsync(client, body.Text(), HttpStatusCode.UnprocessableEntity, "candidates[3].votes");
    }

    [Fact]
    public async Task Post_ValidVotesAboveElectorate_Is422()
    {
        using var client = _node.Ingest();
        var body = Declarations.IslingtonNorthBody();
        body["electorate"] = 40_000;

        await AssertRejectedAsync(client, body.Text(), HttpStatusCode.UnprocessableEntity, "candidates", "electorate");
    }

    [Fact]
    public async Task Post_RevisionBelowOne_Is422()
    {
        using var client = _node.Ingest();

        await AssertRejectedAsync(client, Declarations.IslingtonNorthBody(revision: 0).Text(), HttpStatusCode.UnprocessableEntity, "revision");
    }

    [Fact]
    public async Task Post_MissingField_Is422NamingIt()
    {
        using var client = _node.Ingest();
        var body = Declarations.IslingtonNorthBody();
        body.Remove("declaredAt");

        await AssertRejectedAsync(client, body.Text(), HttpStatusCode.UnprocessableEntity, "declaredAt", "required");
    }

    [Fact]
    public async Task Post_NamesWithMarkupAndControlCharacters_AreTextInTheProblemNeverMarkup()
    {
        using var client = _node.Ingest();
        var body = Declarations.IslingtonNorthBody();
        body["candidates"]![0]!["name"] = "<script>alert(1)</script>\u0007Jeremy";

        var problem = await AssertRejectedAsync(client, body.Text(), HttpStatusCode.UnprocessableEntity, "candidates[0]");

        // The name comes back as a JSON string value, escaped; it never becomes markup in any page.
        using var json = JsonDocument.Parse(problem);
        Assert.Contains("<script>alert(1)</script>\u0007Jeremy", json.RootElement.GetProperty("errors").GetProperty("candidates[0]")[0].GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostStatus_Recount_ShowsOnTheSeatAndInTheJournal()
    {
        using var client = _node.Ingest();

        using var response = await client.PostAsync(new Uri("/api/v1/constituencies/E14001305/status", UriKind.Relative), WebNode.Json("""{ "status": "recount" }"""));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        using var seat = await _node.GetJsonAsync("/api/v1/constituencies/E14001305");
        Assert.Equal("recount", seat.RootElement.GetProperty("status").GetString());
        using var entries = await _node.GetJsonAsync("/api/v1/declarations?after=0");
        var entry = Assert.Single(entries.RootElement.EnumerateArray());
        Assert.Equal(("status", "recount"), (entry.GetProperty("kind").GetString(), entry.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task PostStatus_UnknownSeatOrStatus_IsRejectedAndChangesNothing()
    {
        using var client = _node.Ingest();
        var before = await StateAsync();

        using var unknownSeat = await client.PostAsync(new Uri("/api/v1/constituencies/E14009999/status", UriKind.Relative), WebNode.Json("""{ "status": "counting" }"""));
        using var unknownStatus = await client.PostAsync(new Uri("/api/v1/constituencies/E14001305/status", UriKind.Relative), WebNode.Json("""{ "status": "asleep" }"""));

        Assert.Equal(HttpStatusCode.NotFound, unknownSeat.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, unknownStatus.StatusCode);
        Assert.Equal(before, await StateAsync());
    }

    [Fact]
    public async Task GetDeclarations_AfterASequence_ReturnsOnlyLaterEntriesWithTheirText()
    {
        using var client = _node.Ingest();
        var first = await PostAsync(client, Declarations.IslingtonNorthBody());
        var second = await PostAsync(client, Declarations.IslingtonNorthBody(revision: 2));

        using var entries = await _node.GetJsonAsync($"/api/v1/declarations?after={first}");

        var entry = Assert.Single(entries.RootElement.EnumerateArray());
        Assert.Equal(second, entry.GetProperty("sequence").GetInt64());
        Assert.Equal(2, entry.GetProperty("revision").GetInt32());
        Assert.StartsWith("Islington North: Ind gain from Lab.", entry.GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetConstituency_Unknown_Is404ProblemDetails()
    {
        using var client = _node.CreateClient();

        using var response = await client.GetAsync(new Uri("/api/v1/constituencies/E14009999", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task GetConstituencies_BeforeTheNight_ListsEverySeatAwaiting()
    {
        using var seats = await _node.GetJsonAsync("/api/v1/constituencies");

        var all = seats.RootElement.EnumerateArray().ToList();
        Assert.Equal(650, all.Count);
        Assert.All(all, s => Assert.Equal("awaiting", s.GetProperty("status").GetString()));
        Assert.Contains(all, s => s.GetProperty("name").GetString() == "Islington North" && s.GetProperty("region").GetString() == "London");
    }

    [Fact]
    public async Task OpenApi_Document_DescribesTheIngestEndpoint()
    {
        using var document = await _node.GetJsonAsync("/openapi/v1.json");

        Assert.True(document.RootElement.GetProperty("paths").TryGetProperty("/api/v1/declarations", out var declarations));
        Assert.True(declarations.TryGetProperty("post", out var post));
        Assert.True(post.GetProperty("requestBody").GetProperty("content").TryGetProperty("application/json", out _));
        Assert.True(post.GetProperty("responses").TryGetProperty("422", out _));
    }

    [Fact]
    public async Task Healthz_InMemoryJournal_ReportsItsKindAndSequence()
    {
        using var client = _node.Ingest();
        var sequence = await PostAsync(client, Declarations.IslingtonNorthBody());

        using var health = await _node.GetJsonAsync("/healthz");

        Assert.Equal("Healthy", health.RootElement.GetProperty("status").GetString());
        var journal = health.RootElement.GetProperty("entries").GetProperty("journal").GetProperty("data");
        Assert.Equal("in-memory", journal.GetProperty("kind").GetString());
        Assert.Equal(sequence, journal.GetProperty("journalSequence").GetInt64());
    }

    private static async Task<JsonDocument> ReadJsonAsync(HttpResponseMessage response) => JsonDocument.Parse(await response.Content.ReadAsStringAsync());

    private static async Task<long> PostAsync(HttpClient client, JsonObject body)
    {
        using var response = await client.PostAsync(new Uri("/api/v1/declarations", UriKind.Relative), WebNode.Json(body.Text()));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode is HttpStatusCode.Accepted, text);
        return JsonDocument.Parse(text).RootElement.GetProperty("sequence").GetInt64();
    }

    /// <summary>Everything a rejected request must leave alone: the national snapshot, every seat and the journal.</summary>
    private async Task<(string Results, string Seats, string Journal)> StateAsync() =>
        (await _node.GetStringAsync("/api/v1/results"), await _node.GetStringAsync("/api/v1/constituencies"), await _node.GetStringAsync("/api/v1/declarations?after=0"));

    private async Task<string> AssertRejectedAsync(
        HttpClient client, string body, HttpStatusCode status, string field, string? reasonContains = null, string contentType = "application/json")
    {
        var before = await StateAsync();

        using var response = await client.PostAsync(new Uri("/api/v1/declarations", UriKind.Relative), WebNode.Json(body, contentType));

        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"{response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(text);
        var errors = problem.RootElement.GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out var reasons), $"no error for '{field}' in {text}");
        if (reasonContains is not null)
        {
            Assert.Contains(reasonContains, reasons[0].GetString(), StringComparison.Ordinal);
        }

        Assert.Equal((int)status, problem.RootElement.GetProperty("status").GetInt32());
        Assert.Equal(before, await StateAsync());
        return text;
    }
}
