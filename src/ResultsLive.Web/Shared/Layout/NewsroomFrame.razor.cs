using Microsoft.AspNetCore.Components;

using ResultsLive.Feed;

namespace ResultsLive.Web.Shared.Layout;

/// <summary>The newsroom surfaces' shared frame; <c>AdminLayout</c>, <c>DeskLayout</c> and <c>OperatorLayout</c> fill it in.</summary>
public sealed partial class NewsroomFrame
{
    private string _mode = "live";

    [Inject]
    public required LiveResults Live { get; init; }

    /// <summary>The surface's name, shown beside the brand and naming its navigation.</summary>
    [Parameter, EditorRequired]
    public required string Surface { get; set; }

    [Parameter, EditorRequired]
    public required IReadOnlyList<SurfaceLink> Links { get; set; }

    [Parameter]
    public RenderFragment? ChildContent { get; set; }

    // The mode is fixed for the life of the node: read once.
    protected override void OnInitialized() => _mode = Live.Current.Mode;
}
