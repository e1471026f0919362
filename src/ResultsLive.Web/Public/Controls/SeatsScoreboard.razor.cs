using Microsoft.AspNetCore.Components;

using ResultsLive.Core.Arithmetic;
using ResultsLive.Web.Shared.Charts;
using ResultsLive.Web.Shared.Markup;

namespace ResultsLive.Web.Public.Controls;

/// <summary>Seats per party against the majority line: a bar chart and the same figures as a table, with gains, losses and net.</summary>
public sealed partial class SeatsScoreboard
{
    /// <summary>A party without a seat is listed once it has this share of the vote (percent) in the seats declared.</summary>
    public const double MinimumShare = 2;

    private ChartDefinition _chart = null!;
    private int _bars;
    private IReadOnlyList<PartyStanding> _rows = [];
    private PartyStanding? _leader;

    [Inject]
    public required ResultsCharts Charts { get; init; }

    [Inject]
    public required ResultsMarkup Markup { get; init; }

    [Parameter]
    [EditorRequired]
    public required NationalSnapshot National { get; set; }

    private int ChartHeight => 60 + (34 * Math.Max(3, _bars));

    protected override void OnParametersSet()
    {
        _chart = Charts.Seats(National);
        _bars = ResultsCharts.SeatParties(National).Count;
        // Parties with something to show: a seat, a loss, or a real share of the vote (Reform polling 19% belongs in the
        // table before it wins a seat); never rows of zeros before the first declaration.
        _rows = [.. National.Parties.Where(p => p.Seats > 0 || p.Losses > 0 || p.Share >= MinimumShare)];
        _leader = National.Parties.FirstOrDefault(p => p.Seats > 0);
    }
}
