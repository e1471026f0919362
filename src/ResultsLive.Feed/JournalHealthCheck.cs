using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ResultsLive.Feed;

/// <summary>
/// Unhealthy while the journal does not answer; degraded while this node is still rebuilding or has quarantined entries
/// (still ready: a bad entry is skipped the same way on every node, so dropping this one would help nobody).
/// </summary>
public sealed class JournalHealthCheck(IDeclarationJournal journal, LiveResults live) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var health = await journal.CheckAsync(cancellationToken).ConfigureAwait(false);
        var current = live.Current;
        var data = new Dictionary<string, object>
        {
            ["kind"] = health.Kind,
            ["epoch"] = health.Epoch ?? "",
            ["journalSequence"] = health.LastSequence,
            ["appliedEpoch"] = current.Epoch,
            ["appliedSequence"] = current.Sequence,
            ["quarantined"] = current.QuarantinedCount,
        };

        if (!health.Reachable)
        {
            return HealthCheckResult.Unhealthy(health.Description, data: data);
        }

        if (!live.IsCaughtUp)
        {
            return HealthCheckResult.Degraded($"rebuilding from the journal ({current.Sequence} of {health.LastSequence})", data: data);
        }

        return current.QuarantinedCount > 0
            ? HealthCheckResult.Degraded(
                $"{current.QuarantinedCount} journal {(current.QuarantinedCount == 1 ? "entry" : "entries")} quarantined, the latest {current.Quarantined[^1].Sequence}: {current.Quarantined[^1].Reason}",
                data: data)
            : HealthCheckResult.Healthy(health.Description, data);
    }
}
