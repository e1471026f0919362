using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using Microsoft.JSInterop;

using ResultsLive.Core.Desk;
using ResultsLive.Web.Configuration;
using ResultsLive.Web.Desk.Webhooks;
using ResultsLive.Web.Shared.Live;

namespace ResultsLive.Web.Desk.Pages;

/// <summary>
/// The editor desk: the declarations queue with the notable on top, copy in house style, claims shared with every desk,
/// the board of seats due, the watch list, the webhook delivery log, and alerts to this editor (a notable or watched result,
/// a correction of a seat they copied or posted, a claim taken over).
/// </summary>
public sealed partial class DeskBoard : IAsyncDisposable
{
    private const int PageSize = 60;

    private readonly CancellationTokenSource _stop = new();
    private readonly List<DeskAlert> _notices = [];
    private List<Card> _view = [];
    private IReadOnlyList<DeliveryRecord> _deliveries = [];
    private IReadOnlyList<string> _nations = [];
    private IReadOnlyList<string> _regions = [];
    private DeskState _state = DeskState.Empty;
    private RenderThrottle? _throttle;
    private IJSObjectReference? _module;
    private ElementReference _manualBox;
    private (string Label, string Text)? _manualCopy;
    private bool _selectManual;
    private string? _editor;
    private bool? _secure;
    private bool _alertsOn;
    private bool _following;
    private int _shown = PageSize;
    private bool _onlyNotable;
    private bool _onlyGains;
    private bool _onlyWatched;
    private string _nation = "";
    private string _region = "";
    private string? _watchInput;
    private string? _watchProblem;

    [Inject]
    public required DeskLog Log { get; init; }

    [Inject]
    public required IDeskStore Store { get; init; }

    [Inject]
    public required DeskEditor Editor { get; init; }

    [Inject]
    public required ExpectedTimes Expected { get; init; }

    [Inject]
    public required ElectionContext Election { get; init; }

    [Inject]
    public required IWebhookLedger Ledger { get; init; }

    [Inject]
    public required DeskAudit Audit { get; init; }

    [Inject]
    public required IOptions<DeskOptions> Options { get; init; }

    [Inject]
    public required IOptions<LiveOptions> LiveOptions { get; init; }

    [Inject]
    public required TimeProvider Time { get; init; }

    [Inject]
    public required IJSRuntime JS { get; init; }

    private bool Filtered => _onlyNotable || _onlyGains || _onlyWatched || _nation.Length > 0 || _region.Length > 0;

    public async ValueTask DisposeAsync()
    {
        Store.Changed -= OnStoreChanged;
        await _stop.CancelAsync().ConfigureAwait(false);
        _stop.Dispose();
        _throttle?.Dispose();
        if (_module is not null)
        {
            try
            {
                await _module.DisposeAsync().ConfigureAwait(false);
            }
            catch (JSDisconnectedException)
            {
                // The browser went first.
            }
        }
    }

    protected override void OnInitialized()
    {
        _editor = Editor.Name;
        _state = Store.Current;
        var seats = Election.Election.Constituencies;
        _nations = [.. seats.Select(c => c.Nation).Where(n => n.Length > 0).Distinct().Order(StringComparer.Ordinal)];
        _regions = [.. seats.Select(c => c.Region).Where(r => r.Length > 0).Distinct().Order(StringComparer.Ordinal)];
        Refilter();
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender)
        {
            _module = await JS.InvokeAsync<IJSObjectReference>("import", "./Desk/Pages/DeskBoard.razor.js");
            _secure = await _module.InvokeAsync<bool>("isSecure");
            _throttle = new RenderThrottle(LiveOptions.Value.RenderInterval, () => InvokeAsync(Refresh), Time);
            Store.Changed += OnStoreChanged;
            _state = Store.Current;
            _ = FollowAsync(Log.Sequence, _stop.Token);
            _deliveries = await Ledger.RecentAsync(12, _stop.Token);
            _following = true;
            Refilter();
            StateHasChanged();
        }

