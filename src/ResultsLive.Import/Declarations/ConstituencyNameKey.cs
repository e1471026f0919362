using System.Globalization;
using System.Text;

namespace ResultsLive.Import;

/// <summary>Reduces a constituency name to a key that survives the spelling differences between sources.</summary>
/// <remarks>
/// Sources differ in "&amp;" against "and", "the" against "The", "Glyndwr" against "Glyndŵr" and "Hull East" against
/// "Kingston upon Hull East". String.Normalize cannot strip the accents here: under invariant globalization it
/// leaves text unchanged, so accented letters are folded from a table instead.
/// </remarks>
internal static class ConstituencyNameKey
{
    private const string KingstonUpon = "kingston upon ";

    private static readonly Dictionary<char, char> Folds = BuildFolds();

    public static string For(string name)
    {
        var key = new StringBuilder(name.Length);
        var space = false;
        foreach (var c in name.Replace("&", " and ", StringComparison.Ordinal).ToLowerInvariant())
        {
            // Commas separate like spaces: a source that drops them ("Ayr Carrick and Cumnock") still matches.
            if (char.IsWhiteSpace(c) || c == ',')
            {
                space = key.Length > 0;
                continue;
            }

            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                // A combining accent, as in a decomposed "ŵ".
                continue;
            }

            if (space)
            {
                key.Append(' ');
                space = false;
            }

            key.Append(Folds.GetValueOrDefault(c, c));
        }

        var text = key.ToString();
        return text.StartsWith(KingstonUpon + "hull ", StringComparison.Ordinal) ? text[KingstonUpon.Length..] : text;
    }

    private static Dictionary<char, char> BuildFolds()
    {
        (string Accented, char Plain)[] groups =
        [
            ("àáâãäåāăą", 'a'), ("çćĉċč", 'c'), ("ďđ", 'd'), ("èéêëēĕėęě", 'e'), ("ĝğġģ", 'g'), ("ĥħ", 'h'),
            ("ìíîïĩīĭįı", 'i'), ("ĵ", 'j'), ("ķ", 'k'), ("ĺļľŀł", 'l'), ("ñńņň", 'n'), ("òóôõöøōŏő", 'o'),
            ("ŕŗř", 'r'), ("śŝşš", 's'), ("ţťŧ", 't'), ("ùúûüũūŭůűų", 'u'), ("ŵ", 'w'), ("ýÿŷ", 'y'), ("źżž", 'z'),
        ];
        var folds = new Dictionary<char, char>();
        foreach (var (accented, plain) in groups)
        {
            foreach (var c in accented)
            {
                folds[c] = plain;
            }
        }

        return folds;
    }
}
