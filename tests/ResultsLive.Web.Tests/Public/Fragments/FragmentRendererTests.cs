using System.Net;
using System.Text.Json;

using Microsoft.Extensions.Logging;

using ResultsLive.Web.Public.Fragments;
using ResultsLive.Web.Tests.Api;
using ResultsLive.Web.Tests.Hosting;

namespace ResultsLive.Web.Tests.Public.Fragments;

/// <summary>
/// What the cache figure (the load tool's <c>cache</c> command) counts: a node draws each version of a part once, and says
/// so in its log (<see cref="FragmentRenderer.DrawnEvent"/>), however many requests for it arrive at once.
/// </summary>
public sealed class FragmentRendererTests : IDisposable
{
    private readonly LogEvents _logs = new(LogLevel.Debug);
    private readonly WebNode _node;

    public FragmentRendererTests()
    {
        _node = WebNode.For2024(
            new Dictionary<string, string?> { ["Logging:LogLevel:ResultsLive.Web.Public.Fragments.FragmentRenderer"] = "Debug" },
            services: _logs.AddTo);
    }

    public void Dispose()
    {
        _node.Dispose();
        _logs.Dispose();
    }

    // A swing pair is drawn on its first request; a seat's part is drawn as the news goes out, racing the requests.
    [Theory]
    [InlineData("swing.uk.Con.Lab")]
    [InlineData("seat-E14001305")]
    public async Task Fragment_ManyConcurrentRequestsBeforeItIsDrawn_DrawnOnceAndLoggedOnce(string part)
    {
        using var ingest = _node.Ingest();
        using var posted = await ingest.PostAsync(new Uri("/api/v1/declarations", UriKind.Relative), WebNode.Json(Declarations.IslingtonNorthBody().Text()));
        Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
        var sequence = JsonDocument.Parse(await posted.Content.ReadAsStringAsync()).RootElement.GetProperty("sequence").GetInt64();
        var epoch = (await _node.GetJsonAsync("/api/v1/latest")).RootElement.GetProperty("epoch").GetString();
        var url = new Uri($"/fragments/{epoch}/{part}/{sequence}", UriKind.Relative);

        using var client = _node.CreateClient();
        var responses = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => client.GetAsync(url)));

        try
        {
            Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
            Assert.Single(responses.Select(r => r.Headers.ETag!.Tag).Distinct());

            // Nothing of the count reaches a reader (or the cache in front): it is in the node's log only.
            Assert.All(responses, r => Assert.False(r.Headers.Contains("X-Renders")));

            // Logged as the drawing starts, before any of the 200 is answered, so all of them are in by now.
            Assert.Single(_logs.Messages, m => m == $"Drew {part} at {sequence} as html");
        }
        finally
        {
            foreach (var response in responses)
            {
                response.Dispose();
            }
        }
    }

    // The page's first lane (public.js: the ticker, the count, a seat's own result) fetches the moment the news comes; the
    // charts, the map and the tables follow. Drawn ahead in that order, the ticker never waits for the map to be drawn.
    [Fact]
    public async Task Declaration_FollowedParts_TheTickerAndTheCountAreDrawnAheadBeforeTheChartsAndTheMap()
    {
        string[] first = [PublicPart.Latest, PublicPart.Declared, PublicPart.Seat("E14001305")];
        string[] after = [PublicPart.Scoreboard, PublicPart.Share, PublicPart.Map, PublicPart.Gains];
        using (var reader = _node.CreateClient())
        {
            // A reader of the home page and of the seat's page follows these parts (the current address redirects to the version).
            foreach (var part in after.Concat(first))
            {
                using var current = await reader.GetAsync(new Uri($"/fragments/current/{part}", UriKind.Relative));
                Assert.Equal(HttpStatusCode.OK, current.StatusCode);
            }
        }

        using var ingest = _node.Ingest();
        using var posted = await ingest.PostAsync(new Uri("/api/v1/declarations", UriKind.Relative), WebNode.Json(Declarations.IslingtonNorthBody().Text()));
        Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
        var sequence = JsonDocument.Parse(await posted.Content.ReadAsStringAsync()).RootElement.GetProperty("sequence").GetInt64();

        string Drawn(string part) => $"Drew {part} at {sequence} as html";
        await Poll.UntilAsync(() => first.Concat(after).All(p => _logs.Any(Drawn(p))), "every followed part drawn ahead");
        var order = _logs.Messages.ToList();
        var lastOfFirst = first.Max(p => order.IndexOf(Drawn(p)));
        var firstOfAfter = after.Min(p => order.IndexOf(Drawn(p)));
        Assert.True(lastOfFirst < firstOfAfter, $"drawn in this order: {string.Join("; ", order.Where(m => m.EndsWith($" at {sequence} as html", StringComparison.Ordinal)))}");
    }
}
