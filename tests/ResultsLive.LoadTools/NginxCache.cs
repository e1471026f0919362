using System.Diagnostics;
using System.Globalization;

namespace ResultsLive.LoadTools;

/// <summary>
/// nginx in front of a web node as infra/scripts/cluster.sh deploys it: the config made from
/// infra/nginx/resultslive.conf.template with the same substitutions, infra/nginx/public-cache.conf included unchanged,
/// under a prefix, pid and temp paths of its own; the one addition is an access log of this tool's own format, which
/// the cache figures are read from.
/// </summary>
internal sealed class NginxCache : IAsyncDisposable
{
    /// <summary>
    /// One line per request: what the cache did, the status, which node it went to ("-": none; a list when it tried
    /// more than one), the address.
    /// </summary>
    private const string LogFormat = "log_format resultslive_load '$upstream_cache_status|$status|$upstream_addr|$request_uri';";

    private readonly Process _process;
    private readonly string _prefix;

    private NginxCache(Process process, string prefix, Uri baseAddress)
    {
        _process = process;
        _prefix = prefix;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public string AccessLog => Path.Combine(_prefix, "access.log");

    /// <summary>Starts nginx on a free loopback port in front of <paramref name="node"/> (both of the template's node slots).</summary>
    public static async Task<NginxCache> StartAsync(string repository, string prefix, Uri node)
    {
        // Started as root, nginx's worker runs as nobody, and must reach its cache and temp paths under the prefix.
        Directory.CreateDirectory(prefix);
        if (!OperatingSystem.IsWindows())
        {
            const UnixFileMode open = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;
            File.SetUnixFileMode(Path.GetDirectoryName(prefix)!, open);
            File.SetUnixFileMode(prefix, open);
        }

        var port = WebNodeProcess.FreePort();
        var upstream = $"{node.Host}:{node.Port}";
        var template = await File.ReadAllTextAsync(Path.Combine(repository, "infra", "nginx", "resultslive.conf.template"));
        var config = template
            .Replace("${RUNTIME}", prefix, StringComparison.Ordinal)
            .Replace("${NODE1}", upstream, StringComparison.Ordinal)
            .Replace("${NODE2}", upstream, StringComparison.Ordinal)
            .Replace("${LISTEN}", $"127.0.0.1:{port}", StringComparison.Ordinal);
        const string off = "    access_log off;\n";
        if (!config.Contains(off, StringComparison.Ordinal))
        {
            throw new InvalidOperationException("the template no longer turns its access log off in http {}: this tool adds its own there");
        }

        // Written as it happens (no buffer), so the log is complete whenever it is read.
        config = config.Replace(off, $"    {LogFormat}\n    access_log {Path.Combine(prefix, "access.log")} resultslive_load;\n", StringComparison.Ordinal);
        await File.WriteAllTextAsync(Path.Combine(prefix, "nginx.conf"), config);
        File.Copy(Path.Combine(repository, "infra", "nginx", "public-cache.conf"), Path.Combine(prefix, "public-cache.conf"), overwrite: true);

        var info = new ProcessStartInfo("/usr/sbin/nginx", ["-c", Path.Combine(prefix, "nginx.conf"), "-p", prefix, "-e", "stderr"])
        {
            UseShellExecute = false,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start nginx");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { Length: > 0 } line)
            {
                Console.Error.WriteLine($"  [nginx] {line}");
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var nginx = new NginxCache(process, prefix, new Uri($"http://127.0.0.1:{port}/"));
        if (!await WebNodeProcess.HealthyAsync(nginx.BaseAddress, process, TimeSpan.FromSeconds(30)))
        {
            await nginx.DisposeAsync();
            throw new InvalidOperationException("nginx did not come up in front of the node");
        }

        return nginx;
    }

    /// <summary>The access log's lines so far, parsed.</summary>
    public IReadOnlyList<CacheLogLine> ReadLog() =>
        [.. File.ReadLines(AccessLog).Select(CacheLogLine.Parse).OfType<CacheLogLine>()];

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            // A fast shutdown (TERM): the master stops its worker, which closes the stream it still holds open.
            using (var term = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await term!.WaitForExitAsync();
            }

            using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await _process.WaitForExitAsync(patience.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }

        _process.Dispose();
    }
}

/// <summary>One request as nginx logged it in the tool's format.</summary>
internal sealed record CacheLogLine(string CacheStatus, int Status, string Upstream, string Uri)
{
    /// <summary>Whether the request reached a node (nginx logs "-" for its upstream when the cache answered alone).</summary>
    public bool ReachedNode => Upstream != "-";

    public static CacheLogLine? Parse(string line)
    {
        var fields = line.Split('|', 4);
        return fields.Length == 4 && int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var status)
            ? new CacheLogLine(fields[0], status, fields[2], fields[3])
            : null;
    }
}
