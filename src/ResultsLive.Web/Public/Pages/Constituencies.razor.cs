using Microsoft.AspNetCore.Components;

using ResultsLive.Feed;
using ResultsLive.Web.Shared.Live;
using ResultsLive.Web.Shared.Markup;

namespace ResultsLive.Web.Public.Pages;

/// <summary><c>/constituencies</c>: every seat with its status and winner, filtered by name as you type.</summary>
public sealed partial class Constituencies : IDisposable
{
    private IDisposable? _following;
    private string _query = "";
    private string? _matchedQuery;
    private Core.Model.Election? _matchedElection;
    private List<int> _matches = [];

    [Inject]
    public required LiveView Live { get; init; }

    [Inject]
    public required ResultsMarkup Markup { get; init; }

    private string Query
    {
        get => _query;
        set => _query = value ?? "";
    }

    public void Dispose() => _following?.Dispose();

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender)
        {
            _following = Live.Follow(() => InvokeAsync(StateHasChanged));
        }
    }

    /// <summary>Indexes of the seats whose name contains the query, in alphabetical order; only redone when the query changes.</summary>
    private List<int> Matches(LiveSnapshot snapshot)
    {
        var query = _query.Trim();
        if (_matchedQuery != query || !ReferenceEquals(_matchedElection, snapshot.Election))
        {
            var seats = snapshot.Election.Constituencies;
            _matches = [.. Enumerable.Range(0, seats.Count)
                .Where(i => query.Length == 0 || seats[i].Name.Contains(query, StringComparison.OrdinalIgnoreCase))
                .OrderBy(i => seats[i].Name, StringComparer.OrdinalIgnoreCase)];
            (_matchedQuery, _matchedElection) = (query, snapshot.Election);
        }

        return _matches;
    }
}
