using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

using StackExchange.Redis;

namespace ResultsLive.Testing;

/// <summary>
/// The journal's Redis as run for high availability, all on loopback: a primary, replicas and Sentinels started from the
/// repository's infra/redis files (redis.conf with replication.conf; sentinel.conf), each its own real process, so a test
/// can SIGKILL the primary and watch the Sentinels promote a replica.
/// </summary>
public sealed partial class RedisTopology : IAsyncDisposable
{
    public const string ServiceName = "resultslive";

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private readonly List<RedisServer> _servers;
    private readonly List<RedisServer> _sentinels;

    private RedisTopology(List<RedisServer> servers, List<RedisServer> sentinels)
    {
        _servers = servers;
        _sentinels = sentinels;
    }

    /// <summary>The first primary, then the replicas, as started (which is primary now: <see cref="PrimaryAsync"/>).</summary>
    public IReadOnlyList<RedisServer> Servers => _servers;

    public IReadOnlyList<RedisServer> Sentinels => _sentinels;

    /// <summary>What a node puts in <c>ResultsLive:Redis</c>: every Sentinel and the service name.</summary>
    public string SentinelConnectionString =>
        string.Join(',', _sentinels.Select(s => string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{s.Port}")))
        + $",serviceName={ServiceName},abortConnect=false";

    /// <summary>
    /// Starts a primary, <paramref name="replicas"/> replicas of it and <paramref name="sentinels"/> Sentinels watching them
    /// (quorum: a majority), and returns once every replica is in sync and every Sentinel knows every server.
    /// <paramref name="downAfter"/> replaces sentinel.conf's down-after-milliseconds (tests use less than deployments).
    /// </summary>
    public static async Task<RedisTopology> StartAsync(int replicas = 2, int sentinels = 3, TimeSpan? downAfter = null, CancellationToken ct = default)
    {
        var replication = RedisServer.InfraFile("replication.conf");
        var servers = new List<RedisServer>();
        var watchers = new List<RedisServer>();
        var topology = new RedisTopology(servers, watchers);
        try
        {
            // A lone primary cannot take writes with min-replicas-to-write 1 until its replicas are there, which is the point.
            var primary = await RedisServer.StartAsync(["--include", replication], ct).ConfigureAwait(false);
            servers.Add(primary);
            for (var i = 0; i < replicas; i++)
            {
                servers.Add(await RedisServer.StartAsync(
                    ["--include", replication, "--replicaof", "127.0.0.1", primary.Port.ToString(CultureInfo.InvariantCulture)], ct).ConfigureAwait(false));
            }

            await WaitForReplicasAsync(primary, replicas, ct).ConfigureAwait(false);
            var template = await File.ReadAllTextAsync(RedisServer.InfraFile("sentinel.conf"), ct).ConfigureAwait(false);
            var quorum = (sentinels / 2) + 1;
            for (var i = 0; i < sentinels; i++)
            {
                watchers.Add(await RedisServer.StartSentinelAsync(port => SentinelConfig(template, port, primary.Port, quorum, downAfter), ct).ConfigureAwait(false));
            }

            await topology.WaitForSentinelsAsync(replicas, ct).ConfigureAwait(false);
            return topology;
        }
        catch
        {
            await topology.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The server the Sentinels name as primary now.</summary>
    public async Task<RedisServer> PrimaryAsync(CancellationToken ct = default)
    {
        var port = await SentinelPrimaryPortAsync(ct).ConfigureAwait(false);
        return _servers.Single(s => s.Port == port);
    }

    /// <summary>Waits until the Sentinels name another primary than <paramref name="old"/>, and returns it.</summary>
    public async Task<RedisServer> WaitForFailoverAsync(RedisServer old, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(old);
        var waited = Stopwatch.StartNew();
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            try
            {
                var port = await SentinelPrimaryPortAsync(ct).ConfigureAwait(false);
                if (port != old.Port)
                {
                    return _servers.Single(s => s.Port == port);
                }
            }
            catch (InvalidOperationException)
            {
                // No Sentinel answered just now; ask again.
            }

            if (waited.Elapsed > Patience)
            {
                throw new TimeoutException($"the Sentinels did not fail over from port {old.Port} within {Patience}");
            }

            await Task.Delay(20, ct).ConfigureAwait(false);
        }
    }

    /// <summary>Waits until <paramref name="primary"/> reports <paramref name="count"/> replicas online and caught up.</summary>
    public static async Task WaitForReplicasAsync(RedisServer primary, int count, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(primary);
        var waited = Stopwatch.StartNew();
        await using var connection = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{primary.Port},abortConnect=false,allowAdmin=true").ConfigureAwait(false);
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            try
            {
                var info = (string?)await connection.GetDatabase().ExecuteAsync("INFO", "replication").ConfigureAwait(false) ?? "";
                if (OnlineReplica().Count(info) >= count)
                {
                    return;
                }
            }
            catch (RedisException)
            {
                // Loading, or reconnecting: ask again.
            }

            if (waited.Elapsed > Patience)
            {
                throw new TimeoutException($"redis-server on port {primary.Port} did not have {count} replicas online within {Patience}");
            }

            await Task.Delay(20, ct).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        // Sentinels first, so none of them fails anything over while the servers stop.
        foreach (var server in _sentinels.Concat(_servers))
        {
            await server.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>sentinel.conf as deployed, monitoring this primary, on this port.</summary>
    private static string SentinelConfig(string template, int port, int primaryPort, int quorum, TimeSpan? downAfter)
    {
        var config = MonitorLine().Replace(template, $"sentinel monitor {ServiceName} 127.0.0.1 {primaryPort} {quorum}");
        if (downAfter is { } after)
        {
            config = DownAfterLine().Replace(config, $"sentinel down-after-milliseconds {ServiceName} {(int)after.TotalMilliseconds}");
        }

        return config + string.Create(CultureInfo.InvariantCulture, $"\nport {port}\n");
    }

    private async Task WaitForSentinelsAsync(int replicas, CancellationToken ct)
    {
        var waited = Stopwatch.StartNew();
        foreach (var sentinel in _sentinels)
        {
            while (true)
            {
                ct.ThrowIfCancellationRequested();
                try
                {
                    var known = (object?[])(await RespClient.CallAsync(sentinel.Port, ["SENTINEL", "REPLICAS", ServiceName], ct).ConfigureAwait(false))!;
                    var others = (object?[])(await RespClient.CallAsync(sentinel.Port, ["SENTINEL", "SENTINELS", ServiceName], ct).ConfigureAwait(false))!;
                    if (known.Length >= replicas && others.Length >= _sentinels.Count - 1)
                    {
                        break;
                    }
                }
                catch (Exception ex) when (ex is IOException or System.Net.Sockets.SocketException or InvalidOperationException or InvalidCastException)
                {
                }

                if (waited.Elapsed > Patience)
                {
                    throw new TimeoutException($"the Sentinel on port {sentinel.Port} did not learn the topology within {Patience}:{Environment.NewLine}{sentinel.Output}");
                }

                await Task.Delay(50, ct).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Asks the Sentinels in turn where the primary is, until one answers.</summary>
    private async Task<int> SentinelPrimaryPortAsync(CancellationToken ct)
    {
        foreach (var sentinel in _sentinels.Where(s => s.IsRunning))
        {
            try
            {
                if (await RespClient.CallAsync(sentinel.Port, ["SENTINEL", "GET-MASTER-ADDR-BY-NAME", ServiceName], ct).ConfigureAwait(false) is object?[] { Length: 2 } address)
                {
                    return int.Parse((string)address[1]!, CultureInfo.InvariantCulture);
                }
            }
            catch (Exception ex) when (ex is IOException or System.Net.Sockets.SocketException or InvalidOperationException
                || (ex is OperationCanceledException && !ct.IsCancellationRequested))
            {
                // Down, refusing, or too slow to answer within RespClient's own timeout (a loaded machine): ask the next.
            }
        }

        throw new InvalidOperationException("no Sentinel named a primary");
    }

    [GeneratedRegex(@"^sentinel monitor .*$", RegexOptions.Multiline)]
    private static partial Regex MonitorLine();

    [GeneratedRegex(@"^sentinel down-after-milliseconds .*$", RegexOptions.Multiline)]
    private static partial Regex DownAfterLine();

    [GeneratedRegex(@"^slave\d+:.*state=online", RegexOptions.Multiline)]
    private static partial Regex OnlineReplica();
}
