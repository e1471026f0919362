using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

using ResultsLive.Core.Contracts;
using ResultsLive.Core.Desk;

namespace ResultsLive.Web.Desk.Webhooks;

/// <summary>The bodies webhooks are sent, one per format, and the signature every one of them carries.</summary>
public static class WebhookPayloads
{
    public const string SignatureHeader = "X-ResultsLive-Signature";
    public const string DeliveryHeader = "X-ResultsLive-Delivery";

    /// <summary>Slack's documented limits: a header's plain text, a section's text, and the message's fallback text.</summary>
    public const int SlackHeaderLimit = 150;
    public const int SlackSectionLimit = 3000;
    public const int SlackTextLimit = 40_000;

    /// <summary>Teams (Workflows) takes a message of at most 28 KB.</summary>
    public const int TeamsLimitBytes = 28 * 1024;

    /// <summary>
    /// Unique per journal epoch, seat, revision and webhook: a receiver that sees one twice (a node died between its 2xx and
    /// recording it) drops the repeat.
    /// </summary>
    public static string DeliveryId(DeskEntry entry, string webhook)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return $"{entry.Epoch}.{entry.Constituency}.{entry.Revision}.{webhook}";
    }

    /// <summary><c>sha256=</c> and the lower-case hex HMAC-SHA256 of the body under the webhook's secret.</summary>
    public static string Signature(string secret, byte[] body)
    {
        ArgumentNullException.ThrowIfNull(secret);
        ArgumentNullException.ThrowIfNull(body);
        return "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));
    }

    public static byte[] Body(string format, DeskEntry entry, string deliveryId) => format.ToUpperInvariant() switch
    {
        "SLACK" => Slack(entry),
        "TEAMS" => Teams(entry),
        _ => Json(entry, deliveryId),
    };

    /// <summary>The JSON format: the alert, the copy, and for a correction what it replaced.</summary>
    public static byte[] Json(DeskEntry entry, string deliveryId)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var seat = entry.Seat;
        var body = new JsonObject
        {
            ["id"] = deliveryId,
            ["epoch"] = entry.Epoch,
            ["sequence"] = entry.Sequence,
            ["constituency"] = entry.Constituency,
            ["name"] = seat.Constituency.Name,
            ["revision"] = entry.Revision,
            ["correction"] = entry.IsCorrection,
            ["declaredAt"] = seat.DeclaredAt,
            ["recordedAt"] = entry.RecordedAt,
            ["result"] = seat.Result,
            ["winner"] = new JsonObject { ["party"] = seat.Winner.Party, ["name"] = seat.Winner.Name, ["votes"] = seat.Winner.Votes },
            ["majority"] = seat.Majority,
            ["reasons"] = Reasons(entry.Reasons),
            ["copy"] = new JsonObject { ["rush"] = entry.Copy.Rush.Plain, ["full"] = entry.Copy.Full.Plain, ["social"] = entry.Copy.Social.Plain },
            ["previous"] = entry.Previous is { } previous
                ? new JsonObject
                {
                    ["revision"] = previous.Revision,
                    ["result"] = previous.Result,
                    ["winner"] = new JsonObject { ["party"] = previous.Winner.Party, ["name"] = previous.Winner.Name, ["votes"] = previous.Winner.Votes },
                    ["majority"] = previous.Majority,
                    ["text"] = previous.Text,
                }
                : null,
        };
        return JsonSerializer.SerializeToUtf8Bytes(body, ResultsContract.JsonOptions);
    }

    /// <summary>Slack incoming webhook: Block Kit, with the plain <c>text</c> fallback notifications and old clients show.</summary>
    public static byte[] Slack(DeskEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var reasons = string.Join("\n", entry.Reasons.Select(r => "• " + SlackEscape(r.Text)));
        var blocks = new JsonArray
        {
            new JsonObject { ["type"] = "header", ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = Cut(entry.Copy.Rush.Plain, SlackHeaderLimit), ["emoji"] = false } },
            new JsonObject { ["type"] = "section", ["text"] = new JsonObject { ["type"] = "mrkdwn", ["text"] = Cut(SlackEscape(entry.Copy.Full.Plain), SlackSectionLimit) } },
        };
        if (reasons.Length > 0)
        {
            blocks.Add(new JsonObject { ["type"] = "section", ["text"] = new JsonObject { ["type"] = "mrkdwn", ["text"] = Cut(reasons, SlackSectionLimit) } });
        }

        var text = SlackEscape(entry.Copy.Rush.Plain) + (entry.Reasons.Count > 0 ? " — " + SlackEscape(string.Join(" ", entry.Reasons.Select(r => r.Text))) : "");
        return JsonSerializer.SerializeToUtf8Bytes(new JsonObject { ["text"] = Cut(text, SlackTextLimit), ["blocks"] = blocks }, ResultsContract.JsonOptions);
    }

    /// <summary>Teams Workflows ("When a Teams webhook request is received"): a message carrying one Adaptive Card 1.4.</summary>
    public static byte[] Teams(DeskEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var body = new JsonArray
        {
            new JsonObject { ["type"] = "TextBlock", ["text"] = CopyText.EscapeMarkdown(entry.Copy.Rush.Plain), ["weight"] = "Bolder", ["size"] = "Medium", ["wrap"] = true },
            new JsonObject { ["type"] = "TextBlock", ["text"] = CopyText.EscapeMarkdown(entry.Copy.Full.Plain), ["wrap"] = true },
        };
        foreach (var reason in entry.Reasons)
        {
            body.Add(new JsonObject { ["type"] = "TextBlock", ["text"] = "- " + CopyText.EscapeMarkdown(reason.Text), ["wrap"] = true, ["spacing"] = "Small" });
        }

        var message = new JsonObject
        {
            ["type"] = "message",
            ["attachments"] = new JsonArray
            {
                new JsonObject
                {
                    ["contentType"] = "application/vnd.microsoft.card.adaptive",
                    ["contentUrl"] = null,
                    ["content"] = new JsonObject
                    {
                        ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
                        ["type"] = "AdaptiveCard",
                        ["version"] = "1.4",
                        ["body"] = body,
                    },
                },
            },
        };
        var bytes = JsonSerializer.SerializeToUtf8Bytes(message, ResultsContract.JsonOptions);

        // Reasons are what can grow (one per defeated sitting MP); past the limit the card keeps the copy and drops them.
        if (bytes.Length > TeamsLimitBytes)
        {
            while (body.Count > 2 && bytes.Length > TeamsLimitBytes)
            {
                body.RemoveAt(body.Count - 1);
                bytes = JsonSerializer.SerializeToUtf8Bytes(message, ResultsContract.JsonOptions);
            }
        }

        return bytes;
    }

    /// <summary>Slack's own rule: <c>&amp;</c>, <c>&lt;</c> and <c>&gt;</c> are the characters its mrkdwn needs escaped.</summary>
    public static string SlackEscape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);
    }

    private static JsonArray Reasons(IReadOnlyList<NotableReason> reasons) =>
        [.. reasons.Select(r => (JsonNode)new JsonObject { ["kind"] = r.Name, ["text"] = r.Text })];

    private static string Cut(string text, int limit) => text.Length <= limit ? text : text[..(limit - 1)] + "…";
}
