using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

using Microsoft.Extensions.DependencyInjection;

using ResultsLive.Feed;
using ResultsLive.Web.Audit;
using ResultsLive.Web.Public.Fragments;
using ResultsLive.Web.Security;
using ResultsLive.Web.Tests.Hosting;
using ResultsLive.Web.Tests.Security;

namespace ResultsLive.Web.Tests.Api;

/// <summary>
/// <c>POST /api/v1/exit-poll</c>: an agency's key with ingest, or a signed-in admin with the antiforgery header, enters the
/// exit poll; it is in <c>GET /api/v1/results</c>, a journal entry with who sent it, audited; a later one replaces it; bad
/// input and the wrong caller change nothing.
/// </summary>
public sealed class ExitPollApiTests(NewsroomNode newsroom) : IClassFixture<NewsroomNode>
{
    private WebNode Node => newsroom.Node;

    /// <summary>The 2024 exit poll: Ipsos for the BBC, ITV News and Sky News, 22:00 on 4 July 2024.</summary>
    public static JsonObject Poll2024(string source = "Ipsos for BBC, ITV News and Sky News") => new()
    {
        ["parties"] = new JsonArray(
            Party("Lab", 410), Party("Con", 131), Party("LD", 61), Party("RUK", 13), Party("SNP", 10), Party("PC", 4), Party("Green", 2), Party("Oth", 19)),
        ["source"] = source,
        ["publishedAt"] = "2024-07-04T22:00:00+01:00",
    };

    [Fact]
    public async Task Post_The2024ExitPollWithAnIngestKey_IsInTheResultsJournalledAndAudited()
    {
        using var client = Key(Newsroom.IngestKey);

        using var response = await client.PostAsync(new Uri("/api/v1/exit-poll", UriKind.Relative), WebNode.Json(Poll2024().Text()));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var sequence = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("sequence").GetInt64();
        using var results = await Node.GetJsonAsync("/api/v1/results");
        var exitPoll = results.RootElement.GetProperty("exitPoll");
        Assert.Equal(
            [("Lab", 410), ("Con", 131), ("LD", 61), ("RUK", 13), ("SNP", 10), ("PC", 4), ("Green", 2), ("Oth", 19)],
            exitPoll.GetProperty("parties").EnumerateArray().Select(p => (p.GetProperty("party").GetString(), p.GetProperty("seats").GetInt32())));
        Assert.Equal("Ipsos for BBC, ITV News and Sky News", exitPoll.GetProperty("source").GetString());
        Assert.Equal(new DateTimeOffset(2024, 7, 4, 21, 0, 0, TimeSpan.Zero), exitPoll.GetProperty("publishedAt").GetDateTimeOffset());
        Assert.True(results.RootElement.GetProperty("projection").GetProperty("anchoredOnExitPoll").GetBoolean());

        var entry = Assert.Single(Node.Services.GetRequiredService<LiveResults>().Current.EntriesAfter(sequence - 1, 1));
        Assert.Equal((JournalEntryKind.ExitPoll, "key:wire"), (entry.Kind, entry.Provenance?.Source));
        var audited = await Node.Services.GetRequiredService<IAuditTrail>().ReadAsync(new AuditFilter(Actor: "key:wire", Action: AuditActions.ExitPoll), new AuditPaging());
        Assert.Contains(audited.Events, e => e.Event.Detail == $"sequence {sequence}: Lab 410, Con 131, LD 61, RUK 13, SNP 10, PC 4, Green 2, Oth 19; Ipsos for BBC, ITV News and Sky News");
    }

    [Fact]
    public async Task Post_The2024ExitPoll_IsOnThePublicScoreboardBesideTheProjectionLabelledWithItsSource()
    {
        using var client = Key(Newsroom.IngestKey);
        using var response = await client.PostAsync(new Uri("/api/v1/exit-poll", UriKind.Relative), WebNode.Json(Poll2024("Ipsos for BBC, ITV News & Sky News").Text()));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var sequence = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("sequence").GetInt64();
        // The public page is drawn from the fragment ledger, which follows the projection on its own loop.
        Assert.True(await Node.Services.GetRequiredService<FragmentLedger>().WaitForAsync(sequence, TimeSpan.FromSeconds(30), CancellationToken.None));

        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await Node.GetStringAsync("/"));

