using System.Collections.Concurrent;

namespace ResultsLive.Web.Graphics;

/// <summary>
/// Whether an output page shows the program (what is on air) or the preview (what a Take would put on air); a monitor is the
/// console's own view of the program, not counted as a playout output.
/// </summary>
public enum OutputRole
{
    Program,
    Preview,
    Monitor,
}

/// <summary>
/// The output pages connected to this node, by channel: live layers and panic Outs are sent to them directly, which reaches
/// them even while the Redis backplane is away.
/// </summary>
public sealed class OutputConnections
{
    private readonly ConcurrentDictionary<string, (string Channel, OutputRole Role)> _connections = new(StringComparer.Ordinal);

    public event Action? Changed;

    public void Add(string connectionId, string channel, OutputRole role)
    {
        _connections[connectionId] = (channel, role);
        Changed?.Invoke();
    }

    public void Remove(string connectionId)
    {
        if (_connections.TryRemove(connectionId, out _))
        {
            Changed?.Invoke();
        }
    }

    public IReadOnlyList<string> For(string channel) =>
        [.. _connections.Where(c => string.Equals(c.Value.Channel, channel, StringComparison.OrdinalIgnoreCase)).Select(c => c.Key)];

    /// <summary>How many program and preview pages of each channel this node serves.</summary>
    public IReadOnlyDictionary<string, OutputCount> Counts() =>
        _connections.Values
            .Where(c => c.Role != OutputRole.Monitor)
            .GroupBy(c => c.Channel, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(
                g => g.Key,
                g => new OutputCount(g.Count(c => c.Role == OutputRole.Program), g.Count(c => c.Role == OutputRole.Preview)),
                StringComparer.OrdinalIgnoreCase);
}

/// <summary>Output pages connected for one channel.</summary>
public sealed record OutputCount(int Program, int Preview);
