using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;
using System.Text;

using Microsoft.AspNetCore.Components;

using ResultsLive.Core.Arithmetic;
using ResultsLive.Core.Model;

namespace ResultsLive.Web.Components.Controls;

/// <summary>
/// The inside of the rows that every open scoreboard shows (seats, vote share, latest results, gains), as HTML built once
/// per result and shared by every page, like the hex map's bands.
/// </summary>
/// <remarks>
/// A row's markup depends only on one immutable record (a <see cref="Party"/>, a <see cref="PartyStanding"/> of one
/// snapshot, or a <see cref="SeatResult"/>), so it is cached against that record and dropped with it. A page then holds a
/// few frames per row instead of a dozen, which is most of what an idle page costs the server, and diffing a row is one
/// string comparison. What never changes (a party's cell) is apart from what does (its figures), so a declaration sends
/// each open page only the figures that moved. Every value is HTML-encoded here, as Razor would have done.
/// </remarks>
public static class ResultsMarkup
{
    private static readonly CultureInfo Culture = CultureInfo.InvariantCulture;
    private static readonly ConditionalWeakTable<Party, string> PartyHeaders = new();
    private static readonly ConditionalWeakTable<Party, string> PartyTags = new();
    private static readonly ConditionalWeakTable<PartyStanding, string> SeatRows = new();
    private static readonly ConditionalWeakTable<PartyStanding, string> ShareRows = new();
    private static readonly ConditionalWeakTable<SeatResult, string> LatestItems = new();
    private static readonly ConditionalWeakTable<SeatResult, string> GainItems = new();

    /// <summary>
    /// The party cell that starts a row of the seats or vote-share table. It never changes, so it is kept apart from the
    /// figures: a declaration then resends a row's numbers to every open page, not its party tag as well.
    /// </summary>
    public static MarkupString PartyHeader(Party party)
    {
        ArgumentNullException.ThrowIfNull(party);
        return new MarkupString(PartyHeaders.GetValue(party, static p => $"<th scope=\"row\">{PartyTagHtml(p, showName: true)}</th>"));
    }

    /// <summary>Seats, gains, losses and net: the figures of one row of the seats table.</summary>
    public static MarkupString SeatsFigures(PartyStanding party)
    {
        ArgumentNullException.ThrowIfNull(party);
        return new MarkupString(SeatRows.GetValue(party, static p => string.Create(
            Culture,
            $"<td class=\"num seats-won\">{p.Seats}</td><td class=\"num\">{p.Gains}</td><td class=\"num\">{p.Losses}</td><td class=\"num change {Format.Trend(p.Net)}\">{Format.WithSign(p.Net)}</td>")));
    }

    /// <summary>Votes, share and change in share: the figures of one row of the vote-share table.</summary>
    public static MarkupString ShareFigures(PartyStanding party)
    {
        ArgumentNullException.ThrowIfNull(party);
        return new MarkupString(ShareRows.GetValue(party, static p => string.Create(
            Culture,
            $"<td class=\"num\">{Format.Number(p.Votes)}</td><td class=\"num share-value\">{Format.Percent(p.Share)}</td><td class=\"num change {Format.Trend(p.ShareChange)}\">{Format.Change(p.ShareChange, "–")}</td>")));
    }

    /// <summary>
    /// <see cref="PartyTag.For"/>'s markup as one shared string, for the scoreboard every reader has open: one frame per
    /// use instead of a dozen, and never resent while the party stays in its place (the projection's numbers beside it are).
    /// </summary>
    public static MarkupString PartyTagMarkup(Party party)
    {
        ArgumentNullException.ThrowIfNull(party);
        return new MarkupString(PartyTags.GetValue(party, static p => PartyTagHtml(p)));
    }

    /// <summary>Time, seat, result and the one-line text: the inside of one entry of the latest results.</summary>
    public static MarkupString LatestItem(Election election, SeatResult seat)
    {
        ArgumentNullException.ThrowIfNull(election);
        ArgumentNullException.ThrowIfNull(seat);
        return new MarkupString(LatestItems.GetValue(seat, s =>
        {
            var winner = Format.Party(election, s.Winner.Party);
            var html = new StringBuilder()
                .Append(Culture, $"<time class=\"latest-time\" datetime=\"{s.DeclaredAt:O}\">{Format.Time(s.DeclaredAt)}</time>")
                .Append("<div class=\"latest-body\">")
                .Append(Culture, $"<a class=\"latest-name\" href=\"constituency/{Encode(s.Constituency.Code)}\">{Encode(s.Constituency.Name)}</a> ")
                .Append(Culture, $"<span class=\"result-pill {(s.IsGain ? "gain" : "hold")}\" style=\"--party:{winner.Colour}\">{Encode(s.Result)}</span>");
            if (s.Revision > 1)
            {
                html.Append(Culture, $" <span class=\"corrected\">Corrected: revision {s.Revision}</span>");
            }

            return html.Append(Culture, $"<p class=\"latest-text\">{Encode(Format.Text(s))}</p></div>").ToString();
        }));
    }

    /// <summary>Winner, seat and "X gain from Y": the inside of one entry of the gains list.</summary>
    public static MarkupString GainItem(Election election, SeatResult seat)
    {
        ArgumentNullException.ThrowIfNull(election);
        ArgumentNullException.ThrowIfNull(seat);
        return new MarkupString(GainItems.GetValue(seat, s =>
        {
            var winner = Format.Party(election, s.Winner.Party);
            return string.Create(
                Culture,
                $"<span class=\"gain-chip\" style=\"--party:{winner.Colour}\">{Encode(winner.Code)}</span><a href=\"constituency/{Encode(s.Constituency.Code)}\">{Encode(s.Constituency.Name)}</a><span class=\"gain-from\">{Encode(s.Result)}</span>");
        }));
    }

    /// <summary>The same markup as <see cref="PartyTag"/>, as text.</summary>
    public static string PartyTagHtml(Party party, bool showName = false)
    {
        ArgumentNullException.ThrowIfNull(party);
        var name = showName ? $"<span class=\"party-name\">{Encode(party.Name)}</span>" : "";
        return $"<span class=\"party-tag\" title=\"{Encode(party.Name)}\"><span class=\"party-chip\" style=\"background:{party.Colour}\" aria-hidden=\"true\"></span><span class=\"party-code\">{Encode(party.Code)}</span>{name}</span>";
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
