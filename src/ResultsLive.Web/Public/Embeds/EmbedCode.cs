using ResultsLive.Feed;
using ResultsLive.Web.Shared.Markup;

namespace ResultsLive.Web.Public.Embeds;

/// <summary>
/// The embeds a newsroom can put in its pages, and the code to paste for each: an iframe, or a text blockquote that
/// embed.js turns into the iframe (the form oEmbed gives, which still reads as text where scripts are not allowed).
/// </summary>
public sealed record EmbedCode(string Path, string Title, string Text, int Height)
{
    /// <summary>The embed at <paramref name="path"/> (site-relative, no leading slash), or null when there is none.</summary>
    public static EmbedCode? For(string path, LiveSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(snapshot);
        var national = snapshot.National;
        var declared = $"{national.Declared} of {national.TotalSeats} seats declared";
        var leader = national.Parties.FirstOrDefault(p => p.Seats > 0);
        var standing = leader is null ? declared : $"{declared}; {leader.Party.Name} {leader.Seats} seats, {national.MajorityThreshold} needed for a majority";
        var segments = path.Trim('/').Split('/');
        return segments switch
        {
            ["embed", "scoreboard"] => new(path, $"{snapshot.Election.Name}: seats", standing, 520),
            ["embed", "ticker"] => new(path, $"{snapshot.Election.Name}: latest results", (snapshot.Recent.Count > 0 ? snapshot.Recent[0].Text : declared), 420),
            ["embed", "map"] => new(path, $"{snapshot.Election.Name}: map", standing, 640),
            ["embed", "seat", var code] when snapshot.Election.FindConstituency(Uri.UnescapeDataString(code)) is { } seat =>
                new(PublicSurface.SeatEmbedUrl(seat.Code), $"{seat.Name}: {snapshot.Seat(seat.Code)?.Result ?? Format.Status(snapshot.Status(seat.Code))}", snapshot.Seat(seat.Code)?.Text ?? $"{seat.Name}: {Format.Status(snapshot.Status(seat.Code)).ToLowerInvariant()}", 560),
            _ => null,
        };
    }

    /// <summary>Every embed of the election's national results, for the page of codes.</summary>
    public static IEnumerable<EmbedCode> National(LiveSnapshot snapshot) =>
        NationalPaths.Select(p => For(p, snapshot)!);

    private static readonly string[] NationalPaths = ["embed/scoreboard", "embed/ticker", "embed/map"];

    /// <summary>The iframe to paste: sandboxed, lazy, titled, at a starting height that embed.js (or pym.js, or AMP) then corrects.</summary>
    public string Iframe(string origin) => new HtmlWriter()
        .Open("iframe").Attr("src", $"{origin}/{Path}").Attr("title", Title).Attr("width", "100%").Attr("height", Height)
        .Attr("loading", "lazy").Attr("sandbox", "allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox")
        .Attr("style", "border:0;width:100%;max-width:100%").Attr("data-resultslive-embed", "")
        .Close("iframe").ToString();

    /// <summary>The text blockquote and the script that turns it into the live embed.</summary>
    public string Blockquote(string origin) => new HtmlWriter()
        .Open("blockquote").Attr("class", "resultslive-embed").Attr("data-src", $"{origin}/{Path}").Attr("data-height", Height)
        .Element("p", null, Text)
        .Open("p").Open("a").Attr("href", $"{origin}/{Path}").Text(Title + " · ResultsLive").Close("a").Close("p")
        .Close("blockquote")
        .Open("script").Attr("async", "").Attr("src", $"{origin}/embed.js").Close("script")
        .ToString();
}
