using System.Net.Http.Headers;

using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;

using Polly;

namespace ResultsLive.Web.Desk.Webhooks;

/// <summary>
/// Delivers each configured webhook's declarations in sequence order (so in order per seat), at least once: retried with
/// backoff until a 2xx, which is then recorded and never resent. One node at a time delivers a webhook (a lease in the
/// ledger); if it dies, another takes the lease over and carries on from the last recorded delivery.
/// </summary>
/// <remarks>
/// A receiver may see a delivery id again only when a node died between its 2xx and recording it; it drops the repeat by id.
/// A receiver that keeps failing holds up only its own webhook: each has its own loop, lease and cursor.
/// </remarks>
public sealed partial class WebhookDispatcher(
    DeskLog log,
    IDeskStore desk,
    IWebhookLedger ledger,
    IHttpClientFactory http,
    IOptions<DeskOptions> options,
    DeskNode node,
    TimeProvider time,
    ILogger<WebhookDispatcher> logger) : BackgroundService
{
    public const string HttpClientName = "ResultsLive.Webhooks";

    private static readonly TimeSpan LongestBackoff = TimeSpan.FromSeconds(30);

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var webhooks = options.Value.Webhooks;
        return Task.WhenAll(Enumerable.Range(0, webhooks.Count).Select(i => RunAsync(i, stoppingToken)));
    }

    private async Task RunAsync(int index, CancellationToken ct)
    {
        var settings = options.Value;
        var webhook = settings.Webhooks[index];
        var name = DeskOptionsValidator.WebhookName(settings, index);
        var pipeline = Pipeline(settings);
        var client = http.CreateClient(HttpClientName);
        var backoff = settings.WebhookRetryDelay;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                var appended = log.Appended;
                if (!await ledger.TryLeaseAsync(name, node.Name, settings.WebhookLease, ct).ConfigureAwait(false))
                {
                    await Task.Delay(settings.WebhookLease / 3, time, ct).ConfigureAwait(false);
                    continue;
                }

                var cursor = await ledger.CursorAsync(name, ct).ConfigureAwait(false);
                var pending = log.After(cursor);
                var next = pending.FirstOrDefault(e => Wanted(webhook, e));
                if (next is null)
                {
                    // Entries the filter passes over count as done, so a restart does not look at them again.
                    if (pending.Count > 0)
                    {
                        await ledger.AdvanceAsync(name, node.Name, pending[^1].Sequence, ct).ConfigureAwait(false);
                    }

                    // Wake for the next declaration, or in time to renew the lease.
                    await Task.WhenAny(appended, Task.Delay(settings.WebhookLease / 3, time, ct)).ConfigureAwait(false);
                    continue;
                }

                if (await DeliverAsync(client, pipeline, webhook, name, next, ct).ConfigureAwait(false))
                {
                    backoff = settings.WebhookRetryDelay;
                    if (!await ledger.AdvanceAsync(name, node.Name, next.Sequence, ct).ConfigureAwait(false))
                    {
                        LogLeaseLost(name, next.Sequence);
                    }
                }
                else
                {
                    await Task.Delay(backoff, time, ct).ConfigureAwait(false);
                    backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, LongestBackoff.Ticks));
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The ledger (Redis) is away: nothing is recorded, so nothing is lost; try again shortly.
                LogLedgerFailed(ex, name);
                await Task.Delay(backoff, time, ct).ConfigureAwait(false);
            }
        }
    }

    private bool Wanted(WebhookOptions webhook, DeskEntry entry) => webhook.Filter.ToUpperInvariant() switch
    {
        "NOTABLE" => entry.IsNotable,
        "WATCHLIST" => desk.Current.Watches(entry.Constituency, entry.Seat.Constituency.Name, entry.Seat.Candidates.Select(c => c.Name)),
        _ => true,
    };

    private async Task<bool> DeliverAsync(
        HttpClient client, ResiliencePipeline<HttpResponseMessage> pipeline, WebhookOptions webhook, string name, DeskEntry entry, CancellationToken ct)
    {
        var id = WebhookPayloads.DeliveryId(entry, name);
        var body = WebhookPayloads.Body(webhook.Format, entry, id);
        var signature = WebhookPayloads.Signature(webhook.Secret!, body);
        var attempts = 0;
        var status = 0;
        try
        {
            using var response = await pipeline.ExecuteAsync(
                async token =>
                {
                    attempts++;
                    using var request = new HttpRequestMessage(HttpMethod.Post, webhook.Url) { Content = new ByteArrayContent(body) };
                    request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
                    request.Headers.Add(WebhookPayloads.DeliveryHeader, id);
                    request.Headers.Add(WebhookPayloads.SignatureHeader, signature);
                    return await client.SendAsync(request, token).ConfigureAwait(false);
                },
                ct).ConfigureAwait(false);
            status = (int)response.StatusCode;
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutException or Polly.Timeout.TimeoutRejectedException
                                       || (ex is OperationCanceledException && !ct.IsCancellationRequested))
        {
            LogUnreachable(name, id, ex.Message);
        }

        var record = new DeliveryRecord(id, name, entry.Constituency, entry.Revision, entry.Sequence, status, attempts, node.Name, time.GetUtcNow());
        await ledger.LogAsync(record, ct).ConfigureAwait(false);
        if (!record.Delivered)
        {
            LogFailed(name, id, status, attempts);
        }

        return record.Delivered;
    }

    private static ResiliencePipeline<HttpResponseMessage> Pipeline(DeskOptions settings) =>
        new ResiliencePipelineBuilder<HttpResponseMessage>()
            .AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = settings.WebhookRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = settings.WebhookRetryDelay,
                MaxDelay = LongestBackoff,
            })
            .AddTimeout(settings.WebhookTimeout)
            .Build();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook {Webhook}: delivery {Id} got {Status} after {Attempts} attempts; it will be retried")]
    private partial void LogFailed(string webhook, string id, int status, int attempts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook {Webhook}: delivery {Id} could not reach the receiver: {Reason}")]
    private partial void LogUnreachable(string webhook, string id, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook {Webhook}: this node lost its lease before recording delivery of sequence {Sequence}; the new holder may send it again")]
    private partial void LogLeaseLost(string webhook, long sequence);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook {Webhook}: the delivery ledger is unavailable; retrying")]
    private partial void LogLedgerFailed(Exception ex, string webhook);
}
