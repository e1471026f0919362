using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace ResultsLive.IngestLoad;

/// <summary>The ceiling to compare ingest with: <c>redis-benchmark</c> doing bare XADDs against the same server.</summary>
internal static partial class RawXadd
{
    public static async Task<double> MeasureAsync(int port, int clients, int requests)
    {
        var start = new ProcessStartInfo(
            "redis-benchmark",
            ["-h", "127.0.0.1", "-p", port.ToString(CultureInfo.InvariantCulture), "-c", clients.ToString(CultureInfo.InvariantCulture),
             "-n", requests.ToString(CultureInfo.InvariantCulture), "-q", "XADD", "resultslive-load:raw", "*", "body", new string('x', 600)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("redis-benchmark did not start");
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();

        // -q prints e.g. "XADD resultslive-load:raw * body xxx: 51234.56 requests per second, p50=0.511 msec"
        var match = RequestsPerSecond().Matches(output).LastOrDefault()
            ?? throw new InvalidOperationException($"could not read redis-benchmark's figure from: {output}");
        return double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"([0-9.]+) requests per second")]
    private static partial Regex RequestsPerSecond();
}
