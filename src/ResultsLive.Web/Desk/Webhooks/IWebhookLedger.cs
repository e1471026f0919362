namespace ResultsLive.Web.Desk.Webhooks;

/// <summary>One delivery attempt's outcome, as the desk's delivery log shows it.</summary>
/// <param name="Status">The receiver's HTTP status, or 0 when it could not be reached.</param>
public sealed record DeliveryRecord(string Id, string Webhook, string Constituency, int Revision, long Sequence, int Status, int Attempts, string Node, DateTimeOffset At)
{
    public bool Delivered => Status is >= 200 and < 300;
}

/// <summary>How far a webhook has been delivered: every sequence up to <see cref="Watermark"/>, and these ids beyond it.</summary>
public sealed record DeliveryProgress(long Watermark, IReadOnlySet<string> Delivered);

/// <summary>
/// What webhook delivery shares between nodes: which node may deliver (a lease), what has been delivered (recorded only by
/// the lease holder, after a 2xx, and never sent again), and the log of attempts.
/// </summary>
public interface IWebhookLedger
{
    /// <summary>Takes or renews the webhook's lease for <paramref name="node"/>; false while another node holds it.</summary>
    Task<bool> TryLeaseAsync(string webhook, string node, TimeSpan ttl, CancellationToken ct);

    /// <summary>What has been delivered so far, read by a node when it takes the lease.</summary>
    Task<DeliveryProgress> ProgressAsync(string webhook, CancellationToken ct);

    /// <summary>
    /// In one step, only while <paramref name="node"/> holds the lease: logs the attempt, records a 2xx as delivered, and
    /// moves the watermark forward to <paramref name="watermark"/>. False if the lease had been lost (nothing recorded).
    /// </summary>
    Task<bool> RecordAsync(string webhook, string node, DeliveryRecord record, long watermark, CancellationToken ct);

    /// <summary>The latest attempts, newest first.</summary>
    Task<IReadOnlyList<DeliveryRecord>> RecentAsync(int max, CancellationToken ct);
}
