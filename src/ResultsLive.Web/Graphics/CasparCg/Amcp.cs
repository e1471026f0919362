using System.Globalization;
using System.Text;

namespace ResultsLive.Web.Graphics.CasparCg;

/// <summary>
/// Builds AMCP command lines as CasparCG parses them: tokens split on spaces outside double quotes; inside a quoted string a
/// backslash escapes the next character (<c>\\</c>, <c>\"</c>; <c>\n</c> is a line feed and any other escaped character is
/// dropped), so a JSON data string is sent with every backslash and quote escaped and arrives byte for byte.
/// </summary>
public static class Amcp
{
    /// <summary>The cg layer inside a video layer: one HTML template per video layer, always 1.</summary>
    public const int CgLayer = 1;

    /// <summary><c>"..."</c> with CasparCG's escapes; the string must hold no line break (JSON text never does).</summary>
    public static string Quote(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Contains('\r', StringComparison.Ordinal) || value.Contains('\n', StringComparison.Ordinal))
        {
            throw new ArgumentException("an AMCP string cannot hold a raw line break: AMCP ends a command at one", nameof(value));
        }

        var quoted = new StringBuilder(value.Length + 16).Append('"');
        foreach (var c in value)
        {
            if (c is '\\' or '"')
            {
                quoted.Append('\\');
            }

            quoted.Append(c);
        }

        return quoted.Append('"').ToString();
    }

    public static string Target(int channel, int layer) => string.Create(CultureInfo.InvariantCulture, $"{channel}-{layer}");

    /// <summary>Loads a template without showing it (play-on-load 0), with its data; <see cref="Play"/> shows it.</summary>
    public static string Add(int channel, int layer, string template, string data) =>
        string.Create(CultureInfo.InvariantCulture, $"CG {Target(channel, layer)} ADD {CgLayer} {Quote(template)} 0 {Quote(data)}");

    public static string Play(int channel, int layer) => string.Create(CultureInfo.InvariantCulture, $"CG {Target(channel, layer)} PLAY {CgLayer}");

    public static string Update(int channel, int layer, string data) =>
        string.Create(CultureInfo.InvariantCulture, $"CG {Target(channel, layer)} UPDATE {CgLayer} {Quote(data)}");

    public static string Next(int channel, int layer) => string.Create(CultureInfo.InvariantCulture, $"CG {Target(channel, layer)} NEXT {CgLayer}");

    public static string Stop(int channel, int layer) => string.Create(CultureInfo.InvariantCulture, $"CG {Target(channel, layer)} STOP {CgLayer}");

    /// <summary>Removes every template on the video layer at once, with no out-animation: the panic button.</summary>
    public static string Clear(int channel, int layer) => string.Create(CultureInfo.InvariantCulture, $"CG {Target(channel, layer)} CLEAR");
}

/// <summary>CasparCG's answer to one command: its code (2xx is success), the status line and any data lines.</summary>
public sealed record AmcpReply(int Code, string Status, IReadOnlyList<string> Data)
{
    public bool IsSuccess => Code is >= 200 and < 300;

    public override string ToString() => Data.Count == 0 ? $"{Code} {Status}" : $"{Code} {Status}: {string.Join(" | ", Data)}";
}

/// <summary>One command sent to a CasparCG server and what came back (or why nothing did).</summary>
public sealed record PlayoutResult(string Command, int? Code, string Reply)
{
    public bool IsSuccess => Code is >= 200 and < 300;
}
