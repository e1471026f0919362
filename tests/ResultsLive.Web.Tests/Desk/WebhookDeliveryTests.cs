using System.Text.Json;

using Microsoft.Extensions.DependencyInjection;

using ResultsLive.Feed;
using ResultsLive.Web.Tests.Hosting;

using StackExchange.Redis;

namespace ResultsLive.Web.Tests.Desk;

/// <summary>
/// Webhooks against a real receiver: signed, retried through failures, acknowledged once per delivery id and in order per
/// seat, on one node and on two nodes sharing a lease, one of them killed between deliveries.
/// </summary>
public sealed class WebhookDeliveryTests
{
    private const string Secret = "webhook-secret-0123456789abcdef";

    [Fact]
    public async Task Deliveries_ReceiverFailsTwiceThenAccepts_EachIdIsAcknowledgedOnceSignedAndInOrderPerSeat()
    {
        string? first = null;
        await using var receiver = await WebhookReceiver.StartAsync(Secret, (id, attempt) =>
        {
            Interlocked.CompareExchange(ref first, id, null);
            return id == first && attempt <= 2 ? 500 : 200;
        });
        using var node = WebNode.For2024(Webhook(receiver));
        using var ingest = node.Ingest();
        var seats = DeskData.Order.Take(8).ToList();
        foreach (var declaration in seats)
        {
            await DeskData.PostAsync(ingest, declaration);
        }

        await DeskData.PostAsync(ingest, DeskData.Corrected(seats[2]));
        var epoch = node.Services.GetRequiredService<LiveResults>().Current.Epoch;
        var expected = seats.Select(d => $"{epoch}.{d.Constituency}.1.webhook-0").Append($"{epoch}.{seats[2].Constituency}.2.webhook-0").ToList();
        await receiver.WaitForAsync(r => r.Acknowledged.Count >= expected.Count, TimeSpan.FromSeconds(60), "every declaration acknowledged");

        // A later declaration is delivered after everything before it, so once it is in, any resend of those would be too.
        await DeskData.PostAsync(ingest, DeskData.Order[8]);
        await receiver.WaitForAsync(r => r.Acknowledged.Count == expected.Count + 1, TimeSpan.FromSeconds(30), "the next declaration");

        Assert.Equal(expected.Order(StringComparer.Ordinal), receiver.Acknowledged.Take(expected.Count).Order(StringComparer.Ordinal));
        AssertInOrderPerSeat(receiver.Acknowledged);
        Assert.All(receiver.Deliveries, d => Assert.True(d.SignatureValid, d.Id));
        Assert.Equal([500, 500, 200], receiver.Deliveries.Where(d => d.Id == expected[0]).Select(d => d.Status));
        Assert.All(receiver.Deliveries.GroupBy(d => d.Id), g => Assert.Equal(1, g.Count(d => d.Status == 200)));

        var correction = JsonDocument.Parse(receiver.Deliveries.Last(d => d.Id == expected[^1]).Body).RootElement;
        Assert.True(correction.GetProperty("correction").GetBoolean());
        Assert.Equal(1, correction.GetProperty("previous").GetProperty("revision").GetInt32());
        Assert.StartsWith("Correction: ", correction.GetProperty("copy").GetProperty("full").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deliveries_FilterNotable_OnlyNotableDeclarationsAreSent()
    {
        await using var receiver = await WebhookReceiver.StartAsync(Secret);
        var settings = Webhook(receiver);
        settings["ResultsLive:Desk:Webhooks:0:Filter"] = "notable";
        settings["ResultsLive:Desk:Webhooks:0:Format"] = "slack";
        using var node = WebNode.For2024(settings);
        using var ingest = node.Ingest();

        // The first seat is notable (the first declaration); Islington North is a gain.
        await DeskData.PostAsync(ingest, DeskData.Order[0]);
        await DeskData.PostAsync(ingest, DeskData.Order[1]);
        var last = await DeskData.PostAsync(ingest, DeskData.Seat("E14001305"));

        // Deliveries to different seats run side by side, so Islington North's can be in before the first seat's. The
        // webhook's watermark passes a sequence once it has been delivered or passed over as not wanted: past the last,
        // every one of the three has been settled either way.
        var ledger = node.Services.GetRequiredService<ResultsLive.Web.Desk.Webhooks.IWebhookLedger>();
        await Poll.UntilAsync(async () => (await ledger.ProgressAsync("webhook-0", CancellationToken.None)).Watermark >= last, "the watermark past the last declaration", TimeSpan.FromSeconds(60));

        using var alerts = await node.GetJsonAsync("/api/v1/alerts");
        var notable = alerts.RootElement.EnumerateArray().Select(a => $"{a.GetProperty("epoch").GetString()}.{a.GetProperty("constituency").GetString()}.1.webhook-0").ToList();
        Assert.Equal(notable.Order(StringComparer.Ordinal), receiver.Acknowledged.Order(StringComparer.Ordinal));
        var slack = JsonDocument.Parse(receiver.Deliveries.Last(d => d.Id.Contains("E14001305", StringComparison.Ordinal)).Body).RootElement;
        Assert.StartsWith("Islington North: Ind gain from Lab", slack.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Equal("header", slack.GetProperty("blocks")[0].GetProperty("type").GetString());
    }

    [Fact]
    public async Task Deliveries_TwoNodesAndTheLeaseHolderKilled_EveryIdIsAcknowledgedInOrderPerSeat()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var receiver = await WebhookReceiver.StartAsync(Secret);
        var settings = SharedData.Election2024Settings(redis.ConnectionString, WebNode.ApiKey);
        foreach (var (key, value) in Webhook(receiver))
        {
            settings[key] = value!;
        }

        settings["ResultsLive:Desk:WebhookLease"] = "00:00:01";
        await using var a = await WebNodeProcess.StartAsync(settings);
        await using var b = await WebNodeProcess.StartAsync(settings);
        using var ingestA = new HttpClient { BaseAddress = a.Url };
        ingestA.DefaultRequestHeaders.Add("X-Api-Key", WebNode.ApiKey);
        using var ingestB = new HttpClient { BaseAddress = b.Url };
        ingestB.DefaultRequestHeaders.Add("X-Api-Key", WebNode.ApiKey);

        var before = DeskData.Order.Take(5).ToList();
        foreach (var declaration in before)
        {
            await DeskData.PostAsync(ingestA, declaration);
        }

        await receiver.WaitForAsync(r => r.Acknowledged.Count >= 5, TimeSpan.FromSeconds(60), "the first five");

        // Kill whichever node holds the lease (its name carries its process id), between deliveries.
        using var multiplexer = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        var holder = (string?)await multiplexer.GetDatabase().StringGetAsync("resultslive:{ge2024}:webhooks:webhook-0:lease");
        Assert.NotNull(holder);
        var (killed, survivor) = holder.Contains($"-{a.ProcessId}-", StringComparison.Ordinal) ? (a, ingestB) : (b, ingestA);
        await killed.KillAsync();

        var after = DeskData.Order.Skip(5).Take(4).Append(DeskData.Corrected(before[1])).ToList();
        foreach (var declaration in after)
        {
            await DeskData.PostAsync(survivor, declaration);
        }

        var epoch = receiver.Acknowledged[0].Split('.')[0];
        var expected = before.Concat(after).Select(d => $"{epoch}.{d.Constituency}.{d.Revision}.webhook-0").ToList();
        await receiver.WaitForAsync(r => expected.All(r.Acknowledged.Contains), TimeSpan.FromSeconds(60), "every declaration after the kill");

        Assert.Equal(expected.Order(StringComparer.Ordinal), receiver.Acknowledged.Order(StringComparer.Ordinal));
        AssertInOrderPerSeat(receiver.Acknowledged);
        Assert.All(receiver.Deliveries, d => Assert.True(d.SignatureValid, d.Id));
    }

    /// <summary>Seats are delivered side by side, but each seat's revisions in order: revision n is acknowledged before n+1.</summary>
    private static void AssertInOrderPerSeat(IReadOnlyList<string> acknowledged)
    {
        foreach (var seat in acknowledged.GroupBy(id => id.Split('.')[1]))
        {
            var revisions = seat.Select(id => int.Parse(id.Split('.')[2], System.Globalization.CultureInfo.InvariantCulture)).ToList();
            Assert.Equal(revisions.Order(), revisions);
        }
    }

    private static Dictionary<string, string?> Webhook(WebhookReceiver receiver) => new()
    {
        ["ResultsLive:Desk:Webhooks:0:Url"] = receiver.Url.ToString(),
        ["ResultsLive:Desk:Webhooks:0:Secret"] = Secret,
        ["ResultsLive:Desk:Webhooks:0:Filter"] = "all",
        ["ResultsLive:Desk:Webhooks:0:Format"] = "json",
        ["ResultsLive:Desk:WebhookRetryDelay"] = "00:00:00.050",
    };
}
