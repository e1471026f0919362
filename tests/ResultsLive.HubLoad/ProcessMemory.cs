using System.Diagnostics;
using System.Globalization;

namespace ResultsLive.HubLoad;

/// <summary>What the tool reads about processes: a server's resident memory and CPU time, and this process's open-files limit.</summary>
internal static class ProcessMemory
{
    /// <summary>User plus system CPU time the process has used so far, on all cores.</summary>
    public static TimeSpan CpuTime(int processId)
    {
        using var process = Process.GetProcessById(processId);
        return process.TotalProcessorTime;
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
