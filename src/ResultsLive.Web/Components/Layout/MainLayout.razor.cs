using Microsoft.AspNetCore.Components;

using ResultsLive.Feed;

namespace ResultsLive.Web.Components.Layout;

/// <summary>The frame of every page: masthead with the feed's mode (DEMO / TEST / LIVE), navigation, footer, reconnect banner.</summary>
public sealed partial class MainLayout
{
    private string _mode = "live";
    private string _electionName = "";
    private string _baselineName = "";

    [Inject]
    public required LiveResults Live { get; init; }

    [Inject]
    public required NavigationManager Navigation { get; init; }

    private string ModeDescription => _mode switch
    {
        "demo" => "Demo: invented results from a synthetic election",
        "test" => "Test feed: not the real results",
        _ => "Live results",
    };

    // Plain links marked here rather than NavLink components: each NavLink is a component with its own render trees and a
    // LocationChanged subscription in every open page's circuit, for a class that the layout can work out as it renders
    // (the router re-renders the layout with each new page).
    private string Path => Navigation.ToBaseRelativePath(Navigation.Uri).Split('?', '#')[0];

    private bool IsResults => Path.Length == 0;

    private bool IsSeats => Path.Equals("constituencies", StringComparison.OrdinalIgnoreCase);

    private static string? Active(bool current) => current ? "active" : null;

    private static string? Current(bool current) => current ? "page" : null;

    protected override void OnInitialized()
    {
        // Mode, election and baseline are fixed for the life of the node: read once, no subscription needed.
        var snapshot = Live.Current;
        _mode = snapshot.Mode;
        _electionName = snapshot.Election.Name;
        _baselineName = snapshot.Election.Baseline.Name;
    }
}
