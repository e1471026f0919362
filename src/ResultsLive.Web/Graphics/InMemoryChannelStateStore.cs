namespace ResultsLive.Web.Graphics;

/// <summary>Channel state for a single node (the in-memory journal): lost with the process, as the journal is.</summary>
public sealed class InMemoryChannelStateStore : IChannelStateStore
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, ChannelState> _states = new(StringComparer.OrdinalIgnoreCase);

    public event Action<ChannelState>? Changed;

    public Task<ChannelState> GetAsync(string channel, CancellationToken ct)
    {
        lock (_lock)
        {
            return Task.FromResult(_states.TryGetValue(channel, out var state) ? state : ChannelState.Empty(channel));
        }
    }

    public Task<ChannelState> UpdateAsync(string channel, Func<ChannelState, ChannelState?> change, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(change);
        lock (_lock)
        {
            var current = _states.TryGetValue(channel, out var state) ? state : ChannelState.Empty(channel);
            if (change(current) is not { } next)
            {
                return Task.FromResult(current);
            }

            _states[channel] = next;

            // Raised under the lock so listeners see versions in order, as Redis's PUBLISH inside the script guarantees there.
            Changed?.Invoke(next);
            return Task.FromResult(next);
        }
    }
}
