using Microsoft.AspNetCore.Components;

using ResultsLive.Feed;

namespace ResultsLive.Web.Public;

/// <summary>The frame of every public page: masthead with the feed's mode (DEMO / TEST / LIVE), navigation, footer, and the live status that public.js keeps.</summary>
public sealed partial class PublicLayout
{
    private string _mode = "live";
    private string _electionName = "";
    private string _baselineName = "";

    [Inject]
    public required LiveResults Live { get; init; }

    private string ModeDescription => _mode switch
    {
        "demo" => "Demo: invented results from a synthetic election",
        "test" => "Test feed: not the real results",
        _ => "Live results",
    };

    protected override void OnInitialized()
    {
        // Mode, election and baseline are fixed for the life of the node: read once, no subscription needed.
        var snapshot = Live.Current;
        _mode = snapshot.Mode;
        _electionName = snapshot.Election.Name;
        _baselineName = snapshot.Election.Baseline.Name;
    }
}
