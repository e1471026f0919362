using System.Diagnostics;
using System.Threading.Channels;

using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ResultsLive.Feed;

/// <summary>
/// Keeps a node's <see cref="LiveResults"/> in step with the journal: rebuilds it from the first entry on start, marks it
/// ready, then tails for ever. A journal error (Redis restarting, a network blip) is logged and retried with backoff from
/// the last applied sequence; the service only stops when the host does.
/// </summary>
public sealed partial class JournalConsumer : BackgroundService
{
    private const int RebuildPage = 1000;
    private const int TailBatch = 1000;
    private static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan LongestRetry = TimeSpan.FromSeconds(10);

    private readonly IDeclarationJournal _journal;
    private readonly LiveResults _live;
    private readonly ILogger<JournalConsumer> _logger;

    public JournalConsumer(IDeclarationJournal journal, LiveResults live, ILogger<JournalConsumer> logger)
    {
        ArgumentNullException.ThrowIfNull(journal);
        ArgumentNullException.ThrowIfNull(live);
        ArgumentNullException.ThrowIfNull(logger);
        _journal = journal;
        _live = live;
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var retry = FirstRetry;
        while (!stoppingToken.IsCancellationRequested)
        {
            var attempt = Stopwatch.GetTimestamp();
            try
            {
                if (!_live.IsCaughtUp)
                {
                    await RebuildAsync(stoppingToken).ConfigureAwait(false);
                }

                await TailAsync(() => retry = FirstRetry, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // A tail that was healthy for a while before failing starts the backoff afresh; one failing at once backs off further.
                if (Stopwatch.GetElapsedTime(attempt) > LongestRetry)
                {
                    retry = FirstRetry;
                }

                LogRetrying(_logger, ex, _live.Current.Sequence, retry.TotalMilliseconds);
                try
                {
                    await Task.Delay(retry, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                retry = TimeSpan.FromTicks(Math.Min(retry.Ticks * 2, LongestRetry.Ticks));
            }
        }
    }

    /// <summary>
    /// Follows the journal. Entries are read on one task and applied on this one: whatever arrived while the last ones were
    /// being applied is applied together, with one snapshot, so a burst of ingest costs one state per burst, not per entry.
    /// An isolated entry is still applied (and published) on its own, at once.
    /// </summary>
    private async Task TailAsync(Action applied, CancellationToken ct)
    {
        var pending = Channel.CreateUnbounded<JournalEntry>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        using var stopReading = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var reading = ReadIntoAsync(pending.Writer, stopReading.Token);
        try
        {
            var batch = new List<JournalEntry>(TailBatch);

            // WaitToReadAsync rethrows whatever ended the reading task, so a journal error reaches the retry loop.
            while (await pending.Reader.WaitToReadAsync(ct).ConfigureAwait(false))
            {
                batch.Clear();
                while (batch.Count < TailBatch && pending.Reader.TryRead(out var entry))
                {
                    batch.Add(entry);
                }

                if (batch.Count == 1)
                {
                    _live.Apply(batch[0]);
                }
                else
                {
                    _live.ApplyBatch(batch);
                }

                applied();
            }
        }
        finally
        {
            await stopReading.CancelAsync().ConfigureAwait(false);
            await reading.ConfigureAwait(false);
        }
    }

    private async Task ReadIntoAsync(ChannelWriter<JournalEntry> writer, CancellationToken ct)
    {
        try
        {
            await foreach (var entry in _journal.TailAsync(_live.Current.Sequence, ct).ConfigureAwait(false))
            {
                writer.TryWrite(entry);
            }

            writer.TryComplete();
        }
        catch (Exception ex)
        {
            writer.TryComplete(ex);
        }
    }

    /// <summary>Reads the journal in pages and applies each as one batch, so a restarted node publishes one state, not thousands.</summary>
    private async Task RebuildAsync(CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var page = new List<JournalEntry>(RebuildPage);
        do
        {
            page.Clear();
            await foreach (var entry in _journal.ReadAfterAsync(_live.Current.Sequence, RebuildPage, ct).ConfigureAwait(false))
            {
                page.Add(entry);
            }

            _live.ApplyBatch(page);
        }
        while (page.Count == RebuildPage);

        _live.MarkCaughtUp();
        var elapsed = Stopwatch.GetElapsedTime(started);
        LogCaughtUp(_logger, _live.Current.Sequence, elapsed.TotalMilliseconds);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Live results rebuilt from the journal up to sequence {Sequence} in {Milliseconds:0} ms")]
    private static partial void LogCaughtUp(ILogger logger, long sequence, double milliseconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "Reading the journal failed after sequence {Sequence}; retrying in {Milliseconds:0} ms")]
    private static partial void LogRetrying(ILogger logger, Exception exception, long sequence, double milliseconds);
}
