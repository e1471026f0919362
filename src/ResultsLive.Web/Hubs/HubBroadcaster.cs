using Microsoft.AspNetCore.SignalR;

using ResultsLive.Core.Contracts;
using ResultsLive.Core.Model;
using ResultsLive.Feed;

namespace ResultsLive.Web.Hubs;

/// <summary>
/// Pushes this node's projection changes to this node's hub clients. Every node tails the journal itself, so each sends
/// only to its own connections; that is why <see cref="ResultsHub"/> has no Redis backplane (through one every node would
/// send every change to every client, once per node). A client that stops reading holds up nobody else (<see cref="HubFanOut"/>).
/// </summary>
public sealed partial class HubBroadcaster(
    LiveResults live, IHubContext<ResultsHub, IResultsClient> hub, HubConnectionCount connections, ILogger<HubBroadcaster> logger) : BackgroundService
{
    private readonly HubFanOut _fanOut = new(logger);

    /// <summary>Pushes some connection has yet to take (<see cref="HubFanOut.Pending"/>).</summary>
    internal int PendingPushes => _fanOut.Pending;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await foreach (var change in live.SubscribeAsync(stoppingToken).ConfigureAwait(false))
                {
                    await _fanOut.SentAsync(SendAsync(change)).ConfigureAwait(false);
                }
            }
            catch (SubscriberLaggedException)
            {
                // Clients see the gap in sequences and resync; this node carries on from now.
                LogLagged();
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private Task SendAsync(LiveChange change)
    {
        if (change.Entry.Kind == JournalEntryKind.ExitPoll)
        {
            return SendExitPollAsync(change);
        }

        // A quarantined entry has no message: it reaches clients as a gap in sequences, which GetDeclarationsAfter fills.
        var seat = change.Entry.Kind is JournalEntryKind.Declaration or JournalEntryKind.Status
            ? change.Snapshot.Election.FindConstituency(change.Entry.Constituency)
            : null;
        if (seat is null || connections.Current == 0)
        {
            return Task.CompletedTask;
        }

        IReadOnlyList<string> groups =
        [
            SubscriptionScope.NationalGroup, SubscriptionScope.ConstituencyGroup(seat.Code), SubscriptionScope.RegionGroup(seat.Region),
        ];
        if (change.Entry.Kind == JournalEntryKind.Declaration && change.Seat is { } result)
        {
            var snapshot = change.Snapshot;

            // Built once per change, whatever the number of clients: serialisation is per protocol, not per connection.
            var message = new DeclaredMessage(
                change.Sequence,
                result.Text,
                ResultsContract.Detail(snapshot.Election, seat, SeatStatus.Declared, result),
                ResultsContract.National(snapshot.Election, snapshot.National, snapshot.Mode, snapshot.Sequence));
            return hub.Clients.Groups(groups).Declared(message);
        }

        return hub.Clients.Groups(groups).StatusChanged(new StatusChangedMessage(change.Sequence, seat.Code, ResultsContract.StatusName(change.Status)));
    }

    /// <summary>
    /// The exit poll goes to every client, whatever it follows: it is the night's national forecast. What the projection
    /// applied is sent (it may have quarantined the entry, which then has no message, like any other).
    /// </summary>
    private Task SendExitPollAsync(LiveChange change)
    {
        var applied = change.Snapshot.EntriesAfter(change.Sequence - 1, 1);
        if (connections.Current == 0 || applied is not [{ Kind: JournalEntryKind.ExitPoll, ExitPoll: { } exitPoll }])
        {
            return Task.CompletedTask;
        }

        return hub.Clients.All.ExitPoll(ExitPollMessage.From(change.Sequence, ResultsContract.ExitPoll(exitPoll)!));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Hub broadcaster fell behind the projection; clients will resync by sequence")]
    private partial void LogLagged();
}
