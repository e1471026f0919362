using Microsoft.AspNetCore.Components;

using ResultsLive.Feed;
using ResultsLive.Web.Public.Fragments;

namespace ResultsLive.Web.Public.Pages;

/// <summary>
/// <c>/</c>: the national scoreboard, vote share, swing, projection, map, latest declarations and gains. Rendered without
/// a circuit from parts drawn once per sequence; public.js keeps it live from the push channel.
/// </summary>
public sealed partial class Home
{
    private static readonly string[] Parts =
        [PublicPart.Declared, PublicPart.Scoreboard, PublicPart.Share, PublicPart.Latest, PublicPart.Map, PublicPart.Gains];

    private LedgerState _state = null!;
    private IReadOnlyDictionary<string, DrawnPart> _parts = null!;

    [Inject]
    public required PublicParts Public { get; init; }

    [Inject]
    public required LiveResults Live { get; init; }

    private FragmentLedger Ledger => Public.Ledger;

    private string Description =>
        $"{_state.Snapshot.Election.Name}: {_state.Snapshot.National.Declared} of {_state.Snapshot.National.TotalSeats} seats declared. Seats, vote share, swing and every result as it is declared.";

    protected override async Task OnInitializedAsync()
    {
        _state = Ledger.State;
        _parts = await Public.DrawAsync(_state, Parts);
    }
}
