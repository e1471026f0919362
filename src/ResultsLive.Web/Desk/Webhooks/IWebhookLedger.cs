namespace ResultsLive.Web.Desk.Webhooks;

/// <summary>One delivery attempt's outcome, as the desk's delivery log shows it.</summary>
/// <param name="Status">The receiver's HTTP status, or 0 when it could not be reached.</param>
public sealed record DeliveryRecord(string Id, string Webhook, string Constituency, int Revision, long Sequence, int Status, int Attempts, string Node, DateTimeOffset At)
{
    public bool Delivered => Status is >= 200 and < 300;
}

/// <summary>
/// What webhook delivery must share between nodes: which node may deliver (a lease), how far each webhook has been
/// delivered (recorded only by the lease holder, after a 2xx), and the log of deliveries.
/// </summary>
public interface IWebhookLedger
{
    /// <summary>Takes or renews the webhook's lease for <paramref name="node"/>; false while another node holds it.</summary>
    Task<bool> TryLeaseAsync(string webhook, string node, TimeSpan ttl, CancellationToken ct);

    /// <summary>The last sequence delivered (or passed over by the filter) for the webhook; 0 before any.</summary>
    Task<long> CursorAsync(string webhook, CancellationToken ct);

    /// <summary>Records the cursor only while <paramref name="node"/> still holds the lease; false if it had lost it.</summary>
    Task<bool> AdvanceAsync(string webhook, string node, long sequence, CancellationToken ct);

    Task LogAsync(DeliveryRecord record, CancellationToken ct);

    /// <summary>The latest deliveries, newest first.</summary>
    Task<IReadOnlyList<DeliveryRecord>> RecentAsync(int max, CancellationToken ct);
}
