using System.Text;

namespace ResultsLive.Web.Public;

/// <summary>
/// How a typed query finds seats: case, accents and punctuation do not matter ("ynys mon" finds Ynys Môn, "weston super"
/// finds Weston-super-Mare), each word may be anywhere ("Inverness Skye"), and a seat's code finds it too. public.js does
/// the same in the browser.
/// </summary>
public static class SeatSearch
{
    /// <summary>A seat's searchable text: its name and code folded to lower-case ASCII letters and digits between single spaces.</summary>
    public static string Key(string name, string code) => Fold(name + " " + code);

    /// <summary>The query's words, folded as <see cref="Key"/> folds a seat.</summary>
    public static IReadOnlyList<string> Words(string? query) =>
        Fold(query ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);

    public static bool Matches(string key, IReadOnlyList<string> words)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(words);
        return words.All(w => key.Contains(w, StringComparison.Ordinal));
    }

    /// <summary>
    /// A Latin letter without its accent (â ê î ô û ŵ ŷ in Welsh names, é è ü in others). Looked up rather than decomposed
    /// with Unicode normalisation, which the runtime's invariant-globalisation mode does not do beyond ASCII.
    /// </summary>
    private static char Plain(char c) => c switch
    {
        >= 'à' and <= 'å' or 'ā' or 'ă' or 'ą' => 'a',
        'ç' or 'ć' or 'č' => 'c',
        >= 'è' and <= 'ë' or 'ē' or 'ė' or 'ę' or 'ě' => 'e',
        >= 'ì' and <= 'ï' or 'ī' or 'į' => 'i',
        'ñ' or 'ń' or 'ň' => 'n',
        >= 'ò' and <= 'ö' or 'ø' or 'ō' or 'ő' => 'o',
        >= 'ù' and <= 'ü' or 'ū' or 'ů' or 'ű' => 'u',
        'ý' or 'ÿ' or 'ŷ' => 'y',
        'ŵ' => 'w',
        _ => c,
    };

    private static string Fold(string text)
    {
        var folded = new StringBuilder(text.Length);
        var space = true;
        foreach (var c in text)
        {
            var lower = Plain(char.ToLowerInvariant(c));
            if (lower is (>= 'a' and <= 'z') or (>= '0' and <= '9'))
            {
                folded.Append(lower);
                space = false;
            }
            else if (!space)
            {
                folded.Append(' ');
                space = true;
            }
        }

        return folded.ToString().TrimEnd();
    }
}
