using Microsoft.Extensions.Options;

using ResultsLive.Core.Model;
using ResultsLive.Feed;
using ResultsLive.Web.Configuration;
using ResultsLive.Web.Ingest;

namespace ResultsLive.Web.Demo;

/// <summary>
/// Declares the synthetic election seat by seat on a timer, through the same ingest path as the API, so the demo
/// exercises everything a real night does: counting, the odd recount, corrections, and a finished map. While the journal
/// cannot take an entry (Redis away or failing over) it waits and sends the same one again, as any ingest client does,
/// rather than stop the host.
/// </summary>
public sealed partial class DemoNight(
    ElectionContext election,
    DeclarationIngest ingest,
    LiveResults live,
    IOptions<ResultsLiveOptions> options,
    TimeProvider time,
    ILogger<DemoNight> logger) : BackgroundService
{
    /// <summary>How many declarations ahead a seat is shown as counting.</summary>
    private const int CountingLead = 12;

    private static readonly TimeZoneInfo UkTime = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    /// <summary>As long as ingest's Retry-After tells an API client to wait.</summary>
    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(Api.JournalOutageHandler.RetryAfterSeconds);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await live.Ready.WaitAsync(stoppingToken).ConfigureAwait(false);
        var night = election.Loaded.Results;
        var interval = options.Value.Demo.Duration / Math.Max(1, night.Count);
        LogStarting(night.Count, interval.TotalMilliseconds);

        for (var i = 0; i < night.Count && !stoppingToken.IsCancellationRequested; i++)
        {
            var declaration = night[i];

            // On a restart (Redis keeps the journal) the night carries on where it was.
            if (live.Current.Seat(declaration.Constituency) is not null)
            {
                continue;
            }

            if (i + CountingLead < night.Count && live.Current.Status(night[i + CountingLead].Constituency) == SeatStatus.Awaiting)
            {
                var counting = night[i + CountingLead].Constituency;
                await UntilTakenAsync(() => ingest.SetStatusAsync(counting, SeatStatus.Counting, Provenance.Demo, stoppingToken), stoppingToken).ConfigureAwait(false);
            }

            if (i % 97 == 41)
            {
                await UntilTakenAsync(() => ingest.SetStatusAsync(declaration.Constituency, SeatStatus.Recount, Provenance.Demo, stoppingToken), stoppingToken).ConfigureAwait(false);
                await Task.Delay(interval / 2, time, stoppingToken).ConfigureAwait(false);
            }

            var now = TimeZoneInfo.ConvertTime(time.GetUtcNow(), UkTime);
            await UntilTakenAsync(() => ingest.DeclareAsync(declaration with { DeclaredAt = now }, Provenance.Demo, stoppingToken), stoppingToken).ConfigureAwait(false);

            // Now and then a returning officer corrects a figure: the seat is re-declared under revision 2.
            if (i % 113 == 57 && i > 0)
            {
                var earlier = night[i - 1];
                if (live.Current.Seat(earlier.Constituency) is { Revision: 1 } seat)
                {
                    var corrected = earlier with
                    {
                        Revision = 2,
                        DeclaredAt = now,
                        Candidates = [.. earlier.Candidates.Select((c, k) => k == earlier.Candidates.Count - 1 ? c with { Votes = c.Votes + 10 } : c)],
                    };
                    await UntilTakenAsync(() => ingest.DeclareAsync(corrected, Provenance.Demo, stoppingToken), stoppingToken).ConfigureAwait(false);
                    LogCorrection(seat.Constituency.Name);
                }
            }

            await Task.Delay(interval, time, stoppingToken).ConfigureAwait(false);
        }

        LogFinished(live.Current.National.Declared);
    }

    /// <summary>Sends one entry until the journal takes it: a resend of one that was stored after all is a harmless repeat.</summary>
    private async Task UntilTakenAsync(Func<Task> send, CancellationToken ct)
    {
        var waiting = false;
        while (true)
        {
            try
            {
                await send().ConfigureAwait(false);
                if (waiting)
                {
                    LogResumed();
                }

                return;
            }
            catch (Exception ex) when (ex is JournalUnavailableException or StackExchange.Redis.RedisException or TimeoutException)
            {
                if (!waiting)
                {
                    LogWaiting(ex);
                    waiting = true;
                }

                await Task.Delay(RetryAfter, time, ct).ConfigureAwait(false);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo night: declaring {Seats} seats, one every {IntervalMs:0} ms")]
    private partial void LogStarting(int seats, double intervalMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo night: corrected {Seat}")]
    private partial void LogCorrection(string seat);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Demo night: the journal is unavailable; waiting to send the next entry again")]
    private partial void LogWaiting(Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo night: the journal is back; carrying on")]
    private partial void LogResumed();

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo night finished with {Declared} seats declared")]
    private partial void LogFinished(int declared);
}
