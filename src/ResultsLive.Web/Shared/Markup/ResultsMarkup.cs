using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;

using ResultsLive.Core.Arithmetic;
using ResultsLive.Core.Model;
using ResultsLive.Feed;
using ResultsLive.Web.Public;

namespace ResultsLive.Web.Shared.Markup;

/// <summary>
/// The inside of the rows that every open scoreboard shows (seats, vote share, latest results, gains), as HTML built once
/// per result and shared by every page, like the hex map's bands.
/// </summary>
/// <remarks>
/// A row's markup depends only on one immutable record (a <see cref="Party"/>, a <see cref="PartyStanding"/> of one
/// snapshot, or a <see cref="SeatResult"/>), so it is cached against that record and dropped with it. A page then holds a
/// few frames per row instead of a dozen, which is most of what an idle page costs the server, and diffing a row is one
/// string comparison. What never changes (a party's cell) is apart from what does (its figures), so a declaration sends
/// each open page only the figures that moved. Every value goes through <see cref="HtmlWriter"/>, encoded as Razor would have done.
/// A singleton render cache: registered once per node and injected, so every circuit shares one copy of each string.
/// </remarks>
public sealed class ResultsMarkup
{
    private static readonly CultureInfo Culture = CultureInfo.InvariantCulture;
    private readonly ConditionalWeakTable<Party, string> _partyHeaders = new();
    private readonly ConditionalWeakTable<Party, string> _partyTags = new();
    private readonly ConditionalWeakTable<PartyStanding, string> _seatRows = new();
    private readonly ConditionalWeakTable<PartyStanding, string> _shareRows = new();
    private readonly ConditionalWeakTable<SeatResult, string> _latestItems = new();
    private readonly ConditionalWeakTable<SeatResult, string> _gainItems = new();
    private readonly ConditionalWeakTable<SeatResult, string> _texts = new();
    private readonly ConditionalWeakTable<LiveSnapshot, IReadOnlyList<SeatResult>> _gains = new();
    private readonly ConcurrentDictionary<string, string> _chipStyles = new(StringComparer.Ordinal);

    /// <summary>
    /// The party cell that starts a row of the seats or vote-share table. It never changes, so it is kept apart from the
    /// figures: a declaration then resends a row's numbers to every open page, not its party tag as well.
    /// </summary>
    public MarkupString PartyHeader(Party party)
    {
        ArgumentNullException.ThrowIfNull(party);
        return new MarkupString(_partyHeaders.GetValue(party, static p => new HtmlWriter().Open("th").Attr("scope", "row").Markup(PartyTagHtml(p, showName: true)).Close("th").ToString()));
    }

    /// <summary>Seats, gains, losses and net: the figures of one row of the seats table.</summary>
    public MarkupString SeatsFigures(PartyStanding party)
    {
        ArgumentNullException.ThrowIfNull(party);
        return new MarkupString(_seatRows.GetValue(party, static p => new HtmlWriter()
            .Element("td", "num seats-won", p.Seats.ToString(Culture))
            .Element("td", "num", p.Gains.ToString(Culture))
            .Element("td", "num", p.Losses.ToString(Culture))
            .Element("td", "num change " + Format.Trend(p.Net), Format.WithSign(p.Net))
            .ToString()));
    }

    /// <summary>Votes, share and change in share: the figures of one row of the vote-share table.</summary>
    public MarkupString ShareFigures(PartyStanding party)
    {
        ArgumentNullException.ThrowIfNull(party);
        return new MarkupString(_shareRows.GetValue(party, static p => new HtmlWriter()
            .Element("td", "num", Format.Number(p.Votes))
            .Element("td", "num share-value", Format.Percent(p.Share))
            .Element("td", "num change " + Format.Trend(p.ShareChange), Format.Change(p.ShareChange, "–"))
            .ToString()));
    }

    /// <summary>
    /// <see cref="PartyTag"/>'s markup as one shared string, for the scoreboard every reader has open: one frame per
    /// use instead of a dozen, and never resent while the party stays in its place (the projection's numbers beside it are).
    /// </summary>
    public MarkupString PartyTagMarkup(Party party)
    {
        ArgumentNullException.ThrowIfNull(party);
        return new MarkupString(_partyTags.GetValue(party, static p => PartyTagHtml(p).Value));
    }

