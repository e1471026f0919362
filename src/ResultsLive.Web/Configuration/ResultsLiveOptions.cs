using ResultsLive.Core.Model;

namespace ResultsLive.Web.Configuration;

/// <summary>The <c>ResultsLive</c> configuration section (DESIGN.md, "Configuration"); environment variables use <c>__</c>.</summary>
public sealed class ResultsLiveOptions
{
    public const string Section = "ResultsLive";

    /// <summary>StackExchange.Redis connection string; empty means the in-memory journal.</summary>
    public string? Redis { get; set; }

    /// <summary><c>live</c> (default with real data) or <c>test</c>; the demo night is always <c>demo</c>.</summary>
    public string? Mode { get; set; }

    public ElectionSourceOptions Election { get; set; } = new();

    public IngestOptions Ingest { get; set; } = new();

    public DemoOptions Demo { get; set; } = new();

    public JournalOptions Journal { get; set; } = new();

    public PushOptions Push { get; set; } = new();

    /// <summary>True when no election files are configured, so the synthetic demo night runs.</summary>
    public bool IsDemo => string.IsNullOrWhiteSpace(Election.Candidates);
}

/// <summary>Where the election definition comes from: the House of Commons Library's files.</summary>
public sealed class ElectionSourceOptions
{
    public string? Id { get; set; }

    public string? Name { get; set; }

    /// <summary>Results-by-candidate CSV: the nominations (names and parties).</summary>
    public string? Candidates { get; set; }

    /// <summary>Results-by-constituency CSV: electorate, region, nation.</summary>
    public string? Constituencies { get; set; }

    public string? Baseline { get; set; }

    public BaselineKind BaselineKind { get; set; } = BaselineKind.Notional;

    public string? Hexmap { get; set; }
}

/// <summary>Who may post declarations and status changes.</summary>
public sealed class IngestOptions
{
    /// <summary>Accepted values of the <c>X-Api-Key</c> header. From configuration or secrets, never from the repository.</summary>
    public IList<string> ApiKeys { get; } = [];
}

/// <summary>The synthetic night that runs when no election is configured.</summary>
public sealed class DemoOptions
{
    public int Seats { get; set; } = 650;

    /// <summary>How long the whole night takes, from the first declaration to the last.</summary>
    public TimeSpan Duration { get; set; } = TimeSpan.FromMinutes(10);

    public int Seed { get; set; } = 2024;

    /// <summary>Set false to load the demo election without declaring anything (tests drive it themselves).</summary>
    public bool AutoDeclare { get; set; } = true;
}

/// <summary>How the journal in Redis makes an entry safe before anyone hears of it.</summary>
public sealed class JournalOptions
{
    /// <summary>
    /// Replicas that must have an entry before ingest answers and any node applies it (Redis WAIT). Unset: 1 with a
    /// Sentinel connection string, else 1 if the primary has replicas when the node starts, else 0.
    /// </summary>
    public int? ReplicaAcks { get; set; }

    /// <summary>How long to wait for them; past it ingest answers 503 and readiness says degraded.</summary>
    public TimeSpan ReplicaAckTimeout { get; set; } = Feed.ReplicaAcknowledgement.DefaultTimeout;
}

/// <summary>How the hubs (<c>/hubs/results</c>, <c>/hubs/graphics</c>, <c>/hubs/desk</c>) treat a client that stops taking its pushes.</summary>
public sealed class PushOptions
{
    /// <summary>
    /// How long one send to a client may take before the node closes that connection (SignalR's
    /// <c>TransportSendTimeout</c>); a results client reconnects and fills the gap by sequence, a graphics output
    /// rebuilds from its channel's state, a desk client reconnects. Nobody else's pushes wait for it meanwhile.
    /// </summary>
    public TimeSpan SendTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
