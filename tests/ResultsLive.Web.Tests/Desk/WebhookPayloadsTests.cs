using System.Text;
using System.Text.Json;

using ResultsLive.Core.Arithmetic;
using ResultsLive.Core.Desk;
using ResultsLive.Core.Model;
using ResultsLive.Web.Desk;
using ResultsLive.Web.Desk.Webhooks;

namespace ResultsLive.Web.Tests.Desk;

/// <summary>The webhook formats within their documented limits, and the signature a receiver checks.</summary>
public sealed class WebhookPayloadsTests
{
    [Fact]
    public void SlackAndTeams_AHundredLongReasons_StayWithinTheirLimitsAndKeepTheCopy()
    {
        var entry = Entry(reasons: 100, reasonLength: 400);

        var slack = JsonDocument.Parse(WebhookPayloads.Slack(entry)).RootElement;
        var teamsBytes = WebhookPayloads.Teams(entry);
        var teams = JsonDocument.Parse(teamsBytes).RootElement;

        Assert.InRange(slack.GetProperty("text").GetString()!.Length, 1, WebhookPayloads.SlackTextLimit);
        Assert.All(slack.GetProperty("blocks").EnumerateArray().Skip(1), b => Assert.InRange(b.GetProperty("text").GetProperty("text").GetString()!.Length, 1, WebhookPayloads.SlackSectionLimit));
        Assert.InRange(slack.GetProperty("blocks")[0].GetProperty("text").GetProperty("text").GetString()!.Length, 1, WebhookPayloads.SlackHeaderLimit);
        Assert.InRange(slack.GetProperty("blocks").GetArrayLength(), 1, 50);
        Assert.InRange(teamsBytes.Length, 1, WebhookPayloads.TeamsLimitBytes);
        Assert.Equal("AdaptiveCard", teams.GetProperty("attachments")[0].GetProperty("content").GetProperty("type").GetString());
        Assert.StartsWith("Northtown", teams.GetProperty("attachments")[0].GetProperty("content").GetProperty("body")[0].GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Signature_KnownBody_IsHmacSha256HexOfTheBody()
    {
        // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?".
        var signature = WebhookPayloads.Signature("Jefe", Encoding.UTF8.GetBytes("what do ya want for nothing?"));

        Assert.Equal("sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843", signature);
    }

    [Fact]
    public void DeliveryId_EpochSeatRevisionAndWebhook_AreAllInIt()
    {
        Assert.Equal("7.X01.3.blog", WebhookPayloads.DeliveryId(Entry(0, 0) with { Epoch = "7", Seat = Entry(0, 0).Seat with { Revision = 3 } }, "blog"));
    }

    private static DeskEntry Entry(int reasons, int reasonLength)
    {
        var election = new Election(
            "t", "T", [new Constituency("X01", "Northtown", "North", "England", 50_000)],
            new Dictionary<string, IReadOnlyList<Nomination>> { ["X01"] = [new("Ann Red", "Lab"), new("Bob Blue", "Con")] },
            Baseline.Empty);
        var seat = SeatCalculator.Calculate(election, new Declaration("X01", 1, DateTimeOffset.UnixEpoch, 50_000, 0, [new("Ann Red", "Lab", 200), new("Bob Blue", "Con", 100)]));
        IReadOnlyList<NotableReason> list = [.. Enumerable.Range(0, reasons).Select(i => new NotableReason(NotableKind.SittingMpDefeated, new string('x', reasonLength) + i))];
        return new DeskEntry(1, "1", seat, null, list, DeskCopy.For(election, seat, list), DateTimeOffset.UnixEpoch);
    }
}
