using System.Diagnostics;
using System.Globalization;

namespace ResultsLive.HubLoad;

/// <summary>
/// The last resort when a run is abandoned (a second Ctrl+C, a SIGTERM that cannot wait): kills every process this tool
/// started — redis-server, the web node, the bare hub — found as its children in /proc, so none is left holding
/// 10,000 sockets' worth of memory. The ordinary way out disposes each of them instead.
/// </summary>
internal static class ChildProcesses
{
    public static void KillAll()
    {
        foreach (var id in ChildIds())
        {
            try
            {
                using var child = Process.GetProcessById(id);
                child.Kill(entireProcessTree: true);
            }
            catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
            {
                // Already gone.
            }
        }
    }

    private static List<int> ChildIds()
    {
        var children = new List<int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                continue;
            }

            try
            {
                // "pid (comm) state ppid …": comm may hold spaces and parentheses, so read from after the last ')'.
                var stat = File.ReadAllText(Path.Combine(directory, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                if (int.Parse(fields[1], CultureInfo.InvariantCulture) == Environment.ProcessId)
                {
                    children.Add(id);
                }
            }
            catch (IOException)
            {
                // The process ended while the list was read.
            }
        }

        return children;
    }
}
