using Microsoft.AspNetCore.Components;

using ResultsLive.Feed;
using ResultsLive.Web.Public.Controls;
using ResultsLive.Web.Public.Fragments;

namespace ResultsLive.Web.Public.Pages;

/// <summary>
/// <c>/</c>: the national scoreboard, vote share, swing, projection, map, latest declarations and gains. Rendered without
/// a circuit from parts drawn once per sequence; public.js keeps it live from the push channel.
/// </summary>
public sealed partial class Home
{
    private static readonly string[] Parts =
        [PublicPart.Declared, PublicPart.Scoreboard, PublicPart.Share, PublicPart.Latest, PublicPart.Gains];

    private LedgerState _state = null!;
    private IReadOnlyDictionary<string, DrawnPart> _parts = null!;
    private MapMode _mode = MapMode.Winner;
    private string _map = PublicPart.Map;
    private IReadOnlyList<Core.Model.Party> _parties = [];
    private (string? A, string? B) _pair;

    [Inject]
    public required PublicParts Public { get; init; }

    [Inject]
    public required LiveResults Live { get; init; }

    /// <summary>The map's mode (<c>?map=turnout</c>): a reader's choice, in the address so the page stays cacheable.</summary>
    [SupplyParameterFromQuery(Name = "map")]
    public string? Map { get; set; }

    [SupplyParameterFromQuery(Name = "party")]
    public string? Party { get; set; }

    [SupplyParameterFromQuery(Name = "from")]
    public string? From { get; set; }

    private FragmentLedger Ledger => Public.Ledger;

    private string Description =>
        $"{_state.Snapshot.Election.Name}: {_state.Snapshot.National.Declared} of {_state.Snapshot.National.TotalSeats} seats declared. Seats, vote share, swing and every result as it is declared.";

    protected override async Task OnInitializedAsync()
    {
        _state = Ledger.State;
        var snapshot = _state.Snapshot;
        _parties = PublicChoices.Parties(snapshot, null);
        _pair = snapshot.National.Battleground.HeadlinePair;
        _mode = MapMode.FromQuery(Map, Party, From, snapshot.Election, snapshot.National);
        _map = _mode.Kind == MapModeKind.Winner ? PublicPart.Map : ChosenPart.Map(null, _mode);
        _parts = await Public.DrawAsync(_state, [.. Parts, _map]);
    }
}
