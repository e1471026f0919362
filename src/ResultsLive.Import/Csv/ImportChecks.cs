using System.Text.RegularExpressions;

namespace ResultsLive.Import;

/// <summary>
/// The shapes of the values that reach pages, URLs and graphics unchanged: a GSS code and a <c>#RRGGBB</c> colour.
/// Checked when a file is read, so a hostile or mistyped value stops the import with its place named instead of
/// travelling on into markup.
/// </summary>
internal static partial class ImportChecks
{
    /// <summary>The problem with <paramref name="code"/> as a GSS code (a nation letter and eight digits), or null when it is one.</summary>
    public static string? GssCodeProblem(string code) =>
        GssCode().IsMatch(code) ? null : $"'{Shown(code)}' is not a GSS code: a letter E, N, S or W and eight digits, as in E14001305";

    /// <summary>The problem with <paramref name="colour"/> as a <c>#RRGGBB</c> colour, or null when it is one.</summary>
    public static string? ColourProblem(string colour) =>
        Colour().IsMatch(colour) ? null : $"'{Shown(colour)}' is not a colour of the form #RRGGBB";

    /// <summary>A value as it can be quoted in a message: control characters shown as escapes, long values cut.</summary>
    private static string Shown(string value)
    {
        var shown = Regex.Escape(value.Length > 40 ? value[..40] + "…" : value);
        return shown.Replace("\\ ", " ", StringComparison.Ordinal);
    }

    [GeneratedRegex("^[ENSW][0-9]{8}$", RegexOptions.CultureInvariant)]
    private static partial Regex GssCode();

    [GeneratedRegex("^#[0-9A-Fa-f]{6}$", RegexOptions.CultureInvariant)]
    private static partial Regex Colour();
}
