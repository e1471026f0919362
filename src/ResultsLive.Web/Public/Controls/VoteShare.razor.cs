using Microsoft.AspNetCore.Components;

using ResultsLive.Core.Arithmetic;
using ResultsLive.Web.Shared.Charts;
using ResultsLive.Web.Shared.Markup;

namespace ResultsLive.Web.Public.Controls;

/// <summary>National vote share per party with its change against the named baseline: a bar chart and the table.</summary>
public sealed partial class VoteShare
{
    /// <summary>Parties listed by name in the table; the long tail of small parties is summed in one "Others" row.</summary>
    public const int TableParties = 10;

    private ChartDefinition _chart = null!;
    private int _bars;
    private IReadOnlyList<PartyStanding> _rows = [];
    private (int Parties, long Votes, double Share) _others;

    [Inject]
    public required ResultsCharts Charts { get; init; }

    [Inject]
    public required ResultsMarkup Markup { get; init; }

    [Parameter]
    [EditorRequired]
    public required NationalSnapshot National { get; set; }

    private int ChartHeight => 60 + (30 * Math.Max(3, _bars));

    protected override void OnParametersSet()
    {
        _chart = Charts.Share(National);
        var voting = National.Parties.Where(p => p.Votes > 0).OrderByDescending(p => p.Votes).ToList();
        _bars = Math.Min(voting.Count, ResultsCharts.ShareChartParties + 1);
        _rows = [.. voting.Take(TableParties)];
        var rest = voting.Skip(TableParties).ToList();
        _others = (rest.Count, rest.Sum(p => p.Votes), rest.Sum(p => p.Share));
    }
}
