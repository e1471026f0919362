using System.Globalization;

using Microsoft.AspNetCore.Components;

using ResultsLive.Core.Arithmetic;
using ResultsLive.Core.Model;
using ResultsLive.Feed;
using ResultsLive.Web.Configuration;
using ResultsLive.Web.Public.Fragments;

namespace ResultsLive.Web.Public.Controls;

/// <summary>The seats as server-rendered SVG hexagons, coloured by winning party, grey until declared, hatched in a recount.</summary>
public sealed partial class HexMap
{
    private HexMapLayout _layout = null!;
    private IReadOnlyList<MarkupString> _bands = [];
    private MarkupString _legend;
    private MarkupString _outlines;
    private LiveSnapshot? _rendered;
    private string _viewBox = "";

    [Inject]
    public required ElectionContext ElectionContext { get; init; }

    [Inject]
    public required HexMapCache Cache { get; init; }

    [Parameter]
    [EditorRequired]
    public required LiveSnapshot Snapshot { get; set; }

    /// <summary>What the seats are coloured by; the winner unless a reader chose otherwise.</summary>
    [Parameter]
    public MapMode Mode { get; set; } = MapMode.Winner;

    /// <summary>A nation or region: only its seats are drawn, the map fitted to them.</summary>
    [Parameter]
    public AreaSnapshot? Area { get; set; }

    private string Heading => (Area, Mode.Kind) switch
    {
        (null, MapModeKind.Winner) => "Map of the seats",
        (null, _) => "Map: " + Mode.Label(Snapshot.Election),
        ({ } area, MapModeKind.Winner) => $"Map of {area.Name}’s seats",
        ({ } area, _) => $"Map of {area.Name}: {Mode.Label(Snapshot.Election)}",
    };

    private string AriaLabel => Mode.Kind == MapModeKind.Winner && Area is null
        ? string.Create(CultureInfo.InvariantCulture, $"Map of {_layout.Placed} seats: {Snapshot.National.Declared} declared, coloured by the winning party; awaiting seats are grey.")
        : string.Create(CultureInfo.InvariantCulture, $"Map of {(Area is { } a ? $"{a.TotalSeats} seats in {a.Name}: {a.Declared}" : $"{_layout.Placed} seats: {Snapshot.National.Declared}")} declared, coloured by {Mode.Label(Snapshot.Election).ToLowerInvariant()}; awaiting seats are grey.");

    protected override void OnParametersSet()
    {
        _layout = Cache.Layout(Snapshot.Election, ElectionContext.Hexmap);
        if (Mode.Kind == MapModeKind.Winner && Area is null)
        {
            _bands = _layout.Render(Snapshot);
            _viewBox = _layout.ViewBox;
            _outlines = _layout.Outlines(ChosenPart.Uk, null);
            _legend = Cache.Legend(Snapshot.National);
            return;
        }

        var area = Area;
        var (viewBox, cells) = _layout.Render(Snapshot, Mode, area is null ? null : area.Holds);
        (_viewBox, _bands) = (viewBox, [cells]);
        _outlines = _layout.Outlines(ChosenPart.Scope(area), area is null ? null : area.Holds);
        _legend = new MarkupString(Mode.Legend(Snapshot.Election, Snapshot.National));
    }

    // Only a new snapshot can change the map; a parent re-rendering for anything else costs nothing here.
    protected override bool ShouldRender()
    {
        if (ReferenceEquals(_rendered, Snapshot))
        {
            return false;
        }

        _rendered = Snapshot;
        return true;
    }
}
