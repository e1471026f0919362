using Microsoft.AspNetCore.Components;

using ResultsLive.Core.Arithmetic;
using ResultsLive.Core.Model;
using ResultsLive.Web.Public.Controls;
using ResultsLive.Web.Public.Fragments;

namespace ResultsLive.Web.Public.Pages;

/// <summary>
/// <c>/nation/{name}</c> and <c>/region/{name}</c>: one nation's or region's scoreboard, share and change, swing (with the
/// picker), map (its seats only, in any mode) and seats; no majority line or projection. An unknown name is a real 404.
/// </summary>
public sealed partial class AreaPage
{
    private LedgerState _state = null!;
    private AreaSnapshot? _area;
    private IReadOnlyList<Party> _parties = [];
    private IReadOnlyDictionary<string, DrawnPart> _parts = null!;
    private Party? _a;
    private Party? _b;
    private string? _problem;
    private MapMode _mode = MapMode.Winner;
    private string _path = "";
    private string _board = "";
    private string? _swing;
    private string _map = "";
    private string _seats = "";

    [Inject]
    public required PublicParts Public { get; init; }

    [Inject]
    public required NavigationManager Navigation { get; init; }

    [Parameter]
    public string Name { get; set; } = "";

    [SupplyParameterFromQuery(Name = "a")]
    public string? A { get; set; }

    [SupplyParameterFromQuery(Name = "b")]
    public string? B { get; set; }

    [SupplyParameterFromQuery(Name = "map")]
    public string? Map { get; set; }

    [SupplyParameterFromQuery(Name = "party")]
    public string? Party { get; set; }

    [SupplyParameterFromQuery(Name = "from")]
    public string? From { get; set; }

    /// <summary>The swing's pair, carried by the map's form.</summary>
    private IReadOnlyList<(string Name, string Value)> SwingKeep =>
        _a is null || _b is null || (A is null && B is null) ? [] : [("a", _a.Code), ("b", _b.Code)];

    /// <summary>The map's mode, carried by the swing's form.</summary>
    private IReadOnlyList<(string Name, string Value)> MapKeep =>
        [.. _mode.Query.Split('&', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=')).Select(p => (p[0], Uri.UnescapeDataString(p[1])))];

    protected override async Task OnParametersSetAsync()
    {
        _state = Public.Ledger.State;
        var snapshot = _state.Snapshot;
        var national = snapshot.National;
        var nation = Navigation.ToBaseRelativePath(Navigation.Uri).StartsWith("nation/", StringComparison.OrdinalIgnoreCase);
        _area = nation ? national.Nation(Name) : national.Region(Name);
        if (_area is not { } area)
        {
            // A real 404 on the first response (and the not-found page), not a 200 that says "not found".
            Navigation.NotFound();
            return;
        }

        _path = PublicSurface.AreaUrl(area.Kind, area.Name);
        _parties = PublicChoices.Parties(snapshot, area);
        if (PublicChoices.Pair(snapshot.Election, _parties, A, B, area.SwingParties) is var (a, b, problem))
        {
            (_a, _b, _problem) = (a, b, problem);
            _swing = ChosenPart.Swing(area, a, b);
        }

        _mode = MapMode.FromQuery(Map, Party, From, snapshot.Election, national, _a, _b);
        (_board, _map, _seats) = (ChosenPart.Board(area), ChosenPart.Map(area, _mode), ChosenPart.SeatList(area));
        _parts = await Public.DrawAsync(_state, new[] { _board, _swing, _map, _seats }.OfType<string>());
    }
}
