using Microsoft.AspNetCore.SignalR;

using ResultsLive.Core.Contracts;
using ResultsLive.Feed;
using ResultsLive.Web.Api;
using ResultsLive.Web.Configuration;

namespace ResultsLive.Web.Hubs;

/// <summary>
/// The push feed for external clients (graphics renderers, live blogs, <c>resultslive watch</c>) at <c>/hubs/results</c>.
/// Clients subscribe to a scope, get a snapshot with its sequence, then every change after it.
/// </summary>
public sealed class ResultsHub(LiveResults live, ElectionContext election, HubConnectionCount connections) : Hub<IResultsClient>
{
    public const string Path = "/hubs/results";

    private const int MaxEntriesPerCall = 1000;

    public override Task OnConnectedAsync()
    {
        connections.Connected();
        return base.OnConnectedAsync();
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        connections.Disconnected();
        return base.OnDisconnectedAsync(exception);
    }

    /// <summary>Joins a scope's group and returns the state as of now; anything pushed after it has a higher sequence.</summary>
    public async Task<SubscriptionSnapshot> Subscribe(string scope)
    {
        var parsed = SubscriptionScope.Parse(scope, election.Election)
            ?? throw new HubException($"unknown scope '{scope}': use national, constituency:{{code}}, region:{{name}} or alerts");

        // Join first, then read: a change between the two is both in the snapshot and pushed, never in neither.
        await Groups.AddToGroupAsync(Context.ConnectionId, parsed.Group).ConfigureAwait(false);
        return Snapshot(parsed);
    }

    public Task Unsubscribe(string scope)
    {
        var parsed = SubscriptionScope.Parse(scope, election.Election) ?? throw new HubException($"unknown scope '{scope}'");
        return Groups.RemoveFromGroupAsync(Context.ConnectionId, parsed.Group);
    }

    /// <summary>The national state and every seat's status, as of the returned sequence.</summary>
    public SubscriptionSnapshot GetSnapshot() => Snapshot(new SubscriptionScope(SubscriptionScope.National, null));

    /// <summary>
    /// Journal entries after <paramref name="sequence"/> (at most 1,000 a call), for a client that saw a gap: what this
    /// node's projection made of them, as <c>GET /api/v1/declarations</c> serves them.
    /// </summary>
    public IReadOnlyList<JournalEntryDto> GetDeclarationsAfter(long sequence)
    {
        if (sequence < 0)
        {
            throw new HubException("sequence must be 0 or more");
        }

        var snapshot = live.Current;
        return [.. snapshot.EntriesAfter(sequence, MaxEntriesPerCall).Select(e => ResultsApi.ToDto(snapshot.Election, e))];
    }

    private SubscriptionSnapshot Snapshot(SubscriptionScope scope)
    {
        var current = live.Current;
        var election = current.Election;
        var constituency = scope.Kind == "constituency" ? election.FindConstituency(scope.Value!) : null;

        // A region's seats come with its snapshot; the national one carries no seat list (650 summaries would make every
        // connect 90 KB): a client that wants them all reads GET /api/v1/constituencies once.
        IReadOnlyList<ConstituencySummaryDto> seats = scope.Kind != "region" ? [] :
            [.. election.Constituencies.Select((c, i) => (Seat: c, Index: i))
                .Where(x => x.Seat.Region == scope.Value)
                .Select(x => ResultsContract.Summary(x.Seat, current.Statuses[x.Index], current.Seats[x.Index]))];
        return new SubscriptionSnapshot(
            current.Sequence,
            scope.Group,
            ResultsContract.National(election, current.National, current.Mode, current.Sequence),
            seats,
            constituency is null ? null : ResultsContract.Detail(election, constituency, current.Status(constituency.Code), current.Seat(constituency.Code)));
    }
}
