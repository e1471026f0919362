using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ResultsLive.Testing;

/// <summary>
/// A real <c>redis-server</c> for tests, started with the repository's infra/redis/redis.conf on a free loopback port and
/// its own data directory. Tests that need Redis's behaviour (Lua atomicity, pub/sub, AOF durability) use this, never a fake.
/// </summary>
public sealed class RedisServer : IAsyncDisposable, IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private static readonly byte[] PingCommand = "PING\r\n"u8.ToArray();
    private static readonly ConcurrentDictionary<RedisServer, bool> Running = new();

    private readonly string _executable;
    private readonly IReadOnlyList<string> _arguments;
    private readonly StringBuilder _output = new();
    private Process? _process;

    static RedisServer()
    {
        // A run that ends without disposing a server (a crashed fixture) still leaves no redis-server behind.
        AppDomain.CurrentDomain.ProcessExit += static (_, _) =>
        {
            foreach (var server in Running.Keys)
            {
                server.KillProcess();
            }
        };
    }

    private RedisServer(string executable, IReadOnlyList<string> arguments, int port, string dataDirectory)
    {
        _executable = executable;
        _arguments = arguments;
        Port = port;
        DataDirectory = dataDirectory;
    }

    public int Port { get; }

    /// <summary>The server's <c>--dir</c>: the AOF lives here and survives <see cref="KillAsync"/> and <see cref="RestartAsync"/>.</summary>
    public string DataDirectory { get; }

    /// <summary>A StackExchange.Redis connection string; <c>abortConnect=false</c> so clients ride out a restart.</summary>
    public string ConnectionString => string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{Port},abortConnect=false");

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>The redis-server process id (0 when not running), for load tools that account for its CPU.</summary>
    public int ProcessId => _process is { HasExited: false } process ? process.Id : 0;

    /// <summary>What the server printed, for failure messages.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts a server and returns once it answers PING.</summary>
    public static Task<RedisServer> StartAsync(CancellationToken ct = default) => StartAsync([], ct);

    /// <summary>
    /// Starts a server with infra/redis/redis.conf and more settings after it (<c>--replicaof</c>, <c>--include</c> …), and
    /// returns once it answers PING.
    /// </summary>
    public static Task<RedisServer> StartAsync(IReadOnlyList<string> settings, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var config = InfraFile("redis.conf");

        // Each server runs from its own copy: a Sentinel failover sends CONFIG REWRITE, which writes the server's
        // replication state into the file it was started from, and that must never be the repository's.
        return LaunchOnFreePortAsync(
            (port, dir) =>
            {
                var copy = Path.Combine(dir, "redis.conf");
                File.Copy(config, copy);
                return [copy, "--port", port.ToString(CultureInfo.InvariantCulture), "--dir", dir, "--daemonize", "no", .. settings];
            },
            ct);
    }

    /// <summary>
    /// Starts a Sentinel (the same binary, <c>--sentinel</c>) from the configuration <paramref name="config"/> writes for its
    /// port into its own directory (Sentinel rewrites its file as it learns the topology), and returns once it answers PING.
    /// </summary>
    public static Task<RedisServer> StartSentinelAsync(Func<int, string> config, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        return LaunchOnFreePortAsync(
            (port, dir) =>
            {
                var file = Path.Combine(dir, "sentinel.conf");
                File.WriteAllText(file, config(port) + $"\ndir {dir}\n");
                return [file, "--sentinel"];
            },
            ct);
    }

    /// <summary>A file of the repository's infra/redis folder.</summary>
    public static string InfraFile(string name)
    {
        var path = Path.Combine(RepositoryRoot(), "infra", "redis", name);
        return File.Exists(path) ? path : throw new FileNotFoundException($"the Redis configuration the tests use is missing: {path}", path);
    }

    private static async Task<RedisServer> LaunchOnFreePortAsync(Func<int, string, IReadOnlyList<string>> arguments, CancellationToken ct)
    {
        var executable = LocateExecutable();
        for (var attempt = 1; ; attempt++)
        {
            var port = FreePort();
            var dir = Directory.CreateTempSubdirectory("resultslive-redis-").FullName;
            var server = new RedisServer(executable, arguments(port, dir), port, dir);
            try
            {
                await server.LaunchAsync(ct).ConfigureAwait(false);
                return server;
            }
            catch (InvalidOperationException) when (attempt < 3)
            {
                // Most likely another process took the port between probing it and starting: try another one.
                await server.DisposeAsync().ConfigureAwait(false);
            }
            catch
            {
                await server.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }
    }

    /// <summary>SIGKILL: no shutdown, no final fsync. What was acknowledged must already be on disk.</summary>
    public async Task KillAsync()
    {
        if (_process is not { } process)
        {
            return;
        }

        if (!process.HasExited)
        {
            process.Kill();
        }

        await process.WaitForExitAsync().ConfigureAwait(false);
        Forget(process);
    }

    /// <summary>
    /// SIGSTOP: the process stops answering but its connections stay open, as a hung server or a stalled network looks to
    /// its peers (a replica that no longer acknowledges, though its primary still counts it). <see cref="ResumeAsync"/> ends it.
    /// </summary>
    public Task SuspendAsync() => SignalAsync("-STOP");

    /// <summary>SIGCONT after <see cref="SuspendAsync"/>.</summary>
    public Task ResumeAsync() => SignalAsync("-CONT");

    /// <summary>Starts the server again on the same port with the same data directory, so it reloads its AOF.</summary>
    public Task RestartAsync(CancellationToken ct = default)
    {
        if (IsRunning)
        {
            throw new InvalidOperationException("redis-server is still running; kill it before restarting it");
        }

        return LaunchAsync(ct);
    }

    private async Task SignalAsync(string signal)
    {
        var process = _process ?? throw new InvalidOperationException("redis-server is not running");
        using var kill = Process.Start(new ProcessStartInfo("kill", [signal, process.Id.ToString(CultureInfo.InvariantCulture)]) { UseShellExecute = false })
            ?? throw new InvalidOperationException("could not run kill");
        await kill.WaitForExitAsync().ConfigureAwait(false);
        if (kill.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill {signal} {process.Id} exited with {kill.ExitCode}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync().ConfigureAwait(false);
        DeleteDataDirectory();
    }

    public void Dispose()
    {
        KillProcess();
        DeleteDataDirectory();
    }

    private async Task LaunchAsync(CancellationToken ct)
    {
        var info = new ProcessStartInfo(_executable)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in _arguments)
        {
            info.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => Record(e.Data);
        process.ErrorDataReceived += (_, e) => Record(e.Data);
        process.Start();
        _process = process;
        Running[this] = true;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var started = Stopwatch.GetTimestamp();
        while (!await PingAsync(ct).ConfigureAwait(false))
        {
            if (process.HasExited)
            {
                var exitCode = process.ExitCode;
                Forget(process);
                throw new InvalidOperationException(
                    $"redis-server exited with code {exitCode} before answering on port {Port}:{Environment.NewLine}{Output}");
            }

            if (Stopwatch.GetElapsedTime(started) > StartTimeout)
            {
                KillProcess();
                throw new InvalidOperationException($"redis-server did not answer PING on port {Port} within {StartTimeout}:{Environment.NewLine}{Output}");
            }

            await Task.Delay(25, ct).ConfigureAwait(false);
        }
    }

    /// <summary>True once the server answers +PONG; while it loads its AOF it answers -LOADING, which is not ready.</summary>
    private async Task<bool> PingAsync(CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(1));
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, Port, timeout.Token).ConfigureAwait(false);
            var stream = client.GetStream();
            await stream.WriteAsync(PingCommand, timeout.Token).ConfigureAwait(false);
            var buffer = new byte[64];
            var read = await stream.ReadAsync(buffer, timeout.Token).ConfigureAwait(false);
            return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (Exception ex) when (ex is SocketException or IOException || (ex is OperationCanceledException && !ct.IsCancellationRequested))
        {
            return false;
        }
    }

    private void KillProcess()
    {
        if (_process is not { } process)
        {
            return;
        }

        try
        {
            if (!process.HasExited)
            {
                process.Kill();
                process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
            // It exited between the check and the kill.
        }

        Forget(process);
    }

    private void Forget(Process process)
    {
        process.Dispose();
        _process = null;
        Running.TryRemove(this, out _);
    }

    private void DeleteDataDirectory()
    {
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
        catch (IOException)
        {
            // A temp directory left behind is not worth failing a test over.
        }
    }

    private void Record(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private static string LocateExecutable()
    {
        var path = Environment.GetEnvironmentVariable("REDIS_SERVER") is { Length: > 0 } configured ? configured : "/usr/bin/redis-server";
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException(
                $"redis-server was not found at '{path}'. Install it (Debian: apt-get install redis-server) or set REDIS_SERVER "
                + "to its path; the tests that need Redis run against a real server and are never skipped.",
                path);
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

        throw new DirectoryNotFoundException("no folder above " + AppContext.BaseDirectory + " contains ResultsLive.sln");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
