namespace ResultsLive.Web.Graphics;

/// <summary>
/// Where channel state lives: Redis when the node has it (so every node, and a node after a restart, sees the same state),
/// memory for a single node. Every committed change is announced to every node's <see cref="Changed"/>, in order.
/// </summary>
public interface IChannelStateStore
{
    /// <summary>Raised once per committed change, on every node, in version order per channel.</summary>
    event Action<ChannelState>? Changed;

    Task<ChannelState> GetAsync(string channel, CancellationToken ct);

    /// <summary>
    /// Applies <paramref name="change"/> to the current state atomically (it may run more than once if another node changes
    /// the channel meanwhile) and returns the state committed, or the current state untouched when it returns null.
    /// </summary>
    Task<ChannelState> UpdateAsync(string channel, Func<ChannelState, ChannelState?> change, CancellationToken ct);
}
