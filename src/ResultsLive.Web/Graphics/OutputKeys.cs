using System.Security.Cryptography;
using System.Text;

using Microsoft.Extensions.Options;

namespace ResultsLive.Web.Graphics;

/// <summary>Checks the output key an output page presents for its channel, in fixed time, and logs every refusal.</summary>
public sealed partial class OutputKeys(IOptions<GraphicsOptions> options, ChannelStates states, ILogger<OutputKeys> logger)
{
    /// <summary>The channel's configured id when <paramref name="key"/> is its output key; null (and a log line) otherwise.</summary>
    public string? Check(string? channel, string? key, string? from)
    {
        var canonical = states.Canonical(channel);
        var expected = canonical is null ? null : options.Value.Find(canonical)?.OutputKey;
        if (canonical is not null && expected is not null && key is not null
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(key)))
        {
            return canonical;
        }

        // Never the key itself: only that one was (or was not) given.
        LogRefused(Trim(channel), canonical is null ? "unknown channel" : key is null ? "no key" : "wrong key", from ?? "?");
        return null;
    }

    private static string Trim(string? value) => value is null ? "" : value.Length > 40 ? value[..40] : value;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Output for channel '{Channel}' refused ({Reason}) from {From}: it shows nothing")]
    private partial void LogRefused(string channel, string reason, string from);
}
