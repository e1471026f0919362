using System.Net.Http.Headers;

using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;

using Polly;

namespace ResultsLive.Web.Desk.Webhooks;

/// <summary>
/// Delivers each configured webhook's declarations at least once, in order per seat: retried with backoff until a 2xx, which
/// is then recorded and never resent. Seats are independent, so up to <see cref="DeskOptions.WebhookConcurrency"/> deliveries
/// (of different seats) are in flight at once; a seat's revisions go one after another. One node at a time delivers a
/// webhook (a lease in the ledger); if it dies, another takes the lease over and carries on from what was recorded.
/// </summary>
/// <remarks>
/// A receiver sees a delivery id again only when a node died between its 2xx and recording it; it drops the repeat by id.
/// A receiver that keeps failing holds up only its own webhook, and within it only the seat that failed.
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
        var renewEvery = settings.WebhookLease / 3;
        var inFlight = new Dictionary<string, Task<(DeskEntry Entry, DeliveryRecord Record)>>(StringComparer.Ordinal);
        var failures = new Dictionary<long, (int Count, DateTimeOffset RetryAt)>();
        Progress? progress = null;
        var renewedAt = DateTimeOffset.MinValue;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                var appended = log.Appended;
                var now = time.GetUtcNow();
                if (progress is null || now - renewedAt >= renewEvery)
                {
                    if (!await ledger.TryLeaseAsync(name, node.Name, settings.WebhookLease, ct).ConfigureAwait(false))
                    {
                        progress = null;
                        await Task.WhenAny([.. inFlight.Values, Task.Delay(renewEvery, time, ct)]).ConfigureAwait(false);
                        await HarvestAsync().ConfigureAwait(false);
                        continue;
                    }

                    renewedAt = now;
                    if (progress is null)
                    {
                        // Taking the lease: start from what the last holder recorded.
                        var recorded = await ledger.ProgressAsync(name, ct).ConfigureAwait(false);
                        progress = new Progress(recorded.Watermark, new HashSet<string>(recorded.Delivered, StringComparer.Ordinal));
                        failures.Clear();
                    }
                }

                Dispatch(progress, now);
                var soonest = failures.Count > 0 ? failures.Values.Min(f => f.RetryAt) - now : renewEvery;
                var wake = Task.Delay(TimeSpan.FromTicks(Math.Clamp(soonest.Ticks, TimeSpan.FromMilliseconds(1).Ticks, renewEvery.Ticks)), time, ct);
                await Task.WhenAny([.. inFlight.Values, appended, wake]).ConfigureAwait(false);
                await HarvestAsync().ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The ledger (Redis) is away: what was not recorded will be sent again; try shortly.
                LogLedgerFailed(ex, name);
                progress = null;
                await Task.Delay(settings.WebhookRetryDelay, time, ct).ConfigureAwait(false);
            }
        }

        // Starts deliveries in sequence order: a seat with a revision in flight or waiting for a retry holds its later ones back.
        void Dispatch(Progress state, DateTimeOffset now)
        {
            var held = new HashSet<string>(inFlight.Keys, StringComparer.Ordinal);
            foreach (var entry in log.After(state.Watermark))
            {
                if (inFlight.Count >= settings.WebhookConcurrency)
                {
                    break;
                }

                if (state.Delivered.Contains(WebhookPayloads.DeliveryId(entry, name)) || !Wanted(webhook, entry) || !held.Add(entry.Constituency))
                {
                    continue;
                }

                if (failures.TryGetValue(entry.Sequence, out var failure) && failure.RetryAt > now)
                {
                    continue;
                }

                inFlight[entry.Constituency] = DeliverAsync(client, pipeline, webhook, name, entry, ct);
            }
        }

        // Records each finished delivery (a 2xx as delivered) and moves the watermark over everything delivered or passed over.
        async Task HarvestAsync()
        {
            foreach (var (seat, task) in inFlight.Where(p => p.Value.IsCompleted).ToList())
            {
                inFlight.Remove(seat);
                var (entry, record) = await task.ConfigureAwait(false);
                if (progress is null)
                {
                    LogLeaseLost(name, entry.Sequence);
                    continue;
                }

                if (record.Delivered)
                {
                    progress.Delivered.Add(record.Id);
                    failures.Remove(entry.Sequence);
                }
                else
                {
                    var count = failures.GetValueOrDefault(entry.Sequence).Count + 1;
                    var delay = TimeSpan.FromTicks(Math.Min(settings.WebhookRetryDelay.Ticks << Math.Min(count, 10), LongestBackoff.Ticks));
                    failures[entry.Sequence] = (count, time.GetUtcNow() + delay);
                }

                var watermark = progress.Watermark;
                foreach (var next in log.After(watermark))
                {
                    if (!progress.Delivered.Contains(WebhookPayloads.DeliveryId(next, name)) && Wanted(webhook, next))
                    {
                        break;
                    }

                    watermark = next.Sequence;
                }

                if (await ledger.RecordAsync(name, node.Name, record, watermark, ct).ConfigureAwait(false))
                {
                    progress.Watermark = watermark;
                }
                else
                {
                    LogLeaseLost(name, entry.Sequence);
                    progress = null;
                }
            }
        }
    }

    private bool Wanted(WebhookOptions webhook, DeskEntry entry) => webhook.Filter.ToUpperInvariant() switch
    {
        "NOTABLE" => entry.IsNotable,
        "WATCHLIST" => desk.Current.Watches(entry.Constituency, entry.Seat.Constituency.Name, entry.Seat.Candidates.Select(c => c.Name)),
        _ => true,
    };

    private async Task<(DeskEntry Entry, DeliveryRecord Record)> DeliverAsync(
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
        if (!record.Delivered)
        {
            LogFailed(name, id, status, attempts);
        }

        return (entry, record);
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

    /// <summary>What this node has delivered while it holds the lease.</summary>
    private sealed class Progress(long watermark, HashSet<string> delivered)
    {
        public long Watermark { get; set; } = watermark;

        public HashSet<string> Delivered { get; } = delivered;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook {Webhook}: delivery {Id} got {Status} after {Attempts} attempts; it will be retried")]
    private partial void LogFailed(string webhook, string id, int status, int attempts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook {Webhook}: delivery {Id} could not reach the receiver: {Reason}")]
    private partial void LogUnreachable(string webhook, string id, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook {Webhook}: this node lost its lease before recording sequence {Sequence}; the new holder may send it again")]
    private partial void LogLeaseLost(string webhook, long sequence);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook {Webhook}: the delivery ledger is unavailable; retrying")]
    private partial void LogLedgerFailed(Exception ex, string webhook);
}