    /// <summary>Time, seat, result and the one-line text: the inside of one entry of the latest results.</summary>
    public MarkupString LatestItem(Election election, SeatResult seat)
    {
        ArgumentNullException.ThrowIfNull(election);
        ArgumentNullException.ThrowIfNull(seat);
        return new MarkupString(_latestItems.GetValue(seat, s =>
        {
            var winner = Format.Party(election, s.Winner.Party);
            var html = new HtmlWriter()
                .Open("time").Attr("class", "latest-time").Attr("datetime", s.DeclaredAt.ToString("O", Culture)).Text(Format.Time(s.DeclaredAt)).Close("time")
                .Open("div").Attr("class", "latest-body")
                .Open("a").Attr("class", "latest-name").Url("href", PublicSurface.SeatPath, s.Constituency.Code).Text(s.Constituency.Name).Close("a").Text(" ")
                .Open("span").Attr("class", "result-pill " + (s.IsGain ? "gain" : "hold")).ColourStyle("--party", winner.Colour).Text(s.Result).Close("span");
            if (s.Revision > 1)
            {
                html.Text(" ").Element("span", "corrected", $"Corrected: revision {s.Revision}");
            }

            return html.Element("p", "latest-text", Text(s)).Close("div").ToString();
        }));
    }

    /// <summary>Winner, seat and "X gain from Y": the inside of one entry of the gains list.</summary>
    public MarkupString GainItem(Election election, SeatResult seat)
    {
        ArgumentNullException.ThrowIfNull(election);
        ArgumentNullException.ThrowIfNull(seat);
        return new MarkupString(_gainItems.GetValue(seat, s =>
        {
            var winner = Format.Party(election, s.Winner.Party);
            return new HtmlWriter()
                .Open("span").Attr("class", "gain-chip").ColourStyle("--party", winner.Colour).Text(winner.Code).Close("span")
                .Open("a").Url("href", PublicSurface.SeatPath, s.Constituency.Code).Text(s.Constituency.Name).Close("a")
                .Element("span", "gain-from", s.Result)
                .ToString();
        }));
    }

    /// <summary>The seat's one-line result text, built once per result and shared by every page that shows it.</summary>
    public string Text(SeatResult seat)
    {
        ArgumentNullException.ThrowIfNull(seat);
        return _texts.GetValue(seat, static s => s.Text);
    }

    /// <summary>Seats that changed hands against the baseline, newest first: worked out once per snapshot for every open page.</summary>
    public IReadOnlyList<SeatResult> Gains(LiveSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return _gains.GetValue(snapshot, static s =>
            [.. s.Seats.OfType<SeatResult>().Where(r => r.IsGain).OrderByDescending(r => r.DeclaredAt).ThenBy(r => r.Constituency.Name, StringComparer.Ordinal)]);
    }

    /// <summary>
    /// A party as text and colour together (colour is never the only cue): a chip in the party's colour, its code and,
    /// optionally, its name. Written into the caller's render tree rather than a component per row, because a component
    /// per table cell costs every open page its own state and render buffers.
    /// </summary>
    public RenderFragment PartyTag(Party party, bool showName = false)
    {
        ArgumentNullException.ThrowIfNull(party);
        var style = _chipStyles.GetOrAdd(party.Colour, static colour => "background:" + HtmlWriter.Colour(colour));
        return builder => WritePartyTag(builder, party, style, showName);
    }

    /// <summary>The same markup as <see cref="PartyTag"/>, as text.</summary>
    public static Html PartyTagHtml(Party party, bool showName = false)
    {
        ArgumentNullException.ThrowIfNull(party);
        var html = new HtmlWriter()
            .Open("span").Attr("class", "party-tag").Attr("title", party.Name)
            .Open("span").Attr("class", "party-chip").Attr("style", "background:" + HtmlWriter.Colour(party.Colour)).Attr("aria-hidden", "true").Close("span")
            .Element("span", "party-code", party.Code);
        if (showName)
        {
            html.Element("span", "party-name", party.Name);
        }

        return html.Close("span").ToHtml();
    }

    private static void WritePartyTag(RenderTreeBuilder builder, Party party, string chipStyle, bool showName)
    {
        builder.OpenElement(0, "span");
        builder.AddAttribute(1, "class", "party-tag");
        builder.AddAttribute(2, "title", party.Name);
        builder.OpenElement(3, "span");
        builder.AddAttribute(4, "class", "party-chip");
        builder.AddAttribute(5, "style", chipStyle);
        builder.AddAttribute(6, "aria-hidden", "true");
        builder.CloseElement();
        builder.OpenElement(7, "span");
        builder.AddAttribute(8, "class", "party-code");
        builder.AddContent(9, party.Code);
        builder.CloseElement();
        if (showName)
        {
            builder.OpenElement(10, "span");
            builder.AddAttribute(11, "class", "party-name");
            builder.AddContent(12, party.Name);
            builder.CloseElement();
        }

        builder.CloseElement();
    }
}
