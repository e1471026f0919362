using System.Net;
using System.Text;

namespace ResultsLive.Core.Desk;

/// <summary>A piece of copy: a lead (the seat's name, set in bold where the format has bold) and the words after it.</summary>
public sealed record CopyText(string Lead, string Body)
{
    /// <summary>As plain text: "Islington North: Ind gain from Lab".</summary>
    public string Plain => $"{Lead}: {Body}";

    /// <summary>As an HTML paragraph, every character from outside encoded.</summary>
    public string Html => $"<p><strong>{WebUtility.HtmlEncode(Lead)}</strong>: {WebUtility.HtmlEncode(Body)}</p>";

    /// <summary>As CommonMark, with every character that could start markup escaped.</summary>
    public string Markdown => $"**{EscapeMarkdown(Lead)}**: {EscapeMarkdown(Body)}";

    public string Render(CopyFormat format) => format switch
    {
        CopyFormat.Plain => Plain,
        CopyFormat.Html => Html,
        CopyFormat.Markdown => Markdown,
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, null),
    };

    /// <summary>Backslash-escapes CommonMark's punctuation that can open markup, and entity-like ampersands and angle brackets.</summary>
    public static string EscapeMarkdown(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            if (c is '\\' or '`' or '*' or '_' or '{' or '}' or '[' or ']' or '<' or '>' or '(' or ')' or '#' or '+' or '!' or '|' or '~' or '&')
            {
                builder.Append('\\');
            }

            builder.Append(c);
        }

        return builder.ToString();
    }
}

/// <summary>How copy is pasted: plain text, HTML, or Markdown.</summary>
public enum CopyFormat
{
    Plain,
    Html,
    Markdown,
}
