using Microsoft.Extensions.Options;

namespace ResultsLive.Web.Graphics;

/// <summary>
/// This node's view of every channel: the latest state heard from the store (any node's change), kept so a console renders
/// without a round trip and Out and Clear still know what is on air when Redis cannot be reached.
/// </summary>
public sealed partial class ChannelStates : IDisposable
{
    private readonly IChannelStateStore _store;
    private readonly GraphicsOptions _options;
    private readonly ILogger<ChannelStates> _logger;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, ChannelState> _states = new(StringComparer.OrdinalIgnoreCase);

    public ChannelStates(IChannelStateStore store, IOptions<GraphicsOptions> options, ILogger<ChannelStates> logger)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        _store = store;
        _options = options.Value;
        _logger = logger;
        _store.Changed += Remember;
    }

    /// <summary>Raised when a channel's state moves on (a change by this node or another), at most once per version.</summary>
    public event Action<ChannelState>? Changed;

    /// <summary>The configured channel ids, as configured.</summary>
    public IReadOnlyList<string> Channels => [.. _options.Channels.Keys.Order(StringComparer.OrdinalIgnoreCase)];

    /// <summary>The configured spelling of a channel id, or null for a channel that is not configured.</summary>
    public string? Canonical(string? channel) =>
        channel is null ? null : _options.Channels.Keys.FirstOrDefault(k => string.Equals(k, channel, StringComparison.OrdinalIgnoreCase));

    /// <summary>The last state this node knows, without a round trip (empty before anything was heard).</summary>
    public ChannelState Cached(string channel)
    {
        lock (_lock)
        {
            return _states.TryGetValue(channel, out var state) ? state : ChannelState.Empty(channel);
        }
    }

    /// <summary>The state from the store; this node's last known state when the store cannot be reached.</summary>
    public async Task<ChannelState> GetAsync(string channel, CancellationToken ct)
    {
        try
        {
            var state = await _store.GetAsync(channel, ct).ConfigureAwait(false);
            Remember(state);
            return Cached(channel);
        }
        catch (Exception ex) when (ex is StackExchange.Redis.RedisException or TimeoutException)
        {
            LogStoreUnreachable(channel, ex);
            return Cached(channel);
        }
    }

    /// <summary>Takes a state this node committed or worked out itself (a panic Out while Redis is away).</summary>
    public void Remember(ChannelState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        lock (_lock)
        {
            if (_states.TryGetValue(state.Channel, out var known) && known.Version >= state.Version && state.Version != 0)
            {
                return;
            }

            _states[state.Channel] = state;
        }

        Changed?.Invoke(state);
    }

    public void Dispose() => _store.Changed -= Remember;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Channel state store unreachable reading '{Channel}'; using this node's last known state")]
    private partial void LogStoreUnreachable(string channel, Exception exception);
}
