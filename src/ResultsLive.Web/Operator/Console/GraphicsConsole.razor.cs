using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Options;
using Microsoft.JSInterop;

using ResultsLive.Core.Arithmetic;
using ResultsLive.Core.Model;
using ResultsLive.Feed;
using ResultsLive.Web.Api;
using ResultsLive.Web.Public.Controls;
using ResultsLive.Web.Public.Fragments;
using ResultsLive.Web.Graphics;
using ResultsLive.Web.Graphics.CasparCg;
using ResultsLive.Web.Security;
using ResultsLive.Web.Shared.Live;

namespace ResultsLive.Web.Operator.Console;

/// <summary>
/// The graphics operator's console: the results stack, templates on function keys, preview and program monitors, and per
/// layer what is cued and on air, with what moved under a held graphic and the choice to Update it. Keyboard first.
/// </summary>
public sealed partial class GraphicsConsole : IAsyncDisposable
{
    public const string ModulePath = "./Operator/Console/GraphicsConsole.razor.js";

    private readonly HashSet<string> _pinned = new(StringComparer.Ordinal);
    private HashSet<string> _watchlist = new(StringComparer.OrdinalIgnoreCase);
    private string? _channel;
    private ChannelState _state = ChannelState.Empty("");
    private GraphicsTemplate _template = GraphicsTemplates.All[0];
    private GraphicsLayer _layer = GraphicsTemplates.All[0].DefaultLayer;
    private string? _seat;

    // The swingometer's parties (null: the defaults the API takes) and where, as the operator last chose them.
    private GraphicsChoice _swing = new(null, null, ChosenPart.Uk);
    private readonly Dictionary<GraphicsChoice, ResolvedSwing?> _resolved = [];
    private int _cursor;
    private string _filter = "";
    private string? _notice;
    private bool _noticeIsError;
    private IDisposable? _follow;
    private ITimer? _clock;
    private IJSObjectReference? _module;
    private DotNetObjectReference<GraphicsConsole>? _self;
    private bool _disposed;

    [Inject]
    public required LiveView View { get; init; }

    [Inject]
    public required ChannelStates States { get; init; }

    [Inject]
    public required GraphicsControl Control { get; init; }

    [Inject]
    public required GraphicsNodes Nodes { get; init; }

    [Inject]
    public required CasparCgPlayout Playout { get; init; }

    [Inject]
    public required IOptions<GraphicsOptions> Options { get; init; }

    [Inject]
    public required TimeProvider Time { get; init; }

    [Inject]
    public required IJSRuntime JS { get; init; }

    [Inject]
    public required IConfiguration Configuration { get; init; }

    [CascadingParameter]
    public Task<AuthenticationState>? Authentication { get; set; }

    /// <summary>Which channel to drive (<c>/operator?channel=main</c>); the first configured one by default.</summary>
    [SupplyParameterFromQuery(Name = "channel")]
    public string? Channel { get; set; }

    /// <summary>The stack as drawn: what the arrow keys move through.</summary>
    private IReadOnlyList<ResultsStackEntry> Stack { get; set; } = [];

    protected override void OnInitialized()
    {
        _watchlist = Configuration.GetSection("ResultsLive:Desk:Watchlist").GetChildren()
            .Select(c => c.Value).OfType<string>().Select(v => v.Trim()).ToHashSet(StringComparer.OrdinalIgnoreCase);
        States.Changed += OnChannelChanged;
        Nodes.Changed += OnNodesChanged;
        Control.PendingChanged += OnPendingChanged;
        Playout.Sent += OnPendingChanged;
    }

    protected override async Task OnParametersSetAsync()
    {
        _channel = States.Canonical(Channel) ?? (States.Channels.Count > 0 ? States.Channels[0] : null);
        if (_channel is not null)
        {
            _state = await States.GetAsync(_channel, CancellationToken.None).ConfigureAwait(true);
        }
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender)
        {
            return;
        }

        _follow = View.Follow(() => InvokeAsync(StateHasChanged));

        // The on-air clocks tick once a second.
        _clock = Time.CreateTimer(_ => _ = InvokeAsync(StateHasChanged), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        _self = DotNetObjectReference.Create(this);
        _module = await JS.InvokeAsync<IJSObjectReference>("import", ModulePath).ConfigureAwait(true);
        await _module.InvokeVoidAsync("start", _self).ConfigureAwait(true);
    }

