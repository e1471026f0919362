using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

using Microsoft.AspNetCore.Components;

using ResultsLive.Core.Arithmetic;
using ResultsLive.Feed;
using ResultsLive.Web.Components.Controls;
using ResultsLive.Web.Components.Live;

namespace ResultsLive.Web.Components.Pages;

/// <summary><c>/</c>: the national scoreboard, vote share, swing, projection, map, latest declarations and gains, live.</summary>
public sealed partial class Home : LiveComponentBase
{
    // Worked out once per snapshot for every open page, not once per page.
    private static readonly ConditionalWeakTable<LiveSnapshot, IReadOnlyList<SeatResult>> GainsBySnapshot = new();
    private static readonly ConditionalWeakTable<NationalSnapshot, string> Projections = new();

    /// <summary>Seats that changed hands against the baseline, newest first.</summary>
    private static IReadOnlyList<SeatResult> Gains(LiveSnapshot snapshot) =>
        GainsBySnapshot.GetValue(snapshot, static s =>
            [.. s.Seats.OfType<SeatResult>().Where(r => r.IsGain).OrderByDescending(r => r.DeclaredAt).ThenBy(r => r.Constituency.Name, StringComparer.Ordinal)]);

    /// <summary>The declared bar's fill. (Inline rather than a component: every component is render trees in every open page.)</summary>
    private static string DeclaredWidth(NationalSnapshot national) =>
        national.TotalSeats == 0 ? "0%" : (national.Declared * 100.0 / national.TotalSeats).ToString("0.##", CultureInfo.InvariantCulture) + "%";

    /// <summary>The projected seats of the six largest parties, as a list of party tags and numbers.</summary>
    private static MarkupString Projected(NationalSnapshot national) =>
        new(Projections.GetValue(national, static n =>
        {
            var html = new StringBuilder("<ul class=\"projection\" data-testid=\"projection\">");
            foreach (var projected in n.Projection.Seats.Take(6))
            {
                html.Append("<li>").Append(ResultsMarkup.PartyTagHtml(projected.Party))
                    .Append(CultureInfo.InvariantCulture, $" <strong>{projected.Seats}</strong></li>");
            }

            return html.Append("</ul>").ToString();
        }));
}
