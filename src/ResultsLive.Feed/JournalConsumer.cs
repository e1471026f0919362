using System.Diagnostics;
using System.Threading.Channels;

using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ResultsLive.Feed;

/// <summary>
/// Keeps a node's <see cref="LiveResults"/> in step with the journal: rebuilds it from the first entry on start, marks it
/// ready, then tails for ever. A journal error (Redis restarting, a network blip) is logged and retried with backoff from
/// the last applied sequence; a journal that is no longer the one applied (a new epoch, or fewer entries than applied)
/// makes it rebuild from the start. The service only stops when the host does.
/// </summary>
public sealed partial class JournalConsumer : BackgroundService
{
    private const int RebuildPage = 1000;
    private const int TailBatch = 1000;
    private static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan LongestRetry = TimeSpan.FromSeconds(10);

    /// <summary>How long a replaced journal (deleted, restored, another epoch) can go unnoticed by a node that is following it.</summary>
    private static readonly TimeSpan PositionCheck = TimeSpan.FromSeconds(1);

    private readonly IDeclarationJournal _journal;
    private readonly LiveResults _live;
    private readonly ILogger<JournalConsumer> _logger;
    private readonly TimeProvider _time;

    public JournalConsumer(IDeclarationJournal journal, LiveResults live, ILogger<JournalConsumer> logger)
        : this(journal, live, logger, TimeProvider.System)
    {
    }

    public JournalConsumer(IDeclarationJournal journal, LiveResults live, ILogger<JournalConsumer> logger, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(journal);
        ArgumentNullException.ThrowIfNull(live);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(time);
        _journal = journal;
        _live = live;
        _logger = logger;
        _time = time;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var retry = FirstRetry;
        var rebuild = !_live.IsCaughtUp;
        while (!stoppingToken.IsCancellationRequested)
        {
            var attempt = Stopwatch.GetTimestamp();
            try
            {
                if (rebuild)
                {
                    await RebuildAsync(stoppingToken).ConfigureAwait(false);
                    rebuild = false;
                }

                await TailAsync(() => retry = FirstRetry, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (JournalReplacedException ex)
            {
                // Not a failure to back off from: the journal answers, it is just not the one this node applied.
                LogReplaced(_logger, ex.Message);
                rebuild = true;
                retry = FirstRetry;
            }
            catch (Exception ex)
            {
                // The figures stay as they are, and every live surface now says they are paused.
                _live.MarkLost(_time.GetUtcNow());

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
    /// <remarks>
    /// Every (re)start of the tail, and every second while it runs, checks that the journal is still the one applied
    /// (<see cref="CheckPositionAsync"/>); if not, the tail ends with <see cref="JournalReplacedException"/> and the node rebuilds.
    /// </remarks>
    private async Task TailAsync(Action applied, CancellationToken ct)
    {
        await CheckPositionAsync(ct).ConfigureAwait(false);
        var pending = Channel.CreateUnbounded<JournalEntry>(new UnboundedChannelOptions { SingleReader = true });
        using var stopReading = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var reading = ReadIntoAsync(pending.Writer, stopReading.Token);
        var watching = WatchPositionAsync(pending.Writer, stopReading.Token);
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
                _live.MarkHeard(_time.GetUtcNow());
            }
        }
        finally
        {
            await stopReading.CancelAsync().ConfigureAwait(false);
            await reading.ConfigureAwait(false);
            await watching.ConfigureAwait(false);
        }
    }

    /// <summary>Checks the journal's position every second; ends the tail (through its channel) when it is replaced or unreachable.</summary>
    private async Task WatchPositionAsync(ChannelWriter<JournalEntry> writer, CancellationToken ct)
    {
        try
        {
            while (true)
            {
                await Task.Delay(PositionCheck, ct).ConfigureAwait(false);
                await CheckPositionAsync(ct).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            writer.TryComplete(ex);
        }
    }

    /// <summary>
    /// Throws <see cref="JournalReplacedException"/> when the journal has another epoch than the one applied, or has fewer
    /// entries than were applied (deleted, or Redis restored from an older copy). In the second case the journal is first
    /// given a new epoch, so the sequence numbers it is about to reuse are never addressed under the old one.
    /// </summary>
    private async Task CheckPositionAsync(CancellationToken ct)
    {
        // Read what was applied before asking the journal: everything applied by now is in the journal by then, so a
        // journal behind it has really lost entries, and an append racing with this check cannot look like a loss.
        var applied = _live.Current;
        var position = await _journal.GetPositionAsync(ct).ConfigureAwait(false);
        _live.MarkHeard(_time.GetUtcNow());
        if (position.Epoch != applied.Epoch)
        {
            throw new JournalReplacedException($"the journal's epoch is {position.Epoch}, not {applied.Epoch} as applied");
        }

        if (position.LastSequence < applied.Sequence)
        {
            var renewed = await _journal.RenewEpochAsync(applied.Epoch, ct).ConfigureAwait(false);
            throw new JournalReplacedException(
                $"the journal (epoch {applied.Epoch}) ends at sequence {position.LastSequence}, behind the {applied.Sequence} applied; it is now epoch {renewed.Epoch}");
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

    /// <summary>
    /// Rebuilds the projection from the whole journal under its current epoch. A node that has applied nothing yet applies
    /// it page by page (one state per page, not thousands); one that has, reads it all first and swaps it in at once
    /// (<see cref="LiveResults.Reset"/>), so nobody sees a half-built state.
    /// </summary>
    private async Task RebuildAsync(CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var position = await _journal.GetPositionAsync(ct).ConfigureAwait(false);
        _live.MarkHeard(_time.GetUtcNow());
        var fresh = _live.Current.Sequence == 0;
        var all = new List<JournalEntry>();
        var page = new List<JournalEntry>(RebuildPage);
        var after = 0L;
        var first = true;
        do
        {
            page.Clear();
            await foreach (var entry in _journal.ReadAfterAsync(after, RebuildPage, ct).ConfigureAwait(false))
            {
                page.Add(entry);
                after = entry.Sequence;
            }

            if (!fresh)
            {
                all.AddRange(page);
            }
            else if (first)
            {
                _live.Reset(position.Epoch, page); // the first page sets the epoch
            }
            else
            {
                _live.ApplyBatch(page);
            }

            first = false;
        }
        while (page.Count == RebuildPage);

        if (!fresh)
        {
            _live.Reset(position.Epoch, all);
        }

        _live.MarkCaughtUp();
        var elapsed = Stopwatch.GetElapsedTime(started);
        LogCaughtUp(_logger, position.Epoch, _live.Current.Sequence, elapsed.TotalMilliseconds);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Live results rebuilt from the journal (epoch {Epoch}) up to sequence {Sequence} in {Milliseconds:0} ms")]
    private static partial void LogCaughtUp(ILogger logger, string epoch, long sequence, double milliseconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rebuilding the live results: {Reason}")]
    private static partial void LogReplaced(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Reading the journal failed after sequence {Sequence}; retrying in {Milliseconds:0} ms")]
    private static partial void LogRetrying(ILogger logger, Exception exception, long sequence, double milliseconds);
}