    /// <summary>A hotkey from the browser (never while typing in a field: the module checks).</summary>
    [JSInvokable]
    public async Task OnKey(string key, bool shift)
    {
        switch (key)
        {
            case " ":
                await TakeAsync(null).ConfigureAwait(true);
                break;
            case "Escape" when shift:
                await ClearAsync().ConfigureAwait(true);
                break;
            case "Escape":
                await OutAsync(_layer).ConfigureAwait(true);
                break;
            case "Enter":
                await SelectSeatAsync(_cursor < Stack.Count ? Stack[_cursor].Code : null).ConfigureAwait(true);
                break;
            case "ArrowDown":
                _cursor = Math.Min(_cursor + 1, Math.Max(0, Stack.Count - 1));
                break;
            case "ArrowUp":
                _cursor = Math.Max(0, _cursor - 1);
                break;
            case "n" or "N":
                await NextAsync().ConfigureAwait(true);
                break;
            case "u" or "U":
                await UpdateAsync(null).ConfigureAwait(true);
                break;
            case "p" or "P" when _cursor < Stack.Count:
                TogglePin(Stack[_cursor].Code);
                break;
            default:
                if (GraphicsTemplates.All.FirstOrDefault(t => t.Key == key) is { } template)
                {
                    await SelectTemplateAsync(template).ConfigureAwait(true);
                }

                break;
        }

        StateHasChanged();
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        States.Changed -= OnChannelChanged;
        Nodes.Changed -= OnNodesChanged;
        Control.PendingChanged -= OnPendingChanged;
        Playout.Sent -= OnPendingChanged;
        _follow?.Dispose();
        if (_clock is not null)
        {
            await _clock.DisposeAsync().ConfigureAwait(false);
        }

        if (_module is not null)
        {
            try
            {
                await _module.InvokeVoidAsync("stop").ConfigureAwait(false);
                await _module.DisposeAsync().ConfigureAwait(false);
            }
            catch (JSDisconnectedException)
            {
                // The circuit is gone, and the page's listener with it.
            }
        }

        _self?.Dispose();
    }

    private async Task SelectTemplateAsync(GraphicsTemplate template)
    {
        _template = template;
        _layer = template.DefaultLayer;
        if (!template.NeedsSeat || _seat is not null)
        {
            await CueAsync().ConfigureAwait(true);
        }
    }

    private async Task SelectSeatAsync(string? code)
    {
        if (code is null)
        {
            return;
        }

        _seat = code;
        var index = Stack.ToList().FindIndex(e => e.Code == code);
        if (index >= 0)
        {
            _cursor = index;
        }

        if (_template.NeedsSeat)
        {
            await CueAsync().ConfigureAwait(true);
        }
    }

    private void TogglePin(string code)
    {
        if (!_pinned.Remove(code))
        {
            _pinned.Add(code);
        }
    }

    private Task CueAsync() => RunAsync(
        $"Cued {_template.Title}{(_template.NeedsSeat ? " · " + SeatName(_seat) : "")}",
        (channel, actor) => Control.CueAsync(
            channel, _layer, _template.Id, _template.NeedsSeat ? _seat : null, actor, CancellationToken.None, _template.Data == TemplateData.Swingometer ? _swing : null));

    /// <summary>A new party, or a new area (whose own two largest parties then apply), and the swingometer is cued again.</summary>
    private Task ChooseSwingAsync(string? a = null, string? b = null, string? scope = null)
    {
        _swing = scope is not null ? new GraphicsChoice(null, null, scope) : _swing with { A = a ?? _swing.A, B = b ?? _swing.B };
        return CueAsync();
    }

    /// <summary>What the swingometer lists offer: the dial as chosen (for the pair it settles on), the parties standing there, and every area.</summary>
    private (ResolvedSwing? Dial, IReadOnlyList<Party> Parties, IReadOnlyList<(string Value, string Name)> Areas) SwingChoice(LiveSnapshot snapshot)
    {
        var national = snapshot.National;
        var dial = Resolve(_swing);
        var area = national.Nations.Concat(national.Regions).FirstOrDefault(a => ChosenPart.Scope(a) == _swing.Scope);
        List<(string, string)> areas = [(ChosenPart.Uk, snapshot.Election.Name), .. national.Nations.Concat(national.Regions).Select(a => (ChosenPart.Scope(a), a.Name))];
        return (dial, PublicChoices.Parties(snapshot, area), areas);
    }

    private Task TakeAsync(GraphicsLayer? layer) => RunAsync("Taken", (channel, actor) => Control.TakeAsync(channel, layer, actor, CancellationToken.None));

