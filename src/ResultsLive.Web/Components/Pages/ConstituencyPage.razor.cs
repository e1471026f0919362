using Microsoft.AspNetCore.Components;

using ResultsLive.Core.Model;
using ResultsLive.Feed;
using ResultsLive.Web.Components.Live;

namespace ResultsLive.Web.Components.Pages;

/// <summary><c>/constituency/{code}</c>: one seat, live: its result in full once declared, its candidates and baseline before.</summary>
public sealed partial class ConstituencyPage : LiveComponentBase
{
    private Constituency? _constituency;

    [Inject]
    public required NavigationManager Navigation { get; init; }

    [Parameter]
    public string Code { get; set; } = "";

    protected override void OnParametersSet()
    {
        _constituency = Snapshot.Election.FindConstituency(Code);
        if (_constituency is null)
        {
            // A real 404 on the first response (and the not-found page), not a 200 that says "not found".
            Navigation.NotFound();
        }
    }

    protected override bool IsRelevant(LiveChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var code = change.Entry.Declaration?.Constituency ?? change.Entry.Constituency;
        return _constituency is not null && string.Equals(code, _constituency.Code, StringComparison.OrdinalIgnoreCase);
    }
}
