using System.Net;
using System.Text.Json.Nodes;

using ResultsLive.Web.Tests.Security;

namespace ResultsLive.Web.Tests.Graphics;

/// <summary>
/// The graphics channel a test node is configured with, as a deployment would configure it, beside the newsroom's users
/// (oscar the operator) and keys (<see cref="Newsroom.OperatorKey"/> has the operator permission).
/// </summary>
internal static class GraphicsSettings
{
    public const string Channel = "main";

    public const string OutputKey = "test-output-key-0123456789";

    public static IReadOnlyDictionary<string, string?> Channels(string? casparHost = null, int casparPort = 0)
    {
        var settings = Newsroom.Settings();
        settings[$"ResultsLive:Graphics:Channels:{Channel}:OutputKey"] = OutputKey;
        if (casparHost is not null)
        {
            settings[$"ResultsLive:Graphics:Channels:{Channel}:CasparCG:Host"] = casparHost;
            settings[$"ResultsLive:Graphics:Channels:{Channel}:CasparCG:Port"] = casparPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return settings;
    }

    public static string OutputPath(string role = "output") => $"/graphics/{role}/{Channel}?key={OutputKey}";

    /// <summary>A client for the control API as Companion would call it: an API key with the operator permission.</summary>
    public static HttpClient Operator(this Hosting.WebNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var client = node.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", Newsroom.OperatorKey);
        return client;
    }

    /// <summary>Sends a control command (<c>cue</c>, <c>take</c>…) and returns the channel's state it answers with; the test fails unless it is 200.</summary>
    public static async Task<JsonNode> CommandAsync(this HttpClient client, string command, string? body = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var response = await client.PostAsync(new Uri(Api(command), UriKind.Relative), body is null ? null : Hosting.WebNode.Json(body));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{command}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!;
    }

    public static string Api(string command = "") => $"/api/v1/graphics/channels/{Channel}{(command.Length > 0 ? "/" + command : "")}";
}
