using System.Diagnostics;
using System.Globalization;

namespace ResultsLive.IngestLoad;

/// <summary>
/// CPU time used by each process of a measurement over a window, so a rate can be read as "where did each request's
/// CPU go" on a machine whose cores the server, Redis and the load generator all share.
/// </summary>
internal sealed class CpuMeter
{
    private readonly (string Name, Process Process, TimeSpan Start)[] _processes;
    private readonly long _started = Stopwatch.GetTimestamp();

    private CpuMeter((string Name, Process Process, TimeSpan Start)[] processes) => _processes = processes;

    public static CpuMeter Start(params (string Name, int ProcessId)[] processes) =>
        new([.. processes.Select(p =>
        {
            var process = Process.GetProcessById(p.ProcessId);
            return (p.Name, process, process.TotalProcessorTime);
        })]);

    /// <summary>Each process's CPU per operation in microseconds, and the share of the machine's cores it used.</summary>
    public string PerOperation(long operations)
    {
        var wall = Stopwatch.GetElapsedTime(_started);
        return string.Join("; ", _processes.Select(p =>
        {
            p.Process.Refresh();
            var used = p.Process.TotalProcessorTime - p.Start;
            var share = used / wall / Environment.ProcessorCount;
            return string.Create(CultureInfo.InvariantCulture, $"{p.Name} {used.TotalMicroseconds / operations:0} µs ({share:P0} of all cores)");
        }));
    }
}
