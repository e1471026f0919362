using ResultsLive.Feed;
using ResultsLive.Web.Components.Live;

namespace ResultsLive.Web.Components.Pages;

/// <summary><c>/constituencies</c>: every seat with its status and winner, filtered by name as you type.</summary>
public sealed partial class Constituencies : LiveComponentBase
{
    private string _query = "";
    private string? _matchedQuery;
    private Core.Model.Election? _matchedElection;
    private List<int> _matches = [];

    private string Query
    {
        get => _query;
        set => _query = value ?? "";
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
