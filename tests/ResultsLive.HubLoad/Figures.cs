using System.Text.Json;

using Microsoft.AspNetCore.SignalR.Protocol;

using ResultsLive.Core.Contracts;

namespace ResultsLive.HubLoad;

/// <summary>The numbered figures the tool prints at the end, ResultsLive beside the bare hub, with their targets.</summary>
internal static class Figures
{
    /// <summary>Issue #5, item 6: ResultsLive delivers at least this share of a bare hub's deliveries per second.</summary>
    public const double RatioTarget = 0.8;

    /// <summary>Issue #5, item 6: connections on one node.</summary>
    public const int ConnectionsTarget = 10_000;

    public static double Percentile(IReadOnlyList<double> sorted, double p)
    {
        if (sorted.Count == 0)
        {
            return double.NaN;
        }

        var rank = (int)Math.Ceiling(p / 100 * sorted.Count) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Count - 1)];
    }

    /// <summary>A payload as a comparable object: what the bare hub is given, and what its frame size is measured on.</summary>
    public static DeclaredMessage ParsePayload(string json) =>
        JsonSerializer.Deserialize<DeclaredMessage>(json, ResultsContract.JsonOptions)
        ?? throw new InvalidOperationException("the Declared payload was null");

    public static void Print(HubLoadOptions options, IHubProtocol protocol, TargetFigures resultsLive, TargetFigures bare, IReadOnlyList<BurstRound> rounds)
    {
        var frameBytes = resultsLive.Payloads.Select(p => protocol.GetMessageBytes(new InvocationMessage("Declared", [ParsePayload(p)])).Length).ToList();
        var same = resultsLive.Payloads.Select(Canonical).SequenceEqual(bare.Payloads.Select(Canonical));
        var ratio = Median([.. rounds.Select(r => r.Ratio)]);

        Console.WriteLine();
        Console.WriteLine(
            $"Hub load: {options.Connections:N0} connections, {options.Protocol}, {options.Declarations} declarations every "
            + $"{options.Interval.TotalMilliseconds:0} ms then {options.Declarations} back to back; {Environment.ProcessorCount} cores shared by client and server");
        Console.WriteLine(
            $"Payloads: {options.Slots} Declared frames, corrections of the 2024 night's first {options.Slots} seats, {frameBytes.Min():N0} to "
            + $"{frameBytes.Max():N0} bytes, mean {frameBytes.Average():N0} ({options.Protocol}); the bare hub pushed the same ones: {(same ? "yes" : "NO")}");
        Console.WriteLine(
            $"Subscribe answer, once per connection (JSON): ResultsLive {resultsLive.SubscribeAnswerBytes:N0} bytes (the snapshot), bare hub {bare.SubscribeAnswerBytes:N0} bytes");
        Console.WriteLine();
        Console.WriteLine($"{string.Empty,-52}{"ResultsLive",20}  {"bare hub",20}");
        Row($"1. connections open (target {ConnectionsTarget:N0})", $"{resultsLive.Opened:N0}", $"{bare.Opened:N0}");
        Row("   failed to open / dropped while open", $"{resultsLive.Failed:N0} / {resultsLive.Dropped:N0}", $"{bare.Failed:N0} / {bare.Dropped:N0}");
        Row($"2. connect + subscribe, {options.OpenConcurrency} at a time", $"{resultsLive.OpenTime.TotalSeconds:0.0} s", $"{bare.OpenTime.TotalSeconds:0.0} s");
        Row("   server CPU per connect + subscribe", $"{resultsLive.OpenServerMicrosecondsPerConnection:N0} us", $"{bare.OpenServerMicrosecondsPerConnection:N0} us");
        Row("3. server memory per connection (RSS growth / N)", Kb(resultsLive.RssPerConnection), Kb(bare.RssPerConnection));
        Row("   server RSS before -> after connecting", $"{Mb(resultsLive.RssBefore)} -> {Mb(resultsLive.RssAfter)}", $"{Mb(bare.RssBefore)} -> {Mb(bare.RssAfter)}");
        Row("4. paced delivery latency from ingest, p50", Ms(resultsLive.Paced, 50), Ms(bare.Paced, 50));
        Row("   paced delivery latency from ingest, p99", Ms(resultsLive.Paced, 99), Ms(bare.Paced, 99));
        Row("   paced: server CPU per delivery", $"{resultsLive.Paced.ServerMicrosecondsPerDelivery:0.0} us", $"{bare.Paced.ServerMicrosecondsPerDelivery:0.0} us");
        Row("5. burst deliveries per second (round 1)", $"{resultsLive.Burst.DeliveriesPerSecond:N0}", $"{bare.Burst.DeliveriesPerSecond:N0}");
        Row("   burst: first send to last delivery", $"{resultsLive.Burst.Span.TotalSeconds:0.00} s", $"{bare.Burst.Span.TotalSeconds:0.00} s");
        Row("   burst: server CPU per delivery", $"{resultsLive.Burst.ServerMicrosecondsPerDelivery:0.0} us", $"{bare.Burst.ServerMicrosecondsPerDelivery:0.0} us");
        Row("   burst: CPU time server / client (s)", Cpu(resultsLive.Burst), Cpu(bare.Burst));
        Row("   burst delivery latency p50 / p99", $"{Ms(resultsLive.Burst, 50)} / {Ms(resultsLive.Burst, 99)}", $"{Ms(bare.Burst, 50)} / {Ms(bare.Burst, 99)}");
        Row(
            "   deliveries missing, paced + every burst",
            $"{resultsLive.Paced.Missing + rounds.Sum(r => r.ResultsLive.Missing):N0}",
            $"{bare.Paced.Missing + rounds.Sum(r => r.Bare.Missing):N0}");
        foreach (var round in rounds)
        {
            Row(
                $"   round {round.Round} ({(round.ResultsLiveFirst ? "ResultsLive" : "bare hub")} first): deliveries/s, ratio {round.Ratio:0.00}",
                $"{round.ResultsLive.DeliveriesPerSecond:N0}",
                $"{round.Bare.DeliveriesPerSecond:N0}");
        }

        Console.WriteLine(
            $"6. ResultsLive / bare hub, burst deliveries per second, median of {rounds.Count} round(s): {ratio:0.00}   (target >= {RatioTarget:0.0}) {(ratio >= RatioTarget ? "met" : "NOT MET")}");
        Console.WriteLine("   Latency runs from sending the POST (ResultsLive: /api/v1/declarations, bare hub: /broadcast) to the push's arrival.");
        Console.WriteLine("   Memory is the server process's VmRSS, managed and native; it includes garbage the server has not yet collected.");
        foreach (var figures in new[] { resultsLive, bare })
        {
            if (figures.FirstFailure is not null)
            {
                Console.WriteLine($"   {figures.Name}: first connection failure: {figures.FirstFailure}");
            }

            if (figures.Overflowed > 0)
            {
                Console.WriteLine($"   {figures.Name}: {figures.Overflowed:N0} pushes beyond those expected (duplicates?)");
            }
        }
    }

    private static double Median(double[] values)
    {
        Array.Sort(values);
        var middle = values.Length / 2;
        return values.Length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }

    /// <summary>The payload with its sequence zeroed, re-serialized: equal for the two hubs when they pushed the same thing.</summary>
    private static string Canonical(string json) => JsonSerializer.Serialize(ParsePayload(json) with { Sequence = 0 }, ResultsContract.JsonOptions);

    private static void Row(string label, string resultsLive, string bare) => Console.WriteLine($"{label,-52}{resultsLive,20}  {bare,20}");

    private static string Ms(PhaseFigures phase, double p) => $"{Percentile(phase.LatenciesMs, p):0.0} ms";

    private static string Cpu(PhaseFigures phase) => $"{phase.ServerCpu.TotalSeconds:0.00} / {phase.ClientCpu.TotalSeconds:0.00}";

    private static string Kb(double bytes) => $"{bytes / 1024:0.0} KB";

    private static string Mb(long bytes) => $"{bytes / 1024 / 1024:N0} MB";
}

/// <summary>One round's bursts, one per hub, taken one after the other on fresh fleets.</summary>
internal sealed record BurstRound(int Round, bool ResultsLiveFirst, PhaseFigures ResultsLive, PhaseFigures Bare)
{
    public double Ratio => ResultsLive.DeliveriesPerSecond / Bare.DeliveriesPerSecond;
}
