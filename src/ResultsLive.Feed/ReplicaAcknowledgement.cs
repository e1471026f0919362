using StackExchange.Redis;

namespace ResultsLive.Feed;

/// <summary>
/// How a <see cref="RedisDeclarationJournal"/> makes sure an entry has reached replicas before anyone is told of it:
/// <paramref name="Replicas"/> must have it within <paramref name="Timeout"/> (Redis <c>WAIT</c>), asked on
/// <paramref name="Connection"/>, a connection of its own because <c>WAIT</c> holds the connection it runs on.
/// </summary>
/// <param name="Connection">A second multiplexer to the same primary (a Sentinel connection follows failovers like the first).</param>
public sealed record ReplicaAcknowledgement(IConnectionMultiplexer Connection, int Replicas, TimeSpan Timeout)
{
    /// <summary>Long enough for a replica on a busy machine, short enough that ingest answers 503 rather than hang.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(1);
}
