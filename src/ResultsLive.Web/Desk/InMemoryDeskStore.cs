namespace ResultsLive.Web.Desk;

/// <summary>The desk's state in this node's memory: for one node with the in-memory journal, and for tests.</summary>
public sealed class InMemoryDeskStore(TimeProvider time) : IDeskStore
{
    private readonly Lock _lock = new();
    private DeskState _state = DeskState.Empty;

    public DeskState Current => Volatile.Read(ref _state);

    public event Action<DeskState, DeskNotice>? Changed;

    public Task StartAsync(IEnumerable<string> seedWatchlist, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(seedWatchlist);
        lock (_lock)
        {
            _state = _state with { Watchlist = [.. seedWatchlist.Select(DeskInput.WatchItem).Where(i => i is not null).Select(i => i!).Distinct(StringComparer.OrdinalIgnoreCase)] };
        }

        return Task.CompletedTask;
    }

    public Task<ClaimOutcome> ClaimAsync(string constituency, string editor, bool takeOver, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        DeskState state;
        DeskNotice notice;
        ClaimOutcome outcome;
        lock (_lock)
        {
            var held = _state.ClaimOf(constituency);
            if (held is not null && !takeOver && !string.Equals(held.Editor, editor, StringComparison.Ordinal))
            {
                return Task.FromResult(new ClaimOutcome(false, held));
            }

            var claim = new SeatClaim(constituency, editor, now);
            state = _state = _state with { Claims = _state.Claims.SetItem(constituency, claim) };
            var previous = held is not null && !string.Equals(held.Editor, editor, StringComparison.Ordinal) ? held.Editor : null;
            notice = new DeskNotice(previous is null ? DeskNotice.Claimed : DeskNotice.TakenOver, constituency, editor, previous, null, now);
            outcome = new ClaimOutcome(true, claim);
        }

        Changed?.Invoke(state, notice);
        return Task.FromResult(outcome);
    }

    public Task<bool> ReleaseAsync(string constituency, string editor, CancellationToken ct)
    {
        DeskState state;
        lock (_lock)
        {
            if (_state.ClaimOf(constituency) is not { } held || !string.Equals(held.Editor, editor, StringComparison.Ordinal))
            {
                return Task.FromResult(false);
            }

            state = _state = _state with { Claims = _state.Claims.Remove(constituency) };
        }

        Changed?.Invoke(state, new DeskNotice(DeskNotice.Released, constituency, editor, null, null, time.GetUtcNow()));
        return Task.FromResult(true);
    }

    public Task MarkPostedAsync(string constituency, int revision, string editor, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        DeskState state;
        lock (_lock)
        {
            state = _state = _state with
            {
                Posted = _state.Posted.SetItem(constituency, new PostedMark(constituency, revision, editor, now)),
                Claims = _state.Claims.Remove(constituency),
            };
        }

        Changed?.Invoke(state, new DeskNotice(DeskNotice.Posted, constituency, editor, null, revision, now));
        return Task.CompletedTask;
    }

    public Task MarkCopiedAsync(string constituency, int revision, string editor, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        DeskState state;
        lock (_lock)
        {
            if (_state.Copied.Any(c => c.Constituency == constituency && c.Revision == revision && c.Editor == editor))
            {
                return Task.CompletedTask;
            }

            state = _state = _state with { Copied = _state.Copied.Add(new CopiedMark(constituency, revision, editor, now)) };
        }

        Changed?.Invoke(state, new DeskNotice(DeskNotice.Copied, constituency, editor, null, revision, now));
        return Task.CompletedTask;
    }

    public Task<bool> WatchAsync(string item, string editor, CancellationToken ct) => Edit(item, editor, add: true);

    public Task<bool> UnwatchAsync(string item, string editor, CancellationToken ct) => Edit(item, editor, add: false);

    private Task<bool> Edit(string item, string editor, bool add)
    {
        DeskState state;
        lock (_lock)
        {
            var present = _state.Watchlist.Contains(item, StringComparer.OrdinalIgnoreCase);
            if (present == add)
            {
                return Task.FromResult(false);
            }

            state = _state = _state with { Watchlist = add ? _state.Watchlist.Add(item) : _state.Watchlist.RemoveAll(i => string.Equals(i, item, StringComparison.OrdinalIgnoreCase)) };
        }

        Changed?.Invoke(state, new DeskNotice(add ? DeskNotice.Watched : DeskNotice.Unwatched, item, editor, null, null, time.GetUtcNow()));
        return Task.FromResult(true);
    }
}
