using Microsoft.Extensions.Options;

using ResultsLive.Core.Arithmetic;
using ResultsLive.Core.Desk;
using ResultsLive.Core.Model;
using ResultsLive.Feed;
using ResultsLive.Web.Configuration;

namespace ResultsLive.Web.Desk;

/// <summary>
/// Feeds the <see cref="DeskLog"/>: applies the journal from its first entry, in order, through Core's tally and
/// <see cref="Notability"/>, so every node and every replay gives each declaration the same reasons.
/// </summary>
/// <remarks>
/// Until the projection (<see cref="LiveResults"/>) carries the reasons of each entry itself, this follows the journal beside
/// it with a tally of its own; the arithmetic is the same Core code, so the results agree entry by entry.
/// </remarks>
public sealed partial class DeskProjection(
    IDeclarationJournal journal,
    ElectionContext election,
    DeskLog log,
    IOptions<DeskOptions> options,
    ILogger<DeskProjection> logger) : BackgroundService
{
    /// <summary>The journal epoch carried in ids until the journal names its own.</summary>
    public const string DefaultEpoch = "1";

    private static readonly TimeSpan Retry = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var tally = new NationalTally(election.Election);
        var notability = new Notability(election.Election, options.Value.Notability.ToCore());
        var sequence = 0L;
        await MarkHistoryAsync(stoppingToken).ConfigureAwait(false);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await foreach (var entry in journal.TailAsync(sequence, stoppingToken).ConfigureAwait(false))
                {
                    if (entry.Sequence <= sequence)
                    {
                        continue;
                    }

                    sequence = entry.Sequence;
                    Apply(tally, notability, entry);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogRetrying(ex, sequence);
                await Task.Delay(Retry, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    private async Task MarkHistoryAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            var health = await journal.CheckAsync(ct).ConfigureAwait(false);
            if (health.Reachable)
            {
                log.LiveFrom = health.LastSequence;
                return;
            }

            await Task.Delay(Retry, ct).ConfigureAwait(false);
        }
    }

    private void Apply(NationalTally tally, Notability notability, JournalEntry entry)
    {
        var index = election.Election.ConstituencyIndex(entry.Declaration?.Constituency ?? entry.Constituency);
        if (index < 0)
        {
            return;
        }

        var code = election.Election.Constituencies[index].Code;
        if (entry.Kind == JournalEntryKind.Status && entry.Status is { } status)
        {
            var withdrawn = status == SeatStatus.Awaiting ? tally.Seat(code) : null;
            if (withdrawn is not null)
            {
                tally.Remove(code);
            }

            notability.StatusChanged(code, status, withdrawn);
            return;
        }

        if (entry.Kind != JournalEntryKind.Declaration || entry.Declaration is not { } declaration)
        {
            return;
        }

        SeatResult seat;
        try
        {
            seat = SeatCalculator.Calculate(election.Election, declaration);
            if (seat.Candidates.Any(c => election.Election.PartyIndex(c.Party) < 0))
            {
                return;
            }
        }
        catch (Exception ex) when (ex is ArgumentException or OverflowException)
        {
            // The projection rejects it too: nothing to tell the desk.
            return;
        }

        var previous = tally.Seat(code);
        tally.Apply(seat);
        var reasons = notability.Declared(seat, previous, tally);
        log.Append(new DeskEntry(entry.Sequence, DefaultEpoch, seat, previous, reasons, DeskCopy.For(election.Election, seat, reasons), entry.RecordedAt));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The desk could not follow the journal after sequence {Sequence}; retrying")]
    private partial void LogRetrying(Exception ex, long sequence);
}
