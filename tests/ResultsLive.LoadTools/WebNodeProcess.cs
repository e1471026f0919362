using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

using ResultsLive.Testing;

namespace ResultsLive.LoadTools;

/// <summary>
/// The web node under measurement as a child process: the published app in Release, workstation GC, the 2024 election,
/// with this tool's startup hook so its managed heap can be measured after a forced full GC.
/// </summary>
internal sealed class WebNodeProcess : IAsyncDisposable
{
    public const string ApiKey = "load-tool-ingest-key-0123456789";

    private readonly Process _process;
    private readonly string _report;

    private WebNodeProcess(Process process, Uri baseAddress, string report)
    {
        _process = process;
        BaseAddress = baseAddress;
        _report = report;
    }

    public Uri BaseAddress { get; }

    public int ProcessId => _process.Id;

    /// <param name="output">Given each line the node writes to standard output (its console log), as it comes.</param>
    public static async Task<WebNodeProcess> StartAsync(string published, string? redis, IReadOnlyDictionary<string, string>? settings = null, Action<string>? output = null)
    {
        var port = FreePort();
        var report = Path.Combine(Path.GetTempPath(), $"resultslive-memory-{Environment.ProcessId}-{port}.txt");
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = published,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.ArgumentList.Add(Path.Combine(published, "ResultsLive.Web.dll"));
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add($"http://127.0.0.1:{port}");
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["DOTNET_gcServer"] = "0";
        info.Environment["DOTNET_STARTUP_HOOKS"] = typeof(WebNodeProcess).Assembly.Location;
        info.Environment["RESULTSLIVE_MEMORY_REPORT"] = report;
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in SharedData.Election2024Settings(redis ?? "", ApiKey).Concat(settings ?? new Dictionary<string, string>()))
        {
            info.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start the web node");
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                output?.Invoke(line);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { Length: > 0 } line)
            {
                Console.Error.WriteLine($"  [node] {line}");
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var node = new WebNodeProcess(process, new Uri($"http://127.0.0.1:{port}/"), report);
        if (!await HealthyAsync(node.BaseAddress, process, TimeSpan.FromSeconds(60)))
        {
            await node.DisposeAsync();
            throw new InvalidOperationException("the web node did not become healthy");
        }

        return node;
    }

    /// <summary>Whether <c>/healthz</c> at <paramref name="baseAddress"/> answers 2xx within <paramref name="within"/>, while <paramref name="process"/> runs.</summary>
    internal static async Task<bool> HealthyAsync(Uri baseAddress, Process process, TimeSpan within)
    {
        using var client = new HttpClient { BaseAddress = baseAddress };
        var deadline = Stopwatch.StartNew();
        while (!process.HasExited && deadline.Elapsed < within)
        {
            try
            {
                using var response = await client.GetAsync(new Uri("healthz", UriKind.Relative));
                if (response.IsSuccessStatusCode)
                {
                    return true;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(200);
        }

        return false;
    }

    /// <summary>Forces full GCs in the node and reads back its managed heap (bytes), heap size after GC and working set.</summary>
    public async Task<(long Managed, long LargeObjects, long WorkingSet)> MeasureMemoryAsync()
    {
        File.Delete(_report);
        using (var kill = Process.Start("kill", ["-USR1", _process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill!.WaitForExitAsync();
        }

        var deadline = Stopwatch.StartNew();
        while (!File.Exists(_report))
        {
            if (deadline.Elapsed > TimeSpan.FromSeconds(30))
            {
                throw new TimeoutException("the node did not report its memory");
            }

            await Task.Delay(50);
        }

        var parts = (await File.ReadAllTextAsync(_report)).Split(' ');
        return (long.Parse(parts[0], CultureInfo.InvariantCulture), long.Parse(parts[1], CultureInfo.InvariantCulture), long.Parse(parts[2], CultureInfo.InvariantCulture));
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        File.Delete(_report);
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
