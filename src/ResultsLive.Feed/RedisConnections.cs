using System.Net;

using Microsoft.Extensions.Logging;

using StackExchange.Redis;

namespace ResultsLive.Feed;

/// <summary>
/// A node's connections to the journal's Redis, from one connection string: a plain <c>host:port</c>, or Sentinel's
/// (<c>host:26379,host:26380,serviceName=resultslive</c>), from which the node learns the primary and its replicas and
/// connects to all of them, so it follows a failover by itself. <see cref="Main"/> carries everything; a second
/// connection, made only when replicas must acknowledge entries, carries <c>WAIT</c>, which holds the connection it runs on.
/// </summary>
/// <remarks>
/// Why not StackExchange.Redis's own Sentinel connection: measured here (a primary SIGKILLed, three Sentinels, two
/// replicas, loopback), it wrote again 7-19 s after the kill (4 runs), while the Sentinels had named the new primary 2.3-3.5 s
/// after it: it reconfigures through the dead primary's endpoint and waits out connect and backlog timeouts on the way.
/// Connected to every server directly, the multiplexer sees the promoted replica answer as a primary when Sentinel's
/// reconfiguration reconnects it: writes resumed 2.3-2.7 s after the kill, within 0.3 s of the promotion (4 runs).
/// </remarks>
public sealed partial class RedisConnections : IDisposable
{
    private static readonly TimeSpan RetryEvery = TimeSpan.FromSeconds(1);

    /// <summary>How often a lost connection is tried again: the servers are on the same network, and a failover is short.</summary>
    private static readonly TimeSpan ReconnectEvery = TimeSpan.FromMilliseconds(250);

    private RedisConnections(IConnectionMultiplexer main, ReplicaAcknowledgement? acknowledgement, bool isSentinel)
    {
        Main = main;
        Acknowledgement = acknowledgement;
        IsSentinel = isSentinel;
    }

    public IConnectionMultiplexer Main { get; }

    /// <summary>Null when no replica must acknowledge (a lone redis-server).</summary>
    public ReplicaAcknowledgement? Acknowledgement { get; }

    /// <summary>True when the connection string names a Sentinel service.</summary>
    public bool IsSentinel { get; }

    /// <summary>
    /// Connects, trying again every second while it cannot (a Sentinel connection cannot be made before a Sentinel names
    /// the primary; a plain one is made at once and reconnects by itself). <paramref name="replicaAcks"/>, when not set,
    /// is 1 with Sentinel (its topology has replicas) and otherwise 1 if the primary has replicas when the node starts, 0
    /// if it has none.
    /// </summary>
    public static RedisConnections Connect(string configuration, int? replicaAcks, TimeSpan ackTimeout, ILogger logger, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(configuration);
        ArgumentNullException.ThrowIfNull(logger);
        var options = Options(configuration, "resultslive");
        var isSentinel = !string.IsNullOrEmpty(options.ServiceName);
        var servers = isSentinel ? DiscoverWithRetry(options, logger, ct) : null;
        var main = ConnectWithRetry(Direct(options, servers), logger, ct);
        var replicas = replicaAcks ?? (isSentinel ? 1 : Math.Min(1, ReplicasOf(main)));
        LogReplicas(logger, replicas, replicaAcks is null ? "by default" : "as configured");
        if (replicas == 0)
        {
            return new RedisConnections(main, null, isSentinel);
        }

        var acks = ConnectWithRetry(Direct(Options(configuration, "resultslive-acks"), servers), logger, ct);
        return new RedisConnections(main, new ReplicaAcknowledgement(acks, replicas, ackTimeout), isSentinel);
    }

    public void Dispose()
    {
        Acknowledgement?.Connection.Dispose();
        Main.Dispose();
    }

    /// <summary>The connection string's options, never giving up on a server that is not there yet.</summary>
    private static ConfigurationOptions Options(string configuration, string clientName)
    {
        var options = ConfigurationOptions.Parse(configuration);
        options.AbortOnConnectFail = false;

        // A command for a server that is not connected fails at once instead of waiting in its backlog for the timeout.
        // After a failover a command queued for the old primary waits for a server that is never coming back, while the
        // new primary is already connected: ingest answers 503 at once and the client's retry reaches the new one.
        options.BacklogPolicy = BacklogPolicy.FailFast;

        // Sentinel ends every client connection of the servers it reconfigures; the default exponential backoff (up to
        // 10 s and more between attempts) then kept a node off the new primary for 10-15 s after Sentinel had named it.
        options.ReconnectRetryPolicy = new LinearRetry((int)ReconnectEvery.TotalMilliseconds);
        options.ClientName ??= clientName;
        return options;
    }

