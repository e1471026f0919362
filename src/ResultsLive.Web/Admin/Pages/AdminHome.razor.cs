using Microsoft.AspNetCore.Components;

using ResultsLive.Feed;
using ResultsLive.Web.Shared.Live;

namespace ResultsLive.Web.Admin.Pages;

/// <summary><c>/admin</c>: the admin's tools, and the journal entries the projection quarantined (newest first), kept up to date.</summary>
public sealed partial class AdminHome : IDisposable
{
    private IDisposable? _following;
    private int _shownCount;

    [Inject]
    public required LiveView Live { get; init; }

    public void Dispose() => _following?.Dispose();

    protected override void OnAfterRender(bool firstRender)
    {
        _shownCount = Live.Snapshot.QuarantinedCount;
        if (firstRender)
        {
            // Declarations do not change this page; a quarantined entry or the exit poll does.
            _following = Live.Follow(
                () => InvokeAsync(StateHasChanged),
                change => change.Snapshot.QuarantinedCount != _shownCount || change.Entry.Kind == JournalEntryKind.ExitPoll);
        }
    }
}
