using System.Collections.Concurrent;
using System.Text.Json;

using Microsoft.Extensions.Options;

using ResultsLive.Web.Audit;
using ResultsLive.Web.Configuration;

using StackExchange.Redis;

namespace ResultsLive.Web.Graphics;

/// <summary>
/// Whether this node can reach Redis and hear the other nodes: each node announces itself (and the outputs it serves)
/// every second over Redis, and a node not heard for <see cref="GraphicsOptions.NodeTimeout"/> is shown as unreachable.
/// A console says so at once; Out and Clear still reach the outputs of this node.
/// </summary>
public sealed partial class GraphicsNodes : BackgroundService
{
    public static readonly TimeSpan HeartbeatInterval = TimeSpan.FromSeconds(1);

    /// <summary>A node unheard for this long is forgotten (it was stopped, or replaced by a restart under a new id).</summary>
    public static readonly TimeSpan ForgetAfter = TimeSpan.FromMinutes(5);

    private readonly IConnectionMultiplexer? _redis;
    private readonly NodeIdentity? _identity;
    private readonly OutputConnections _outputs;
    private readonly TimeProvider _time;
    private readonly TimeSpan _timeout;
    private readonly ILogger<GraphicsNodes> _logger;
    private readonly RedisChannel _channel;
    private readonly ConcurrentDictionary<string, NodeStatus> _others = new(StringComparer.Ordinal);
    private bool _reachable = true;

    public GraphicsNodes(IServiceProvider services, OutputConnections outputs, ElectionContext election, IOptions<GraphicsOptions> options, TimeProvider time, ILogger<GraphicsNodes> logger)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(election);
        ArgumentNullException.ThrowIfNull(options);
        _redis = services.GetService<IConnectionMultiplexer>();
        _outputs = outputs;
        _time = time;
        _timeout = options.Value.NodeTimeout;
        _logger = logger;
        _channel = RedisChannel.Literal($"resultslive:{election.Election.Id}:graphics:nodes");
        _identity = services.GetService<NodeIdentity>();
        Id = Guid.NewGuid().ToString("N")[..8];
        if (_redis is not null)
        {
            _redis.ConnectionFailed += (_, _) => Raise();
            _redis.ConnectionRestored += (_, _) => Raise();
        }
    }

    /// <summary>Raised when Redis or another node comes or goes, or this node's outputs change.</summary>
    public event Action? Changed;

    public string Id { get; }

    /// <summary>The node as the audit trail names it (its address), once it is listening.</summary>
    public string Name => _identity?.Name ?? $"{Environment.MachineName}/pid-{Environment.ProcessId}";

    /// <summary>False for a single node on the in-memory journal: there is nothing to reach.</summary>
    public bool UsesRedis => _redis is not null;

    public bool RedisReachable => _redis?.IsConnected ?? true;

    /// <summary>
    /// Whether this node sends CasparCG the live layers' updates: the node with the lowest id among those heard, so one node
    /// does it and another takes over within <see cref="GraphicsOptions.NodeTimeout"/> if it dies. (Two for a moment while
    /// they find out is harmless: an UPDATE with the same data changes nothing on air.)
    /// </summary>
    public bool IsPlayoutLeader => Others.Where(n => n.IsReachable).All(n => string.CompareOrdinal(Id, n.Id) < 0);

    /// <summary>The other nodes heard recently, and whether each is still heard.</summary>
    public IReadOnlyList<NodeStatus> Others
    {
        get
        {
            var now = _time.GetUtcNow();
            return [.. _others.Values.Select(n => n with { IsReachable = now - n.LastHeard <= _timeout }).OrderBy(n => n.Name, StringComparer.Ordinal)];
        }
    }

    public IReadOnlyDictionary<string, OutputCount> LocalOutputs => _outputs.Counts();

    /// <summary>Takes a heartbeat heard from another node (public so tests can play one).</summary>
    public void Heard(string json)
    {
        var beat = JsonSerializer.Deserialize<Heartbeat>(json, GraphicsJson.Options);
        if (beat is null || beat.Id == Id)
        {
            return;
        }

        if (beat.Leaving)
        {
            _others.TryRemove(beat.Id, out _);
        }
        else
        {
            var now = _time.GetUtcNow();
            var known = _others.TryGetValue(beat.Id, out var before);
            _others[beat.Id] = new NodeStatus(beat.Id, beat.Name, now, beat.Outputs, IsReachable: true);
            if (known && now - before!.LastHeard <= _timeout && SameOutputs(before.Outputs, beat.Outputs))
            {
                // Nothing a console shows has changed.
                return;
            }
        }

        Raise();
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_redis is { IsConnected: true })
        {
            // Say goodbye, so the others do not report a node that was stopped on purpose as unreachable.
            await PublishAsync(leaving: true).ConfigureAwait(false);
        }

        await base.StopAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_redis is null)
        {
            return;
        }

        _outputs.Changed += Raise;
        try
        {
            var queue = await _redis.GetSubscriber().SubscribeAsync(_channel).ConfigureAwait(false);
            queue.OnMessage(message => Heard(message.Message!));
        }
        catch (RedisException ex)
        {
            LogSubscribeFailed(ex);
        }

        var wasReachable = Others.ToDictionary(n => n.Id, n => n.IsReachable);
        while (!stoppingToken.IsCancellationRequested)
        {
            await PublishAsync(leaving: false).ConfigureAwait(false);
            var now = _time.GetUtcNow();
            foreach (var (id, node) in _others)
            {
                if (now - node.LastHeard > ForgetAfter)
                {
                    _others.TryRemove(id, out _);
                }
            }

            var reachable = Others.ToDictionary(n => n.Id, n => n.IsReachable);
            if (!reachable.OrderBy(r => r.Key).SequenceEqual(wasReachable.OrderBy(r => r.Key)) || _reachable != RedisReachable)
            {
                Raise();
            }

            wasReachable = reachable;
            _reachable = RedisReachable;
            try
            {
                await Task.Delay(HeartbeatInterval, _time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task PublishAsync(bool leaving)
    {
        try
        {
            var beat = new Heartbeat(Id, Name, leaving, _outputs.Counts());
            await _redis!.GetSubscriber().PublishAsync(_channel, JsonSerializer.Serialize(beat, GraphicsJson.Options)).ConfigureAwait(false);
        }
        catch (RedisException)
        {
            // Unreachable: the console shows it from the connection's own state.
        }
        catch (ObjectDisposedException) when (leaving)
        {
            // The host is closing the connection while this node says goodbye (seen when a test host stops): the others
            // stop hearing this node and forget it after their timeout, as they would a node that was killed.
        }
    }

    private void Raise() => Changed?.Invoke();

    private static bool SameOutputs(IReadOnlyDictionary<string, OutputCount> a, IReadOnlyDictionary<string, OutputCount> b) =>
        a.Count == b.Count && a.All(x => b.TryGetValue(x.Key, out var y) && y == x.Value);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not subscribe to the other nodes' heartbeats")]
    private partial void LogSubscribeFailed(Exception exception);

    private sealed record Heartbeat(string Id, string Name, bool Leaving, IReadOnlyDictionary<string, OutputCount> Outputs);
}

/// <summary>Another node as this one last heard it: its outputs per channel, and whether it is still heard.</summary>
public sealed record NodeStatus(string Id, string Name, DateTimeOffset LastHeard, IReadOnlyDictionary<string, OutputCount> Outputs, bool IsReachable);
