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
/// A row's markup depends only on one immutable record (a <see cref="PartyStanding"/> of one snapshot, or a
/// <see cref="SeatResult"/>), so it is cached against that record and dropped with it. A page then holds a few frames per
/// row instead of a dozen, which is most of what an idle page costs the server, and diffing a row is one string
/// comparison. Every value is HTML-encoded here, as Razor would have done.
/// </remarks>
public static class ResultsMarkup
{
    private static readonly CultureInfo Culture = CultureInfo.InvariantCulture;
    private static readonly ConditionalWeakTable<PartyStanding, string> SeatRows = new();
    private static readonly ConditionalWeakTable<PartyStanding, string> ShareRows = new();
    private static readonly ConditionalWeakTable<SeatResult, string> LatestItems = new();
    private static readonly ConditionalWeakTable<SeatResult, string> GainItems = new();

    /// <summary>Party, seats, gains, losses and net: the cells of one row of the seats table.</summary>
    public static MarkupString SeatsRow(PartyStanding party)
    {
        ArgumentNullException.ThrowIfNull(party);
        return new MarkupString(SeatRows.GetValue(party, static p => new StringBuilder()
            .Append("<th scope=\"row\">").Append(PartyTagHtml(p.Party, showName: true)).Append("</th>")
            .Append(Culture, $"<td class=\"num seats-won\">{p.Seats}</td>")
            .Append(Culture, $"<td class=\"num\">{p.Gains}</td>")
            .Append(Culture, $"<td class=\"num\">{p.Losses}</td>")
            .Append(Culture, $"<td class=\"num change {Format.Trend(p.Net)}\">{Format.WithSign(p.Net)}</td>")
            .ToString()));
    }

    /// <summary>Party, votes, share and change in share: the cells of one row of the vote-share table.</summary>
    public static MarkupString ShareRow(PartyStanding party)
    {
        ArgumentNullException.ThrowIfNull(party);
        return new MarkupString(ShareRows.GetValue(party, static p => new StringBuilder()
            .Append("<th scope=\"row\">").Append(PartyTagHtml(p.Party, showName: true)).Append("</th>")
            .Append(Culture, $"<td class=\"num\">{Format.Number(p.Votes)}</td>")
            .Append(Culture, $"<td class=\"num share-value\">{Format.Percent(p.Share)}</td>")
            .Append(Culture, $"<td class=\"num change {Format.Trend(p.ShareChange)}\">{Format.Change(p.ShareChange, "–")}</td>")
            .ToString()));
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
