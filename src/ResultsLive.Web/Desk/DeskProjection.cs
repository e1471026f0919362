using Microsoft.Extensions.Options;

using ResultsLive.Core.Arithmetic;
using ResultsLive.Core.Desk;
using ResultsLive.Core.Model;
using ResultsLive.Feed;
using ResultsLive.Web.Configuration;

namespace ResultsLive.Web.Desk;

/// <summary>
/// Feeds the <see cref="DeskLog"/> from the projection: every change <see cref="LiveResults"/> applies, in order, with the
/// seat result it computed, and the reasons Core's <see cref="Notability"/> gives it, so every node and every replay gives
/// each declaration the same reasons.
/// </summary>
/// <remarks>
/// It subscribes when it is constructed, which the host does for every hosted service before starting any, so it sees the
/// projection's rebuild from the first entry. Until the projection carries each entry's reasons itself, a tally of its own
/// follows the projection's results to give <see cref="Notability"/> the national picture after each one.
/// </remarks>
public sealed partial class DeskProjection : BackgroundService
{
    private readonly LiveResults _live;
    private readonly ElectionContext _election;
    private readonly DeskLog _log;
    private readonly ILogger<DeskProjection> _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly IAsyncEnumerable<LiveChange> _changes;
    private readonly NationalTally _tally;
    private readonly Notability _notability;

    public DeskProjection(LiveResults live, ElectionContext election, DeskLog log, IOptions<DeskOptions> options, ILogger<DeskProjection> logger)
    {
        ArgumentNullException.ThrowIfNull(live);
        ArgumentNullException.ThrowIfNull(election);
        ArgumentNullException.ThrowIfNull(options);
        _live = live;
        _election = election;
        _log = log;
        _logger = logger;
        _changes = live.SubscribeAsync(_stop.Token);
        _tally = new NationalTally(election.Election);
        _notability = new Notability(election.Election, options.Value.Notability.ToCore());
    }

    public override void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var link = stoppingToken.Register(static state => ((CancellationTokenSource)state!).Cancel(), _stop);
        _ = MarkLiveAsync(stoppingToken);
        try
        {
            await foreach (var change in _changes.ConfigureAwait(false))
            {
                Apply(change);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
        catch (SubscriberLaggedException)
        {
            LogLagged();
        }
    }

    /// <summary>What the projection held once it had caught up with the journal is history; what follows is news.</summary>
    private async Task MarkLiveAsync(CancellationToken ct)
    {
        await _live.Ready.WaitAsync(ct).ConfigureAwait(false);
        _log.MarkLive(_live.Current.Sequence);
    }

    private void Apply(LiveChange change)
    {
        var entry = change.Entry;
        if (entry.Kind == JournalEntryKind.ExitPoll && entry.ExitPoll is { } exitPoll)
        {
            _tally.SetExitPoll(exitPoll);
            return;
        }

        var index = _election.Election.ConstituencyIndex(entry.Declaration?.Constituency ?? entry.Constituency);
        if (index < 0)
        {
            return;
        }

        var code = _election.Election.Constituencies[index].Code;
        var previous = _tally.Seat(code);
        if (entry.Kind == JournalEntryKind.Status && entry.Status is { } status)
        {
            var withdrawn = status == SeatStatus.Awaiting ? previous : null;
            if (withdrawn is not null)
            {
                _tally.Remove(code);
            }

            _notability.StatusChanged(code, status, withdrawn);
            return;
        }

        // A declaration the projection applied has a result of its own; one it rejected leaves the seat as it was.
        if (entry.Kind != JournalEntryKind.Declaration || change.Seat is not { } seat || ReferenceEquals(seat, previous))
        {
            return;
        }

        _tally.Apply(seat);
        var reasons = _notability.Declared(seat, previous, _tally);
        _log.Append(new DeskEntry(change.Sequence, change.Snapshot.Epoch, seat, previous, reasons, DeskCopy.For(_election.Election, seat, reasons), entry.RecordedAt));
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The desk fell behind the projection by more than its subscription holds; restart the node to rebuild it")]
    private partial void LogLagged();
}
