using Microsoft.Extensions.Options;

using ResultsLive.Core.Model;
using ResultsLive.Feed;
using ResultsLive.Web.Configuration;
using ResultsLive.Web.Ingest;

namespace ResultsLive.Web.Demo;

/// <summary>
/// Declares the synthetic election seat by seat on a timer, through the same ingest path as the API, so the demo
/// exercises everything a real night does: counting, the odd recount, corrections, and a finished map.
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
                await ingest.SetStatusAsync(night[i + CountingLead].Constituency, SeatStatus.Counting, Provenance.Demo, stoppingToken).ConfigureAwait(false);
            }

            if (i % 97 == 41)
            {
                await ingest.SetStatusAsync(declaration.Constituency, SeatStatus.Recount, Provenance.Demo, stoppingToken).ConfigureAwait(false);
                await Task.Delay(interval / 2, time, stoppingToken).ConfigureAwait(false);
            }

            var now = TimeZoneInfo.ConvertTime(time.GetUtcNow(), UkTime);
            await ingest.DeclareAsync(declaration with { DeclaredAt = now }, Provenance.Demo, stoppingToken).ConfigureAwait(false);

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
                    await ingest.DeclareAsync(corrected, Provenance.Demo, stoppingToken).ConfigureAwait(false);
                    LogCorrection(seat.Constituency.Name);
                }
            }

            await Task.Delay(interval, time, stoppingToken).ConfigureAwait(false);
        }

        LogFinished(live.Current.National.Declared);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo night: declaring {Seats} seats, one every {IntervalMs:0} ms")]
    private partial void LogStarting(int seats, double intervalMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo night: corrected {Seat}")]
    private partial void LogCorrection(string seat);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo night finished with {Declared} seats declared")]
    private partial void LogFinished(int declared);
}
