using System.Globalization;

using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ResultsLive.Feed;

/// <summary>
/// Readiness. Not ready (unhealthy) until this node has built its projection; from then on ready whatever Redis does, but
/// degraded while the journal does not answer (the node keeps serving its last figures, marked paused), while replicas do
/// not acknowledge entries, or while entries are quarantined (skipped the same way on every node). A Redis outage reaches
/// every node at once: taking them all out of the load balancer for it would turn paused figures into no figures at all.
/// </summary>
/// <remarks>What it reports is seen by anyone who can reach the probe: descriptions never carry exception text or addresses.</remarks>
public sealed class JournalHealthCheck(IDeclarationJournal journal, LiveResults live) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var health = await journal.CheckAsync(cancellationToken).ConfigureAwait(false);
        var current = live.Current;
        var link = live.Link;
        var data = new Dictionary<string, object>
        {
            ["kind"] = health.Kind,
            ["reachable"] = health.Reachable,
            ["epoch"] = health.Epoch ?? "",
            ["journalSequence"] = health.LastSequence,
            ["appliedEpoch"] = current.Epoch,
            ["appliedSequence"] = current.Sequence,
            ["quarantined"] = current.QuarantinedCount,
            ["lastHeard"] = link.LastHeard?.ToString("O", CultureInfo.InvariantCulture) ?? "",
        };

        if (!live.IsCaughtUp)
        {
            return HealthCheckResult.Unhealthy(
                health.Reachable ? $"rebuilding from the journal ({current.Sequence} of {health.LastSequence})" : "waiting for the journal to build the results",
                data: data);
        }

        if (!health.Reachable || !link.Connected)
        {
            return HealthCheckResult.Degraded(
                $"results paused: the journal is unreachable; serving the figures as of sequence {current.Sequence}", data: data);
        }

        if (health.Warning is { } warning)
        {
            return HealthCheckResult.Degraded(warning, data: data);
        }

        return current.QuarantinedCount > 0
            ? HealthCheckResult.Degraded(
                $"{current.QuarantinedCount} journal {(current.QuarantinedCount == 1 ? "entry" : "entries")} quarantined, the latest {current.Quarantined[^1].Sequence}: {current.Quarantined[^1].Reason}",
                data: data)
            : HealthCheckResult.Healthy(health.Description, data);
    }
}