        if (_selectManual && _module is not null)
        {
            _selectManual = false;
            await _module.InvokeVoidAsync("select", _manualBox);
        }
    }

    private async Task FollowAsync(long after, CancellationToken ct)
    {
        try
        {
            await foreach (var entry in Log.ReadAsync(after, ct))
            {
                await InvokeAsync(() => AlertAsync(entry));
                _deliveries = await Ledger.RecentAsync(12, ct);
                _throttle?.Request();
            }
        }
        catch (OperationCanceledException)
        {
            // The page closed.
        }
    }

    /// <summary>Tells this editor what they must know about a new declaration: a correction of their copy first of all.</summary>
    private async Task AlertAsync(DeskEntry entry)
    {
        var seat = entry.Seat;
        var watched = Watched(entry);
        if (entry.Previous is { } previous && _editor is not null && Touched(entry.Constituency) is { } what)
        {
            var alert = new DeskAlert(
                "correction",
                entry.Constituency,
                $"{seat.Constituency.Name} has been corrected: you {what} revision {previous.Revision}",
                [
                    $"Was: {previous.Text}",
                    $"Now (revision {entry.Revision}): {seat.Text}",
                    $"Winner {previous.Winner.Name} ({previous.Winner.Party}) {previous.Winner.Votes:N0} → {seat.Winner.Name} ({seat.Winner.Party}) {seat.Winner.Votes:N0}; majority {previous.Majority:N0} → {seat.Majority:N0}.",
                ]);
            _notices.Insert(0, alert);
            await NotifyAsync(alert.Title, string.Join(" ", alert.Lines));
        }
        else if (_alertsOn && entry.Sequence > Log.LiveFrom && (entry.IsNotable || watched))
        {
            await NotifyAsync(entry.Copy.Rush.Plain, entry.Reasons.Count > 0 ? entry.Reasons[0].Text : $"{seat.Constituency.Name} is on the watch list.");
        }
    }

    private string? Touched(string constituency)
    {
        var posted = _state.Posted.GetValueOrDefault(constituency);
        if (posted is not null && posted.Editor == _editor)
        {
            return "posted";
        }

        return _state.Copied.Any(c => c.Editor == _editor && string.Equals(c.Constituency, constituency, StringComparison.OrdinalIgnoreCase)) ? "copied" : null;
    }

    private int? CopiedByMe(string constituency) =>
        _editor is null ? null
        : _state.Copied.Where(c => c.Editor == _editor && string.Equals(c.Constituency, constituency, StringComparison.OrdinalIgnoreCase)).Select(c => (int?)c.Revision).Max();

    private async Task NotifyAsync(string title, string body)
    {
        if (_module is not null)
        {
            await _module.InvokeVoidAsync("alert", title, body, _alertsOn);
        }
    }

    private void OnStoreChanged(DeskState state, DeskNotice notice)
    {
        _state = state;
        if (notice.Kind == DeskNotice.TakenOver && _editor is not null && (notice.Previous == _editor || notice.Editor == _editor))
        {
            var seat = Election.Election.FindConstituency(notice.Constituency ?? "")?.Name ?? notice.Constituency;
            var line = notice.Previous == _editor ? $"{notice.Editor} took over {seat} from you." : $"You took over {seat} from {notice.Previous}.";
            _ = InvokeAsync(() =>
            {
                _notices.Insert(0, new DeskAlert("takeover", notice.Constituency ?? "", $"Claim taken over: {seat}", [line]));
                return NotifyAsync($"Claim taken over: {seat}", line);
            });
        }

        _throttle?.Request();
    }

    private Task Refresh()
    {
        Refilter();
        StateHasChanged();
        return Task.CompletedTask;
    }

    private void Refilter()
    {
        var cards = new Dictionary<string, List<DeskEntry>>(StringComparer.Ordinal);
        foreach (var entry in Log.Entries)
        {
            if (!cards.TryGetValue(entry.Constituency, out var revisions))
            {
                cards[entry.Constituency] = revisions = [];
            }

            revisions.Add(entry);
        }

        _view =
        [
            .. cards.Values
                .Select(revisions => new Card(revisions[^1], [.. revisions.Take(revisions.Count - 1).Reverse()], Watched(revisions[^1])))
                .Where(Passes)
                .OrderByDescending(c => c.Latest.IsNotable || c.Watched)
                .ThenByDescending(c => c.Latest.Sequence),
        ];
    }

    private bool Passes(Card card)
    {
        var entry = card.Latest;
        var seat = entry.Seat.Constituency;
        return (!_onlyNotable || entry.IsNotable)
            && (!_onlyGains || entry.IsGain)
            && (!_onlyWatched || card.Watched)
            && (_nation.Length == 0 || seat.Nation == _nation)
            && (_region.Length == 0 || seat.Region == _region);
    }

    private bool Watched(DeskEntry entry) =>
        _state.Watches(entry.Constituency, entry.Seat.Constituency.Name, entry.Seat.Candidates.Select(c => c.Name));

    private bool IsNew(DeskEntry entry) => Time.GetUtcNow() - entry.RecordedAt < Options.Value.NewFor;

    private IReadOnlyList<ExpectedSeat> Board()
    {
        var snapshot = Log.Entries;
        var declared = snapshot.Select(e => e.Constituency).ToHashSet(StringComparer.Ordinal);
        return Expected.Board(declared.Contains);
    }

    private static IEnumerable<(string Label, string Kind, CopyText Text)> Copies(DeskEntry entry)
    {
        yield return ("Rush", "rush", entry.Copy.Rush);
        yield return ("Result", "full", entry.Copy.Full);
        yield return ("Social", "social", entry.Copy.Social);
    }

    private async Task CopyAsync(DeskEntry entry, string label, CopyText text, CopyFormat format)
    {
        var rendered = text.Render(format);
        var copied = _secure == true && _module is not null
            && await _module.InvokeAsync<bool>("copy", rendered, format == CopyFormat.Html ? text.Html : null);
        if (!copied)
        {
            _manualCopy = ($"{label} for {entry.Seat.Constituency.Name} ({format})", rendered);
            _selectManual = true;
        }

        if (_editor is not null)
        {
            await Store.MarkCopiedAsync(entry.Constituency, entry.Revision, _editor, _stop.Token);
        }
    }

    private async Task ClaimAsync(string constituency, bool takeOver)
    {
        if (_editor is null)
        {
            return;
        }

        var outcome = await Store.ClaimAsync(constituency, _editor, takeOver, _stop.Token);
        if (outcome.Granted)
        {
            await Audit.RecordAsync(Editor.User, takeOver ? DeskAudit.TakeOver : DeskAudit.Claim, constituency, null);
        }

        _state = Store.Current;
    }

    private async Task ReleaseAsync(string constituency)
    {
        if (_editor is not null && await Store.ReleaseAsync(constituency, _editor, _stop.Token))
        {
            await Audit.RecordAsync(Editor.User, DeskAudit.Release, constituency, null);
        }
    }

    private async Task PostedAsync(DeskEntry entry)
    {
        if (_editor is null)
        {
            return;
        }

        await Store.MarkPostedAsync(entry.Constituency, entry.Revision, _editor, _stop.Token);
        await Audit.RecordAsync(Editor.User, DeskAudit.Posted, entry.Constituency, $"revision {entry.Revision}");
    }

    private async Task WatchAsync()
    {
        _watchProblem = null;
        if (_editor is null)
        {
            return;
        }

        if (DeskInput.WatchItem(_watchInput) is not { } item)
        {
            _watchProblem = $"Give a seat code or a candidate's name, 1 to {DeskInput.MaxLength} characters.";
            return;
        }

        await Store.WatchAsync(item, _editor, _stop.Token);
        await Audit.RecordAsync(Editor.User, DeskAudit.Watch, item, null);
        _watchInput = null;
    }

    private async Task UnwatchAsync(string item)
    {
        if (_editor is not null && await Store.UnwatchAsync(item, _editor, _stop.Token))
        {
            await Audit.RecordAsync(Editor.User, DeskAudit.Unwatch, item, null);
        }
    }

    private async Task ToggleAlertsAsync()
    {
        _alertsOn = !_alertsOn;
        if (_alertsOn && _module is not null)
        {
            await _module.InvokeAsync<string>("enableAlerts");
        }
    }

    /// <summary>A seat's latest revision, the ones before it (newest first), and whether it is watched.</summary>
    private sealed record Card(DeskEntry Latest, IReadOnlyList<DeskEntry> Earlier, bool Watched);

    /// <summary>Something this editor must see: a correction of their copy, or their claim taken over.</summary>
    private sealed record DeskAlert(string Kind, string Seat, string Title, IReadOnlyList<string> Lines);
}
