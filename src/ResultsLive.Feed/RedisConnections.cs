using Microsoft.Extensions.Logging;

using StackExchange.Redis;

namespace ResultsLive.Feed;

/// <summary>
/// A node's connections to the journal's Redis, from one connection string: a plain <c>host:port</c>, or Sentinel's
/// (<c>host:26379,host:26380,serviceName=resultslive</c>), which finds the primary and follows it through a failover.
/// <see cref="Main"/> carries everything; a second connection, made only when replicas must acknowledge entries, carries
/// <c>WAIT</c>, which holds the connection it runs on.
/// </summary>
public sealed partial class RedisConnections : IDisposable
{
    private static readonly TimeSpan RetryEvery = TimeSpan.FromSeconds(1);

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
        var main = ConnectWithRetry(options, logger, ct);
        var replicas = replicaAcks ?? (isSentinel ? 1 : Math.Min(1, ReplicasOf(main)));
        LogReplicas(logger, replicas, replicaAcks is null ? "by default" : "as configured");
        if (replicas == 0)
        {
            return new RedisConnections(main, null, isSentinel);
        }

        var acks = ConnectWithRetry(Options(configuration, "resultslive-acks"), logger, ct);
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
        options.ClientName ??= clientName;
        return options;
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Journal entries must reach {Replicas} replica(s) before they are acknowledged ({How})")]
    private static partial void LogReplicas(ILogger logger, int replicas, string how);
}
