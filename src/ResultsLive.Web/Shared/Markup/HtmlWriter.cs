using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.RegularExpressions;

namespace ResultsLive.Web.Shared.Markup;

/// <summary>
/// The one writer of hand-built HTML (shared rows, the hex map, fragments): every text and attribute value goes through it
/// encoded, URLs are built from escaped path segments, and colours are checked to be <c>#RRGGBB</c>, so no name, code or
/// result text from a file or a declaration can become markup.
/// </summary>
/// <remarks>
/// Element names, attribute names and CSS classes are the caller's constants; values are always data. <see cref="Markup"/>
/// takes only what another <see cref="HtmlWriter"/> produced (wrapped in <see cref="Html"/>), so raw strings cannot slip in.
/// </remarks>
public sealed partial class HtmlWriter
{
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);
    private readonly StringBuilder _html;
    private bool _inTag;

    public HtmlWriter(int capacity = 256) => _html = new StringBuilder(capacity);

    /// <summary>Starts an element; attributes may follow until the first content.</summary>
    public HtmlWriter Open(string element)
    {
        CloseTag();
        _html.Append('<').Append(element);
        _inTag = true;
        return this;
    }

    /// <summary>An attribute with its value encoded; a null value writes nothing.</summary>
    public HtmlWriter Attr(string name, string? value)
    {
        if (!_inTag)
        {
            throw new InvalidOperationException($"attribute {name} written outside a start tag");
        }

        if (value is not null)
        {
            _html.Append(' ').Append(name).Append("=\"");
            Encoder.Encode(new StringWriter(_html, CultureInfo.InvariantCulture), value);
            _html.Append('"');
        }

        return this;
    }

    public HtmlWriter Attr(string name, long value) => Attr(name, value.ToString(CultureInfo.InvariantCulture));

    /// <summary>An attribute holding a site-relative URL built from fixed path parts and escaped values.</summary>
    public HtmlWriter Url(string name, string path, params string[] segments)
    {
        var url = new StringBuilder(path);
        foreach (var segment in segments)
        {
            url.Append(Uri.EscapeDataString(segment));
        }

        return Attr(name, url.ToString());
    }

    /// <summary>
    /// A style declaring one CSS custom property as a colour, <c>--party:#C8102E</c> (anything not #RRGGBB is grey), and for
    /// a light colour (the SNP's yellow) <c>--party-ink</c>, the dark text that reads on it.
    /// </summary>
    public HtmlWriter ColourStyle(string property, string colour) => Attr("style", ColourDeclarations(property, colour));

    /// <summary>What <see cref="ColourStyle"/> writes, for a Razor attribute.</summary>
    public static string ColourDeclarations(string property, string? colour)
    {
        var checkedColour = Colour(colour);
        return IsLight(checkedColour) ? $"{property}:{checkedColour};{property}-ink:#1b2430" : $"{property}:{checkedColour}";
    }

    /// <summary>Whether white text fails WCAG AA (4.5:1) on <paramref name="colour"/>, a checked #RRGGBB.</summary>
    public static bool IsLight(string colour)
    {
        static double Channel(string hex)
        {
            var c = int.Parse(hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture) / 255.0;
            return c <= 0.03928 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
        }

        var luminance = (0.2126 * Channel(colour[1..3])) + (0.7152 * Channel(colour[3..5])) + (0.0722 * Channel(colour[5..7]));
        return 1.05 / (luminance + 0.05) < 4.5;
    }

    /// <summary>A boolean attribute with no value (<c>hidden</c>).</summary>
    public HtmlWriter Flag(string name)
    {
        if (!_inTag)
        {
            throw new InvalidOperationException($"attribute {name} written outside a start tag");
        }

        _html.Append(' ').Append(name);
        return this;
    }

    /// <summary>Text content, encoded.</summary>
    public HtmlWriter Text(string? text)
    {
        CloseTag();
        if (!string.IsNullOrEmpty(text))
        {
            Encoder.Encode(new StringWriter(_html, CultureInfo.InvariantCulture), text);
        }

        return this;
    }

    /// <summary>Markup that a writer already built.</summary>
    public HtmlWriter Markup(Html html)
    {
        CloseTag();
        _html.Append(html.Value);
        return this;
    }

    /// <summary>Ends the element opened last with this name.</summary>
    public HtmlWriter Close(string element)
    {
        CloseTag();
        _html.Append("</").Append(element).Append('>');
        return this;
    }

    /// <summary>Ends a start tag as self-closing (SVG's <c>&lt;use/&gt;</c>) or void (<c>&lt;meta&gt;</c>).</summary>
    public HtmlWriter End()
    {
        if (_inTag)
        {
            _html.Append("/>");
            _inTag = false;
        }

        return this;
    }

    /// <summary>An element with only text inside: <c>&lt;span class="x"&gt;text&lt;/span&gt;</c>.</summary>
    public HtmlWriter Element(string element, string? cssClass, string? text) => Open(element).Attr("class", cssClass).Text(text).Close(element);

    public Html ToHtml()
    {
        CloseTag();
        return new Html(_html.ToString());
    }

    public override string ToString() => ToHtml().Value;

    /// <summary>The colour if it is <c>#RRGGBB</c>, else the neutral grey: a colour reaches a style attribute only in that shape.</summary>
    public static string Colour(string? colour) =>
        colour is not null && RgbColour().IsMatch(colour) ? colour : Core.Model.PartyCatalog.UnknownColour;

    /// <summary>Text encoded for an HTML text node or attribute value, for the few places that build a single value.</summary>
    public static string Encode(string text) => Encoder.Encode(text);

    private void CloseTag()
    {
        if (_inTag)
        {
            _html.Append('>');
            _inTag = false;
        }
    }

    [GeneratedRegex("^#[0-9A-Fa-f]{6}$", RegexOptions.CultureInvariant)]
    private static partial Regex RgbColour();
}

/// <summary>HTML made by an <see cref="HtmlWriter"/>: the only kind of string the writer lets into other markup as it is.</summary>
public readonly record struct Html(string Value)
{
    public static Html Empty { get; } = new("");

    public override string ToString() => Value;
}
