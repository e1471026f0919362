using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace ResultsLive.HubLoad;

/// <summary>This executable again, as the bare hub server (<see cref="BareHubServer"/>) in its own process, like the web node.</summary>
internal sealed class BareHubProcess : IAsyncDisposable
{
    private readonly Process _process;

    private BareHubProcess(Process process, Uri url)
    {
        _process = process;
        Url = url;
    }

    public Uri Url { get; }

    public int ProcessId => _process.Id;

    public static async Task<BareHubProcess> StartAsync(CancellationToken ct)
    {
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet", [typeof(BareHubProcess).Assembly.Location, "--bare-hub-server", port.ToString(CultureInfo.InvariantCulture)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the bare hub server");
        process.OutputDataReceived += static (_, _) => { };
        process.ErrorDataReceived += static (_, e) =>
        {
            if (e.Data is { } line)
            {
                Console.Error.WriteLine($"     [bare hub] {line}");
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var server = new BareHubProcess(process, new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}/")));
        try
        {
            await server.WaitUntilHealthyAsync(ct).ConfigureAwait(false);
            return server;
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().ConfigureAwait(false);
        }

        _process.Dispose();
    }

    private async Task WaitUntilHealthyAsync(CancellationToken ct)
    {
        using var http = new HttpClient { BaseAddress = Url, Timeout = TimeSpan.FromSeconds(5) };
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"the bare hub server exited with code {_process.ExitCode}");
            }

            try
            {
                using var health = await http.GetAsync(new Uri("healthz", UriKind.Relative), ct).ConfigureAwait(false);
                if (health.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException || (ex is TaskCanceledException && !ct.IsCancellationRequested))
            {
                // Not listening yet.
            }

            await Task.Delay(100, ct).ConfigureAwait(false);
        }

        throw new TimeoutException("the bare hub server did not become healthy within 60 s");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