        var shown = page.QuerySelector("[data-part=share] [data-testid=exit-poll]")!;
        Assert.Equal(
            ["Lab 410", "Con 131", "LD 61", "RUK 13", "SNP 10", "PC 4", "Green 2", "Oth 19"],
            shown.QuerySelectorAll("li[data-party]").Select(li => $"{li.GetAttribute("data-party")} {li.QuerySelector("strong")!.TextContent}"));
        Assert.StartsWith("Forecast seats by Ipsos for BBC, ITV News & Sky News, published 22:00 BST on 4 July 2024.", shown.QuerySelector("[data-testid=exit-poll-source]")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("[data-part=share] [data-testid=projection]"));
    }

    [Fact]
    public async Task Post_ALaterExitPoll_ReplacesTheEarlierOneWhole()
    {
        using var client = Key(Newsroom.IngestKey);
        using var first = await client.PostAsync(new Uri("/api/v1/exit-poll", UriKind.Relative), WebNode.Json(Poll2024().Text()));
        var revised = new JsonObject
        {
            ["parties"] = new JsonArray(Party("Lab", 405), Party("Con", 136)),
            ["source"] = "Revised at 01:00",
            ["publishedAt"] = "2024-07-05T01:00:00+01:00",
        };

        using var second = await client.PostAsync(new Uri("/api/v1/exit-poll", UriKind.Relative), WebNode.Json(revised.Text()));

        Assert.Equal((HttpStatusCode.Accepted, HttpStatusCode.Accepted), (first.StatusCode, second.StatusCode));
        using var results = await Node.GetJsonAsync("/api/v1/results");
        var exitPoll = results.RootElement.GetProperty("exitPoll");
        Assert.Equal(2, exitPoll.GetProperty("parties").GetArrayLength());
        Assert.Equal("Revised at 01:00", exitPoll.GetProperty("source").GetString());
    }

    [Fact]
    public async Task Post_SignedInAdminWithTheAntiforgeryHeader_IsAcceptedUnderTheirName()
    {
        using var browser = Node.Browse("198.51.100.21");
        await browser.SignedInAsync("alice");
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/v1/exit-poll", UriKind.Relative)) { Content = WebNode.Json(Poll2024("Admin's copy").Text()) };
        request.Headers.Add(CookieApiAntiforgery.Header, await browser.ApiTokenAsync());

        using var response = await browser.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var sequence = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("sequence").GetInt64();
        var entry = Assert.Single(Node.Services.GetRequiredService<LiveResults>().Current.EntriesAfter(sequence - 1, 1));
        Assert.Equal("user:alice", entry.Provenance?.Source);
    }

    [Fact]
    public async Task Post_SignedInAdminWithoutTheAntiforgeryHeader_Is400AndChangesNothing()
    {
        using var browser = Node.Browse("198.51.100.22");
        await browser.SignedInAsync("alice");

        await AssertRejectedAsync(browser.Client, Poll2024().Text(), HttpStatusCode.BadRequest, CookieApiAntiforgery.Header);
    }

    [Fact]
    public async Task Post_SignedInEditor_Is403AndChangesNothing()
    {
        using var browser = Node.Browse("198.51.100.23");
        await browser.SignedInAsync("edith");
        browser.Client.DefaultRequestHeaders.Add(CookieApiAntiforgery.Header, await browser.ApiTokenAsync());

        await AssertRejectedAsync(browser.Client, Poll2024().Text(), HttpStatusCode.Forbidden, "role");
    }

    [Fact]
    public async Task Post_KeyWithoutIngest_Is403AndAnonymousIs401()
    {
        using var operatorKey = Key(Newsroom.OperatorKey);
        using var anonymous = Node.CreateClient();

        await AssertRejectedAsync(operatorKey, Poll2024().Text(), HttpStatusCode.Forbidden, "X-Api-Key");
        await AssertRejectedAsync(anonymous, Poll2024().Text(), HttpStatusCode.Unauthorized, "authentication");
    }

    [Fact]
    public async Task Post_MoreSeatsThanThereAreAndAnUnknownParty_Is422NamingEachField()
    {
        using var client = Key(Newsroom.IngestKey);
        var body = Poll2024();
        ((JsonArray)body["parties"]!).Add(Party("Whig", 300));

        var problem = await AssertRejectedAsync(client, body.Text(), HttpStatusCode.UnprocessableEntity, "parties");

        Assert.Contains("'Whig' is not a party", problem.GetProperty("errors").GetProperty("parties[8].party")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal("The exit poll is not valid", problem.GetProperty("title").GetString());
    }

    [Theory]
    [InlineData("""{ "source": "Ipsos", "publishedAt": "2024-07-04T22:00:00+01:00" }""", "parties")]
    [InlineData("""{ "parties": [{ "party": "Lab" }], "source": "Ipsos", "publishedAt": "2024-07-04T22:00:00+01:00" }""", "parties[0].seats")]
    [InlineData("""{ "parties": [{ "party": "Lab", "seats": 410 }], "publishedAt": "2024-07-04T22:00:00+01:00" }""", "source")]
    [InlineData("""{ "parties": [{ "party": "Lab", "seats": 410 }], "source": "Ipsos" }""", "publishedAt")]
    public async Task Post_MissingField_Is422NamingIt(string body, string field)
    {
        using var client = Key(Newsroom.IngestKey);

        await AssertRejectedAsync(client, body, HttpStatusCode.UnprocessableEntity, field);
    }

    [Fact]
    public async Task Post_SeatsOfTheWrongType_Is400NamingTheField()
    {
        using var client = Key(Newsroom.IngestKey);

        await AssertRejectedAsync(client, """{ "parties": [{ "party": "Lab", "seats": "lots" }], "source": "Ipsos", "publishedAt": "2024-07-04T22:00:00+01:00" }""", HttpStatusCode.BadRequest, "parties[0].seats");
    }

    private static JsonObject Party(string party, int seats) => new() { ["party"] = party, ["seats"] = seats };

    private HttpClient Key(string key)
    {
        var client = Node.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }

    private async Task<JsonElement> AssertRejectedAsync(HttpClient client, string body, HttpStatusCode status, string field)
    {
        var before = await Node.GetStringAsync("/api/v1/declarations?after=0") + await Node.GetStringAsync("/api/v1/results");

        using var response = await client.PostAsync(new Uri("/api/v1/exit-poll", UriKind.Relative), WebNode.Json(body));

        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"{response.StatusCode}: {text}");
        var problem = JsonDocument.Parse(text).RootElement.Clone();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"no error for '{field}' in {text}");
        Assert.Equal(before, await Node.GetStringAsync("/api/v1/declarations?after=0") + await Node.GetStringAsync("/api/v1/results"));
        return problem;
    }
}
