using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace ResultsLive.Testing;

/// <summary>
/// A ResultsLive web node in its own process, configured through environment variables like a deployment, so that it
/// can be killed outright (SIGKILL) and started again on the same port.
/// </summary>
public sealed class WebNodeProcess : IAsyncDisposable
{
    private readonly string _dll;
    private readonly IReadOnlyDictionary<string, string> _settings;
    private readonly List<string> _output = [];
    private Process? _process;

    private WebNodeProcess(string dll, int port, IReadOnlyDictionary<string, string> settings)
    {
        _dll = dll;
        _settings = settings;
        Url = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}/"));
    }

    public Uri Url { get; }

    public int ProcessId => _process?.Id ?? 0;

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>Waits until the node prints a line that matches (what a person running it would read on the console).</summary>
    public async Task<string> WaitForOutputAsync(Func<string, bool> match, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(match);
        var waited = Stopwatch.StartNew();
        while (true)
        {
            lock (_output)
            {
                if (_output.FirstOrDefault(match) is { } line)
                {
                    return line;
                }

                if (waited.Elapsed > timeout)
                {
                    throw new TimeoutException($"the node printed no such line within {timeout}:{Environment.NewLine}{string.Join(Environment.NewLine, _output)}");
                }
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Starts a node from the web project's build output (same configuration as the caller) and waits for /healthz.</summary>
    public static async Task<WebNodeProcess> StartAsync(IReadOnlyDictionary<string, string> settings)
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var dll = Path.Combine(RepositoryRoot(), "src", "ResultsLive.Web", "bin", configuration, "net10.0", "ResultsLive.Web.dll");
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException($"build the web project first ({configuration}): {dll}", dll);
        }

        var node = new WebNodeProcess(dll, FreePort(), settings);
        await node.StartProcessAsync();
        return node;
    }

    /// <summary>Kills the process without any chance to shut down cleanly, as a crash or an OOM kill would.</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    /// <summary>
    /// SIGTERM, as a service manager or a container runtime stops a node: the host shuts down gracefully (open streams and
    /// hub connections are closed, requests in flight finish) and exits. Waits for the exit.
    /// </summary>
    public async Task StopAsync(CancellationToken ct = default)
    {
        if (_process is not { HasExited: false } process)
        {
            return;
        }

        using var kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]) { UseShellExecute = false })
            ?? throw new InvalidOperationException("could not run kill");
        await kill.WaitForExitAsync(ct);
        await process.WaitForExitAsync(ct);
    }

    /// <summary>Starts the node again on the same port after <see cref="KillAsync"/> or <see cref="StopAsync"/>.</summary>
    public Task RestartAsync() => StartProcessAsync();

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process?.Dispose();
    }

    private async Task StartProcessAsync()
    {
        _process?.Dispose();
        var start = new ProcessStartInfo("dotnet", [_dll])
        {
            WorkingDirectory = Path.GetDirectoryName(_dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ASPNETCORE_URLS"] = Url.GetLeftPart(UriPartial.Authority);

        // A load tool may run its own clients with inline socket completions; the node under test runs with the defaults.
        start.Environment.Remove("DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS");
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in _settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = _process = Process.Start(start) ?? throw new InvalidOperationException("could not start the web node");
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                lock (_output)
                {
                    _output.Add(line);
                }
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                lock (_output)
                {
                    _output.Add(line);
                }
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var http = new HttpClient { BaseAddress = Url, Timeout = TimeSpan.FromSeconds(5) };
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"the web node exited with code {process.ExitCode}:{Environment.NewLine}{LastOutput()}");
            }

            try
            {
                using var health = await http.GetAsync(new Uri("healthz", UriKind.Relative));
                if (health.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("the web node did not become healthy within 60 s");
    }

    /// <summary>The last lines the node printed (its own reason for exiting, or for a 500, is among them).</summary>
    public string LastOutput()
    {
        lock (_output)
        {
            return string.Join(Environment.NewLine, _output.TakeLast(60));
        }
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ResultsLive.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("ResultsLive.sln was not found above " + AppContext.BaseDirectory);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
