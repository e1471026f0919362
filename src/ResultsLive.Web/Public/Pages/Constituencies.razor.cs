using Microsoft.AspNetCore.Components;

using ResultsLive.Web.Public.Fragments;

namespace ResultsLive.Web.Public.Pages;

/// <summary><c>/constituencies</c>: every seat with its status and winner; <c>?q=</c> filters by name or code, and public.js as you type.</summary>
public sealed partial class Constituencies
{
    private LedgerState _state = null!;
    private DrawnPart _part = null!;
    private IReadOnlyList<string> _words = [];
    private int _matches;

    [Inject]
    public required PublicParts Public { get; init; }

    [SupplyParameterFromQuery(Name = "q")]
    public string? Q { get; set; }

    private string CountText => _words.Count == 0
        ? $"{_state.Snapshot.Election.SeatCount} seats"
        : $"{_matches} of {_state.Snapshot.Election.SeatCount} seats match “{Q?.Trim()}”";

    private string FilterCss => string.Join(
        ",",
        _words.Select(w => $"#seat-list tbody tr:not([data-search*=\"{w}\"])")) + "{display:none}";

    protected override async Task OnParametersSetAsync()
    {
        _state = Public.Ledger.State;
        _words = SeatSearch.Words(Q);
        var election = _state.Snapshot.Election;
        _matches = election.Constituencies.Count(c => SeatSearch.Matches(SeatSearch.Key(c.Name, c.Code), _words));
        _part = (await Public.DrawAsync(_state, PublicPart.Seats))[PublicPart.Seats];
    }
}
