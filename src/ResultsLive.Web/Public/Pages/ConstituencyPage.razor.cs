using Microsoft.AspNetCore.Components;

using ResultsLive.Core.Model;
using ResultsLive.Feed;
using ResultsLive.Web.Shared.Charts;
using ResultsLive.Web.Shared.Live;
using ResultsLive.Web.Shared.Markup;

namespace ResultsLive.Web.Public.Pages;

/// <summary><c>/constituency/{code}</c>: one seat, live: its result in full once declared, its candidates and baseline before.</summary>
public sealed partial class ConstituencyPage : IDisposable
{
    private Constituency? _constituency;
    private IDisposable? _following;

    [Inject]
    public required LiveView Live { get; init; }

    [Inject]
    public required ResultsMarkup Markup { get; init; }

    [Inject]
    public required ResultsCharts Charts { get; init; }

    [Inject]
    public required NavigationManager Navigation { get; init; }

    [Parameter]
    public string Code { get; set; } = "";

    public void Dispose() => _following?.Dispose();

    protected override void OnParametersSet()
    {
        _constituency = Live.Snapshot.Election.FindConstituency(Code);
        if (_constituency is null)
        {
            // A real 404 on the first response (and the not-found page), not a 200 that says "not found".
            Navigation.NotFound();
        }
    }

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender)
        {
            // Only this seat's entries change what the page shows.
            _following = Live.Follow(() => InvokeAsync(StateHasChanged), IsThisSeat);
        }
    }

    private bool IsThisSeat(LiveChange change)
    {
        var code = change.Entry.Declaration?.Constituency ?? change.Entry.Constituency;
        return _constituency is not null && string.Equals(code, _constituency.Code, StringComparison.OrdinalIgnoreCase);
    }
}
