namespace ResultsLive.Web.Graphics;

/// <summary>One operator act on a channel, for the audit trail: who, what, where, and the sequence of the data it put on air.</summary>
public sealed record GraphicsAuditEvent(string Actor, string Action, string Channel, string? Layer, string? Template, string? Constituency, long? Sequence);

/// <summary>Where the graphics surface records every take, out, update, next and clear.</summary>
public interface IGraphicsAudit
{
    Task RecordAsync(GraphicsAuditEvent audit, CancellationToken ct);
}

/// <summary>Writes operator acts to the log, until the newsroom's audit trail records them (see README, "Audit").</summary>
public sealed partial class LoggingGraphicsAudit(ILogger<LoggingGraphicsAudit> logger) : IGraphicsAudit
{
    public Task RecordAsync(GraphicsAuditEvent audit, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(audit);
        Log(audit.Actor, audit.Action, audit.Channel, audit.Layer ?? "-", audit.Template ?? "-", audit.Constituency ?? "-", audit.Sequence);
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Graphics {Action} by {Actor} on {Channel}/{Layer}: {Template} {Constituency} at sequence {Sequence}")]
    private partial void Log(string actor, string action, string channel, string layer, string template, string constituency, long? sequence);
}
