using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;

using Microsoft.Extensions.DependencyInjection;

using ResultsLive.Web.Public.Fragments;
using ResultsLive.Web.Tests.Api;
using ResultsLive.Web.Tests.Hosting;

namespace ResultsLive.Web.Tests.Public;

/// <summary>Two nodes on one real redis-server, as behind a cache: the public side's addresses, headers and push channel.</summary>
public sealed class PublicEndpointsTests : IAsyncLifetime
{
    private RedisServer _redis = null!;
    private WebNode _a = null!;
    private WebNode _b = null!;

    public async Task InitializeAsync()
    {
        _redis = await RedisServer.StartAsync();
        _a = WebNode.For2024(_redis.ConnectionString);
        _b = WebNode.For2024(_redis.ConnectionString);
    }

    public async Task DisposeAsync()
    {
        _a.Dispose();
        _b.Dispose();
        await _redis.DisposeAsync();
    }

    [Fact]
    public async Task Fragment_OfASequence_IsImmutableAndTheSameBytesFromEveryNode()
    {
        var sequence = await DeclareAsync(_a, Declarations.IslingtonNorthBody());
        var latest = await _a.GetJsonAsync("/api/v1/latest");
        var urls = new[] { latest.RootElement.GetProperty("parts").GetProperty("scoreboard").GetString()!, latest.RootElement.GetProperty("parts").GetProperty("seat-E14001305").GetString()! };
        Assert.EndsWith($"/{sequence}", urls[1], StringComparison.Ordinal);

        foreach (var url in urls.Concat(urls.Select(u => u + ".json")))
        {
            using var client = _a.CreateClient();
            using var other = _b.CreateClient();
            using var fromA = await client.GetAsync(new Uri(url, UriKind.Relative));
            using var fromB = await other.GetAsync(new Uri(url, UriKind.Relative));

            Assert.Equal(HttpStatusCode.OK, fromA.StatusCode);
            Assert.Equal(HttpStatusCode.OK, fromB.StatusCode);
            Assert.Equal("public, max-age=31536000, immutable", fromA.Headers.CacheControl!.ToString());
            Assert.Equal(await fromA.Content.ReadAsByteArrayAsync(), await fromB.Content.ReadAsByteArrayAsync());
            Assert.Equal(fromA.Headers.ETag, fromB.Headers.ETag);

            using var again = new HttpRequestMessage(HttpMethod.Get, new Uri(url, UriKind.Relative));
            again.Headers.IfNoneMatch.Add(fromA.Headers.ETag!);
            using var notModified = await other.SendAsync(again);
            Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        }

        var seat = await _b.GetStringAsync(urls[1]);
        Assert.Contains("Ind gain from Lab", seat, StringComparison.Ordinal);
        Assert.DoesNotContain("<html", seat, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Declaration_ThePartsReadersFollowAreDrawnBeforeTheyAsk_TheRestOnlyWhenAsked()
    {
        var ledger = _b.Services.GetRequiredService<FragmentLedger>();
        var followed = new[] { PublicPart.Scoreboard, PublicPart.Seat("E14001305") };
        using (var reader = _b.CreateClient())
        {
            foreach (var part in followed)
            {
                using var current = await reader.GetAsync(new Uri(ledger.State.Url(part), UriKind.Relative));
                Assert.Equal(HttpStatusCode.OK, current.StatusCode);
            }
        }

        var sequence = await DeclareAsync(_a, Declarations.IslingtonNorthBody());

        // Nobody fetches the new versions: node B draws those its reader followed on its own, once each, as the news goes out.
        Assert.True(await ledger.WaitForAsync(sequence, TimeSpan.FromSeconds(30), CancellationToken.None));
        foreach (var part in followed)
        {
            var version = ledger.Find(part, sequence)!;
            Assert.Equal(sequence, version.Sequence);
            Assert.True(version.DrawAhead, part);
            await Poll.UntilAsync(() => version.Renders == 1, $"{part} drawn ahead of its readers");
        }

        // The parts nobody read are left for whoever asks (a hub-only node draws nothing), and are drawn once when asked.
        var unread = ledger.Find(PublicPart.Share, sequence)!;
        Assert.Equal(sequence, unread.Sequence);
        Assert.False(unread.DrawAhead);
        using var client = _b.CreateClient();
        using var asked = await client.GetAsync(new Uri(ledger.State.Url(PublicPart.Share), UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        Assert.Equal(1, unread.Renders);
        Assert.Equal(0, ledger.Find(PublicPart.Seat("E14001300"), sequence)!.Renders);
    }

    [Theory]
    [InlineData("no-such-part", "5", HttpStatusCode.NotFound)]
    [InlineData("seat-E99999999", "0", HttpStatusCode.NotFound)]
    [InlineData("seat-e14001305", "0", HttpStatusCode.NotFound)]
    [InlineData("scoreboard", "abc", HttpStatusCode.NotFound)]
    [InlineData("scoreboard", "1000000", HttpStatusCode.ServiceUnavailable)]
    public async Task Fragment_UnknownOrNotYetReached_IsAProblemNotToBeStored(string part, string sequence, HttpStatusCode expected)
    {
        var epoch = (await _a.GetJsonAsync("/api/v1/latest")).RootElement.GetProperty("epoch").GetString();
        using var client = _a.CreateClient();

        using var response = await client.GetAsync(new Uri($"/fragments/{epoch}/{part}/{sequence}", UriKind.Relative));

        Assert.Equal(expected, response.StatusCode);
        Assert.True(response.Headers.CacheControl!.NoStore);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        if (expected == HttpStatusCode.ServiceUnavailable)
        {
            Assert.Equal(TimeSpan.FromSeconds(1), response.Headers.RetryAfter!.Delta);
        }
    }

    [Theory]
    [InlineData("/api/v1/results")]
    [InlineData("/api/v1/constituencies/E14001305")]
    [InlineData("/api/v1/latest")]
    public async Task CurrentState_AnswersNotModifiedToItsETagUntilTheNextDeclaration(string path)
    {
        using var client = _a.CreateClient();
        using var first = await client.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal("public, max-age=1, stale-while-revalidate=5", first.Headers.CacheControl!.ToString());
        var tag = first.Headers.ETag!;

        using var unchanged = await SendAsync(client, path, tag);
        await DeclareAsync(_a, Declarations.IslingtonNorthBody());
        using var changed = await SendAsync(client, path, tag);

        Assert.Equal(HttpStatusCode.NotModified, unchanged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.NotEqual(tag, changed.Headers.ETag);
    }

    [Fact]
    public async Task Stream_SaysWhatEachSequenceChangedAndResumesAfterTheLastEventId()
    {
        using var client = _b.CreateClient();
        using var events = await OpenStreamAsync(client, null);
        var reset = await events.NextAsync();
        Assert.Equal("reset", reset.Type);

        var sequence = await DeclareAsync(_a, Declarations.IslingtonNorthBody());
        var news = await events.NextAsync();

        Assert.Equal("sequence", news.Type);
        Assert.EndsWith($":{sequence}", news.Id, StringComparison.Ordinal);
        var parts = JsonNode.Parse(news.Data)!["parts"]!.AsObject();
        Assert.EndsWith($"/seat-E14001305/{sequence}", parts["seat-E14001305"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.EndsWith($"/scoreboard/{sequence}", parts["scoreboard"]!.GetValue<string>(), StringComparison.Ordinal);

        // A reader that lost its connection just after the reset picks up with the news it missed, not a reset.
        using var resumed = await OpenStreamAsync(client, reset.Id);
        var missed = await resumed.NextAsync();
        Assert.Equal(("sequence", news.Id), (missed.Type, missed.Id));
    }

    [Fact]
    public async Task Stream_WhenTheJournalStartsAgainBelowTheReadersSequence_SendsAResetUnderTheNewEpoch()
    {
        using var client = _b.CreateClient();
        using var events = await OpenStreamAsync(client, null);
        var reset = await events.NextAsync();
        await DeclareAsync(_a, Declarations.IslingtonNorthBody());
        Assert.Equal(2, await DeclareAsync(_a, Declarations.IslingtonNorthBody(revision: 2)));
        Assert.Equal("sequence", (await events.NextAsync()).Type);
        Assert.Equal("sequence", (await events.NextAsync()).Type);

        // The journal is lost and the night starts again: its first entry is sequence 1, below where the reader is.
        await using (var admin = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(_redis.ConnectionString + ",allowAdmin=true"))
        {
            await admin.GetServers()[0].FlushAllDatabasesAsync();
        }

        Assert.Equal(1, await DeclareAsync(_a, Declarations.IslingtonNorthBody()));

        // The node may see the new journal before its first entry (a reset at 0), then the entry as news or, if it had to
        // start again, as another reset; or it sees both at once (a reset at 1). Whichever, the reader is reset under one
        // new epoch and stands at that epoch's sequence 1.
        var again = await events.NextAsync();
        Assert.Equal("reset", again.Type);
        var epoch = JsonNode.Parse(again.Data)!["epoch"]!.GetValue<string>();
        Assert.NotEqual(JsonNode.Parse(reset.Data)!["epoch"]!.GetValue<string>(), epoch);
        if (again.Id == $"{epoch}:0")
        {
            again = await events.NextAsync();
            Assert.Contains(again.Type, (string[])["sequence", "reset"]);
        }

        Assert.Equal($"{epoch}:1", again.Id);
    }

    [Fact]
    public async Task Page_IsTheSameForEveryReaderCompressedAndCacheableWithoutACircuit()
    {
        using var client = new HttpClient(new HttpClientHandler { AutomaticDecompression = DecompressionMethods.None }) { BaseAddress = _a.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/", UriKind.Relative));
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("br"));

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("public, max-age=1, stale-while-revalidate=5", response.Headers.CacheControl!.ToString());
        Assert.False(response.Headers.Contains("Set-Cookie"));
        Assert.False(response.Headers.Contains("X-Frame-Options"));
        Assert.Equal(["br"], response.Content.Headers.ContentEncoding);
        var html = await _a.GetStringAsync("/");
        Assert.DoesNotContain("<script src=\"_framework/blazor.web", html, StringComparison.Ordinal);
        Assert.Contains("<script type=\"module\" src=\"public.", html, StringComparison.Ordinal);
        Assert.Contains("data-part=\"scoreboard\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OEmbed_ForASeatPage_IsRichWithATextBlockquoteThatEmbedJsMakesLive()
    {
        var page = new Uri(_a.BaseAddress, "/constituency/E14001305");

        var oembed = (await _a.GetJsonAsync("/oembed?format=json&url=" + Uri.EscapeDataString(page.ToString()))).RootElement;

        Assert.Equal("rich", oembed.GetProperty("type").GetString());
        Assert.Equal("1.0", oembed.GetProperty("version").GetString());
        var html = oembed.GetProperty("html").GetString()!;
        Assert.Contains($"data-src=\"{_a.BaseAddress.ToString().TrimEnd('/')}/embed/seat/E14001305\"", html, StringComparison.Ordinal);
        Assert.Contains("<blockquote", html, StringComparison.Ordinal);
        Assert.Contains("embed.js", html, StringComparison.Ordinal);
        using var client = _a.CreateClient();
        using var unknown = await client.GetAsync(new Uri("/oembed?url=" + Uri.EscapeDataString(new Uri(_a.BaseAddress, "/admin").ToString()), UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, string path, EntityTagHeaderValue tag)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        request.Headers.IfNoneMatch.Add(tag);
        return await client.SendAsync(request);
    }

    private static async Task<long> DeclareAsync(WebNode node, JsonObject body)
    {
        using var client = node.Ingest();
        using var response = await client.PostAsync(new Uri("/api/v1/declarations", UriKind.Relative), WebNode.Json(body.Text()));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("sequence").GetInt64();
    }

    private static async Task<EventReader> OpenStreamAsync(HttpClient client, string? lastEventId)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/api/v1/stream", UriKind.Relative));
        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }

        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType!.MediaType);
        return new EventReader(response, new StreamReader(await response.Content.ReadAsStreamAsync()));
    }

    /// <summary>Reads Server-Sent Events one at a time, skipping the keep-alives.</summary>
    private sealed class EventReader(HttpResponseMessage response, StreamReader reader) : IDisposable
    {
        public async Task<(string Type, string Id, string Data)> NextAsync()
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            var (type, id, data) = ("message", "", "");
            while (await reader.ReadLineAsync(timeout.Token) is { } line)
            {
                if (line.Length == 0)
                {
                    if (data.Length > 0 && type != "keep-alive")
                    {
                        return (type, id, data);
                    }

                    (type, id, data) = ("message", "", "");
                }
                else if (line.StartsWith("event: ", StringComparison.Ordinal))
                {
                    type = line[7..];
                }
                else if (line.StartsWith("id: ", StringComparison.Ordinal))
                {
                    id = line[4..];
                }
                else if (line.StartsWith("data: ", StringComparison.Ordinal))
                {
                    data = line[6..];
                }
            }

            throw new InvalidOperationException("the stream ended");
        }

        public void Dispose()
        {
            reader.Dispose();
            response.Dispose();
        }
    }
}