    /// <summary>With Sentinel: the same options, addressed to the primary and replicas the Sentinels know instead of to the Sentinels.</summary>
    private static ConfigurationOptions Direct(ConfigurationOptions options, IReadOnlyList<EndPoint>? servers)
    {
        if (servers is null)
        {
            return options;
        }

        var direct = options.Clone();
        direct.ServiceName = null;

        // No tie-break key: the servers themselves say which is the primary (a demoted one says replica).
        direct.TieBreaker = "";
        direct.EndPoints.Clear();
        foreach (var server in servers)
        {
            direct.EndPoints.Add(server);
        }

        return direct;
    }

    /// <summary>Asks the Sentinels for the primary and its replicas, every second until one of them answers.</summary>
    private static List<EndPoint> DiscoverWithRetry(ConfigurationOptions options, ILogger logger, CancellationToken ct)
    {
        var serviceName = options.ServiceName!;
        var sentinels = options.Clone();
        sentinels.ServiceName = null;
        sentinels.TieBreaker = "";
        sentinels.CommandMap = CommandMap.Sentinel;
        sentinels.ClientName = options.ClientName + "-sentinel";
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var connection = ConnectionMultiplexer.SentinelConnect(sentinels);
                foreach (var endpoint in connection.GetEndPoints())
                {
                    var sentinel = connection.GetServer(endpoint);
                    if (!sentinel.IsConnected)
                    {
                        continue;
                    }

                    try
                    {
                        if (sentinel.SentinelGetMasterAddressByName(serviceName) is { } primary)
                        {
                            var servers = new List<EndPoint> { primary };
                            servers.AddRange(sentinel.SentinelGetReplicaAddresses(serviceName).Where(r => !r.Equals(primary)));
                            LogDiscovered(logger, serviceName, servers);
                            return servers;
                        }
                    }
                    catch (Exception ex) when (ex is RedisException or TimeoutException)
                    {
                        // This Sentinel cannot say now; ask the next.
                    }
                }

                LogNoSentinelAnswer(logger, null, serviceName, attempt);
            }
            catch (RedisConnectionException ex)
            {
                LogNoSentinelAnswer(logger, ex, serviceName, attempt);
            }

            ct.WaitHandle.WaitOne(RetryEvery);
            ct.ThrowIfCancellationRequested();
        }
    }

    private static ConnectionMultiplexer ConnectWithRetry(ConfigurationOptions options, ILogger logger, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return ConnectionMultiplexer.Connect(options);
            }
            catch (RedisConnectionException ex)
            {
                LogConnectFailed(logger, ex, attempt);
                ct.WaitHandle.WaitOne(RetryEvery);
                ct.ThrowIfCancellationRequested();
            }
        }
    }

    /// <summary>How many replicas the primary has now; 0 if it cannot be asked.</summary>
    private static int ReplicasOf(ConnectionMultiplexer connection)
    {
        try
        {
            var primary = connection.GetServers().FirstOrDefault(s => s.IsConnected && !s.IsReplica);
            return primary?.Role() is Role.Master master ? master.Replicas.Count : 0;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            return 0;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not connect to the journal's Redis (attempt {Attempt}); trying again in a second")]
    private static partial void LogConnectFailed(ILogger logger, Exception exception, int attempt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sentinel service {Service}: the primary and replicas are {Servers}")]
    private static partial void LogDiscovered(ILogger logger, string service, IReadOnlyList<EndPoint> servers);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No Sentinel named the primary of {Service} (attempt {Attempt}); asking again in a second")]
    private static partial void LogNoSentinelAnswer(ILogger logger, Exception? exception, string service, int attempt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Journal entries must reach {Replicas} replica(s) before they are acknowledged ({How})")]
    private static partial void LogReplicas(ILogger logger, int replicas, string how);
}
