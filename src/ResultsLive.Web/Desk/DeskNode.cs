using System.Globalization;

namespace ResultsLive.Web.Desk;

/// <summary>This node's name in webhook leases and the delivery log: unique per process, so a restarted node is a new holder.</summary>
public sealed class DeskNode
{
    public string Name { get; } = string.Create(CultureInfo.InvariantCulture, $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..6]}");
}