    private Task OutAsync(GraphicsLayer layer) => RunAsync($"{layer.Title()} out", (channel, actor) => Control.OutAsync(channel, layer, actor, CancellationToken.None));

    private Task ClearAsync() => RunAsync("Cleared", (channel, actor) => Control.ClearAsync(channel, actor, CancellationToken.None));

    private Task NextAsync() => RunAsync("Next page", (channel, actor) => Control.NextAsync(channel, null, actor, CancellationToken.None));

    private Task UpdateAsync(GraphicsLayer? layer) => RunAsync("Updated", (channel, actor) => Control.UpdateAsync(channel, layer, actor, CancellationToken.None));

    private async Task RunAsync(string done, Func<string, string, Task<GraphicsOutcome>> command)
    {
        if (_channel is null)
        {
            return;
        }

        var actor = Authentication is null ? ActorNames.Anonymous : (await Authentication.ConfigureAwait(true)).User.ActorName();
        try
        {
            var outcome = await command(_channel, actor).ConfigureAwait(true);
            if (outcome.IsRejected)
            {
                Notify(outcome.Problems[0].Reason, error: true);
                return;
            }

            _state = outcome.State.Version >= _state.Version ? outcome.State : _state;
            Notify(outcome.Degraded ? done + " on this node's outputs only: Redis is unreachable" : done, error: outcome.Degraded);
        }
        catch (Exception ex) when (ex is StackExchange.Redis.RedisException or TimeoutException)
        {
            Notify("Redis is unreachable: not done. Out and Clear still reach this node's outputs.", error: true);
        }
    }

    private void Notify(string text, bool error)
    {
        _notice = text;
        _noticeIsError = error;
    }

    private void OnChannelChanged(ChannelState state)
    {
        if (string.Equals(state.Channel, _channel, StringComparison.OrdinalIgnoreCase) && state.Version > _state.Version)
        {
            _state = state;
            _ = InvokeAsync(StateHasChanged);
        }
    }

    private void OnNodesChanged() => _ = InvokeAsync(StateHasChanged);

    private void OnPendingChanged(string channel) => _ = InvokeAsync(StateHasChanged);

    private bool IsWatched(SeatResult seat) =>
        _watchlist.Contains(seat.Constituency.Code) || _watchlist.Contains(seat.Constituency.Name) || seat.Candidates.Any(c => _watchlist.Contains(c.Name));

    private string SeatName(string? code) => code is null ? "" : View.Snapshot.Election.FindConstituency(code)?.Name ?? code;

    private string Describe(GraphicsItem item) =>
        GraphicsTemplates.Find(item.Template) is { } template
            ? template.Title + (item.Constituency is null ? "" : " · " + SeatName(item.Constituency)) + Chosen(item.Choice)
            : item.Template;

    /// <summary>" · Lab v Con, Scotland": the pair and area a swingometer was cued with, as they resolved.</summary>
    private string Chosen(GraphicsChoice? choice) =>
        choice is not null && Resolve(choice) is { } dial
            ? $" · {dial.PartyA} v {dial.PartyB}{(dial.Area is { } area ? ", " + area : "")}"
            : "";

    /// <summary>
    /// The pair and area a choice settles on. The defaults come from the baseline, so a choice always settles the same
    /// way on one night: it is worked out once, not by building a swingometer on every render (the clocks render each second).
    /// </summary>
    private ResolvedSwing? Resolve(GraphicsChoice choice)
    {
        if (!_resolved.TryGetValue(choice, out var resolved))
        {
            var (dial, _) = SwingometerChoice.Build(View.Snapshot, choice.A, choice.B, choice.Scope);
            _resolved[choice] = resolved = dial is null ? null : new ResolvedSwing(dial.PartyA.Code, dial.PartyB.Code, dial.Area);
        }

        return resolved;
    }

    private sealed record ResolvedSwing(string PartyA, string PartyB, string? Area);

    private string OnAirFor(GraphicsItem item)
    {
        var elapsed = Time.GetUtcNow() - item.At;
        if (elapsed < TimeSpan.Zero)
        {
            elapsed = TimeSpan.Zero;
        }

        return elapsed.TotalHours >= 1 ? elapsed.ToString(@"h\:mm\:ss", System.Globalization.CultureInfo.InvariantCulture) : elapsed.ToString(@"mm\:ss", System.Globalization.CultureInfo.InvariantCulture);
    }

    private string? OutputKey => _channel is null ? null : Options.Value.Find(_channel)?.OutputKey;
}
