using System.Text;

namespace ResultsLive.Import;

/// <summary>Undoes UTF-8 text that was decoded as Latin-1 somewhere upstream ("Ã\u0081ine" for "Áine").</summary>
internal static class TextRepair
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// Re-reads the text's Latin-1 bytes as UTF-8 when they form valid UTF-8; correctly decoded accents
    /// ("Peña", "Môn") do not, because a lone accented Latin-1 byte is never a valid UTF-8 sequence.
    /// </summary>
    public static string Mojibake(string text)
    {
        var suspect = false;
        foreach (var c in text)
        {
            if (c > '\u00FF')
            {
                // Latin-1 cannot hold it, so this text did not come through a Latin-1 decode.
                return text;
            }

            suspect |= c >= '\u0080';
        }

        if (!suspect)
        {
            return text;
        }

        try
        {
            return StrictUtf8.GetString(Encoding.Latin1.GetBytes(text));
        }
        catch (DecoderFallbackException)
        {
            return text;
        }
    }
}
