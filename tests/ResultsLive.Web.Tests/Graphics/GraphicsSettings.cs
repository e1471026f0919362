namespace ResultsLive.Web.Tests.Graphics;

/// <summary>The graphics channel a test node is configured with, as a deployment would configure it.</summary>
internal static class GraphicsSettings
{
    public const string Channel = "main";

    public const string OutputKey = "test-output-key-0123456789";

    public static IReadOnlyDictionary<string, string?> Channels(string? casparHost = null, int casparPort = 0)
    {
        var settings = new Dictionary<string, string?> { [$"ResultsLive:Graphics:Channels:{Channel}:OutputKey"] = OutputKey };
        if (casparHost is not null)
        {
            settings[$"ResultsLive:Graphics:Channels:{Channel}:CasparCG:Host"] = casparHost;
            settings[$"ResultsLive:Graphics:Channels:{Channel}:CasparCG:Port"] = casparPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return settings;
    }

    public static string OutputPath(string role = "output") => $"/graphics/{role}/{Channel}?key={OutputKey}";

    public static string Api(string command = "") => $"/api/v1/graphics/channels/{Channel}{(command.Length > 0 ? "/" + command : "")}";
}
