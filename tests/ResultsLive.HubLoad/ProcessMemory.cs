using System.Diagnostics;
using System.Globalization;

namespace ResultsLive.HubLoad;

/// <summary>What the tool reads about processes: a server's resident memory and CPU time (and when it has gone quiet), and this process's open-files limit.</summary>
internal static class ProcessMemory
{
    /// <summary>User plus system CPU time the process has used so far, on all cores.</summary>
    public static TimeSpan CpuTime(int processId)
    {
        using var process = Process.GetProcessById(processId);
        return process.TotalProcessorTime;
    }

    /// <summary>
    /// Waits until the process is quiet, using under 2% of one core for half a second: the work a burst of connections
    /// left (timers, buffers going back to pools) is done, so a memory reading is not taken in the middle of it. After
    /// 30 s the reading is taken anyway.
    /// </summary>
    public static async Task QuietAsync(int processId, CancellationToken ct)
    {
        var window = TimeSpan.FromMilliseconds(500);
        var waited = Stopwatch.StartNew();
        using var timer = new PeriodicTimer(window);
        var cpu = CpuTime(processId);
        while (waited.Elapsed < TimeSpan.FromSeconds(30) && await timer.WaitForNextTickAsync(ct).ConfigureAwait(false))
        {
            var now = CpuTime(processId);
            if (now - cpu < window * 0.02)
            {
                return;
            }

            cpu = now;
        }
    }

    /// <summary>VmRSS in bytes: resident memory, managed heap (including garbage not yet collected) and native alike.</summary>
    public static long ResidentBytes(int processId) => Field($"/proc/{processId}/status", "VmRSS:") * 1024;

    /// <summary>The soft RLIMIT_NOFILE: every socket, client or server side, is a file descriptor.</summary>
    public static long OpenFilesLimit()
    {
        var line = File.ReadLines("/proc/self/limits").FirstOrDefault(l => l.StartsWith("Max open files", StringComparison.Ordinal));
        var soft = line?["Max open files".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        return soft is null ? -1 : soft == "unlimited" ? long.MaxValue : long.Parse(soft, CultureInfo.InvariantCulture);
    }

    private static long Field(string path, string name)
    {
        var line = File.ReadLines(path).FirstOrDefault(l => l.StartsWith(name, StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"{path} has no {name} line");
        return long.Parse(line[name.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
    }
}
