using Microsoft.AspNetCore.SignalR;

using ResultsLive.Core.Desk;
using ResultsLive.Web.Hubs;

namespace ResultsLive.Web.Desk;

/// <summary>
/// Pushes what happens on the desk to this node's hub clients: each new notable declaration to <see cref="ResultsHub"/>'s
/// <c>alerts</c> subscribers (public, as <c>GET /api/v1/alerts</c>), notable and watched ones to editors on <see cref="DeskHub"/>,
/// and every desk change (claims, marks, the watch list) to editors. Each node pushes to its own connections.
/// </summary>
public sealed class DeskBroadcaster(
    DeskLog log, IDeskStore desk, IHubContext<ResultsHub, IResultsClient> results, IHubContext<DeskHub, IDeskClient> editors, ILogger<DeskBroadcaster> logger)
    : BackgroundService
{
    // One fan-out for both hubs: pushes leave in the desk log's order, and none waits for a client that stopped reading.
    private readonly HubFanOut _fanOut = new(logger);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        desk.Changed += OnDeskChanged;
        try
        {
            await log.Live.WaitAsync(stoppingToken).ConfigureAwait(false);
            await foreach (var entry in log.ReadAsync(log.LiveFrom, stoppingToken).ConfigureAwait(false))
            {
                if (entry.Sequence <= log.LiveFrom)
                {
                    continue;
                }

                var watched = desk.Current.Watches(entry.Constituency, entry.Seat.Constituency.Name, entry.Seat.Candidates.Select(c => c.Name));
                if (entry.IsNotable)
                {
                    await _fanOut.SentAsync(results.Clients.Group(SubscriptionScope.AlertsGroup).Alert(AlertDto.From(entry))).ConfigureAwait(false);
                }

                if (entry.IsNotable || watched)
                {
                    var alert = AlertDto.From(entry);
                    if (watched)
                    {
                        alert = alert with { Reasons = [.. alert.Reasons, new ReasonDto(NotableKinds.Name(NotableKind.Watched), $"{entry.Seat.Constituency.Name} is on the watch list.")] };
                    }

                    await _fanOut.SentAsync(editors.Clients.Group(DeskHub.EditorsGroup).Alert(alert)).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
        finally
        {
            desk.Changed -= OnDeskChanged;
        }
    }

    // Fire and forget: a store event must not wait on the network.
    private void OnDeskChanged(DeskState state, DeskNotice notice) => _ = editors.Clients.Group(DeskHub.EditorsGroup).DeskChanged(notice);
}
