using System.Globalization;

using ResultsLive.Web.Audit;

namespace ResultsLive.Web.Graphics;

/// <summary>One operator act on a channel, for the audit trail: who, what, where, and the sequence of the data it put on air.</summary>
public sealed record GraphicsAuditEvent(string Actor, string Action, string Channel, string? Layer, string? Template, string? Constituency, long? Sequence);

/// <summary>Where the graphics surface records every take, out, update, next and clear.</summary>
public interface IGraphicsAudit
{
    Task RecordAsync(GraphicsAuditEvent audit, CancellationToken ct);
}

/// <summary>
/// Operator acts in the newsroom's audit trail: action <c>take</c>, <c>out</c>, <c>update</c>, <c>next</c> or <c>clear</c>;
/// target <c>channel/layer</c>; detail the template, the seat and the sequence of the data the act put on air (or took off).
/// </summary>
public sealed class AuditTrailGraphicsAudit(IAuditTrail trail, NodeIdentity node, TimeProvider time) : IGraphicsAudit
{
    public Task RecordAsync(GraphicsAuditEvent audit, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(audit);
        var detail = string.Join(' ', new[] { audit.Template, audit.Constituency, audit.Sequence is { } s ? string.Create(CultureInfo.InvariantCulture, $"at sequence {s}") : null }
            .Where(part => part is not null));
        var target = audit.Layer is null ? audit.Channel : $"{audit.Channel}/{audit.Layer}";
        return trail.RecordAsync(
            new AuditEvent(time.GetUtcNow(), audit.Actor, audit.Action, AuditEvent.Clean(target), AuditEvent.Clean(detail), node.Name), ct);
    }
}
