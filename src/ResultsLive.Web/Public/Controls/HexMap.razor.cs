using System.Globalization;

using Microsoft.AspNetCore.Components;

using ResultsLive.Core.Model;
using ResultsLive.Feed;
using ResultsLive.Web.Configuration;

namespace ResultsLive.Web.Public.Controls;

/// <summary>The seats as server-rendered SVG hexagons, coloured by winning party, grey until declared, hatched in a recount.</summary>
public sealed partial class HexMap
{
    private HexMapLayout _layout = null!;
    private IReadOnlyList<MarkupString> _bands = [];
    private MarkupString _legend;
    private LiveSnapshot? _rendered;

    [Inject]
    public required ElectionContext ElectionContext { get; init; }

    [Inject]
    public required HexMapCache Cache { get; init; }

    [Parameter]
    [EditorRequired]
    public required LiveSnapshot Snapshot { get; set; }

    private string AriaLabel => string.Create(
        CultureInfo.InvariantCulture,
        $"Map of {_layout.Placed} seats: {Snapshot.National.Declared} declared, coloured by the winning party; awaiting seats are grey.");

    protected override void OnParametersSet()
    {
        _layout = Cache.Layout(Snapshot.Election, ElectionContext.Hexmap);
        _bands = _layout.Render(Snapshot);
        _legend = Cache.Legend(Snapshot.National);
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
