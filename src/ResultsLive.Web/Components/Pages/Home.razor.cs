using System.Globalization;
using System.Runtime.CompilerServices;

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

    /// <summary>Seats that changed hands against the baseline, newest first.</summary>
    private static IReadOnlyList<SeatResult> Gains(LiveSnapshot snapshot) =>
        GainsBySnapshot.GetValue(snapshot, static s =>
            [.. s.Seats.OfType<SeatResult>().Where(r => r.IsGain).OrderByDescending(r => r.DeclaredAt).ThenBy(r => r.Constituency.Name, StringComparer.Ordinal)]);

    /// <summary>The declared bar's fill, 0 to 1. (Inline rather than a component: every component is render trees in every open page.)</summary>
    private static string DeclaredFraction(NationalSnapshot national) =>
        national.TotalSeats == 0 ? "0" : ((double)national.Declared / national.TotalSeats).ToString("0.####", CultureInfo.InvariantCulture);
}
