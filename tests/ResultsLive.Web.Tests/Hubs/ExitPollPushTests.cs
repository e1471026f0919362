using System.Net;
using System.Text.Json;

using ResultsLive.Web.Tests.Api;
using ResultsLive.Web.Tests.Hosting;

namespace ResultsLive.Web.Tests.Hubs;

/// <summary>The hub's <c>ExitPoll</c> push: every client, whatever it follows, gets the <c>exitPoll</c> of <c>/api/v1/results</c> with its sequence.</summary>
public sealed class ExitPollPushTests : IDisposable
{
    private readonly WebNode _node = WebNode.For2024();

    public void Dispose() => _node.Dispose();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ExitPoll_Entered_IsPushedToNationalAndSeatClientsWithTheResultsShape(bool messagePack)
    {
        await using var national = await HubClient.ConnectAsync(_node.BaseAddress, messagePack);
        await using var seat = await HubClient.ConnectAsync(_node.BaseAddress, messagePack);
        await national.SubscribeAsync("national");
        await seat.SubscribeAsync("constituency:E14001305");
        using var ingest = _node.Ingest();

        using var response = await ingest.PostAsync(new Uri("/api/v1/exit-poll", UriKind.Relative), WebNode.Json(ExitPollApiTests.Poll2024().Text()));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var sequence = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("sequence").GetInt64();
        await national.WaitForAsync(c => !c.ExitPoll.IsEmpty);
        await seat.WaitForAsync(c => !c.ExitPoll.IsEmpty);
        using var results = await _node.GetJsonAsync("/api/v1/results");
        var expected = results.RootElement.GetProperty("exitPoll");
        foreach (var message in new[] { Assert.Single(national.ExitPoll), Assert.Single(seat.ExitPoll) })
        {
            Assert.Equal(sequence, message.GetProperty("sequence").GetInt64());
            Assert.Equal(expected.GetProperty("parties").GetRawText(), JsonSerializer.Serialize(message.GetProperty("parties")));
            Assert.Equal(expected.GetProperty("source").GetString(), message.GetProperty("source").GetString());
            if (!messagePack)
            {
                // MessagePack carries a time as its own [timestamp, offset] pair, not ISO 8601 text.
                Assert.Equal(expected.GetProperty("publishedAt").GetDateTimeOffset(), message.GetProperty("publishedAt").GetDateTimeOffset());
            }
        }
    }
}
