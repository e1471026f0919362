using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ResultsLive.Feed;

/// <summary>Unhealthy while the journal does not answer, degraded while this node is still rebuilding or behind it.</summary>
public sealed class JournalHealthCheck(IDeclarationJournal journal, LiveResults live) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var health = await journal.CheckAsync(cancellationToken).ConfigureAwait(false);
        var applied = live.Current.Sequence;
        var data = new Dictionary<string, object>
        {
            ["kind"] = health.Kind,
            ["journalSequence"] = health.LastSequence,
            ["appliedSequence"] = applied,
        };

        if (!health.Reachable)
        {
            return HealthCheckResult.Unhealthy(health.Description, data: data);
        }

        return !live.IsCaughtUp
            ? HealthCheckResult.Degraded($"rebuilding from the journal ({applied} of {health.LastSequence})", data: data)
            : HealthCheckResult.Healthy(health.Description, data);
    }
}
