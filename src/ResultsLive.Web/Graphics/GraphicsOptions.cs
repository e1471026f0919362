using System.Text.RegularExpressions;

using Microsoft.Extensions.Options;

namespace ResultsLive.Web.Graphics;

/// <summary>The <c>ResultsLive:Graphics</c> section: the channels (output pages) a gallery plays graphics to.</summary>
public sealed class GraphicsOptions
{
    public const string Section = "ResultsLive:Graphics";

    /// <summary>
    /// Channels by id (<c>ResultsLive:Graphics:Channels:&lt;id&gt;:OutputKey</c>). Ids are compared case-insensitively, as
    /// configuration keys are.
    /// </summary>
    public IDictionary<string, ChannelOptions> Channels { get; } = new Dictionary<string, ChannelOptions>(StringComparer.OrdinalIgnoreCase);

    /// <summary>How long a node may go unheard before the console says it is unreachable.</summary>
    public TimeSpan NodeTimeout { get; set; } = TimeSpan.FromSeconds(3);

    public ChannelOptions? Find(string channel) => Channels.TryGetValue(channel, out var options) ? options : null;
}

/// <summary>One channel: the key its output pages present, and optionally the CasparCG server that plays it out.</summary>
public sealed class ChannelOptions
{
    /// <summary>Required: playout machines cannot sign in, so the output URL carries this key. From secrets, never the repository.</summary>
    public string? OutputKey { get; set; }

    /// <summary>A name for the console (defaults to the id).</summary>
    public string? Name { get; set; }

    public CasparCgOptions? CasparCG { get; set; }
}

/// <summary>A CasparCG server that plays this channel out over AMCP, beside the output pages.</summary>
public sealed class CasparCgOptions
{
    public string? Host { get; set; }

    /// <summary>AMCP's port; CasparCG listens on 5250 unless told otherwise.</summary>
    public int Port { get; set; } = 5250;

    /// <summary>CasparCG's video channel (1 or more).</summary>
    public int Channel { get; set; } = 1;

    /// <summary>Where the templates sit under CasparCG's template folder (see README: copying the templates).</summary>
    public string TemplatePath { get; set; } = "resultslive/templates";

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Host);
}

/// <summary>Stops the node at start-up with every mistake in the graphics configuration listed.</summary>
public sealed partial class GraphicsOptionsValidator : IValidateOptions<GraphicsOptions>
{
    public const int MinimumKeyLength = 16;

    public ValidateOptionsResult Validate(string? name, GraphicsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        foreach (var (id, channel) in options.Channels)
        {
            var prefix = $"{GraphicsOptions.Section}:Channels:{id}";
            if (!ChannelId().IsMatch(id))
            {
                failures.Add($"{prefix}: a channel id is 1-32 letters, digits or '-', starting with a letter or digit.");
            }

            if (string.IsNullOrWhiteSpace(channel.OutputKey))
            {
                failures.Add($"{prefix}:OutputKey is required: playout machines cannot sign in, so their URL carries it.");
            }
            else if (channel.OutputKey.Length < MinimumKeyLength)
            {
                failures.Add($"{prefix}:OutputKey must be at least {MinimumKeyLength} characters.");
            }

            if (channel.CasparCG is { IsConfigured: true } caspar)
            {
                if (caspar.Port is < 1 or > 65535)
                {
                    failures.Add($"{prefix}:CasparCG:Port must be between 1 and 65535.");
                }

                if (caspar.Channel < 1)
                {
                    failures.Add($"{prefix}:CasparCG:Channel must be 1 or more.");
                }

                if (caspar.TemplatePath.Any(c => c is '"' or '\\' or ' ' or '\r' or '\n'))
                {
                    failures.Add($"{prefix}:CasparCG:TemplatePath must not contain spaces, quotes or backslashes.");
                }
            }
        }

        if (options.NodeTimeout <= TimeSpan.Zero)
        {
            failures.Add($"{GraphicsOptions.Section}:NodeTimeout must be positive.");
        }

        return failures.Count > 0 ? ValidateOptionsResult.Fail(failures) : ValidateOptionsResult.Success;
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9-]{0,31}$")]
    internal static partial Regex ChannelId();
}
