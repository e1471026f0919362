using System.Diagnostics;

namespace ResultsLive.HubLoad;

/// <summary>
/// One hub's run: memory before and after the fleet connects, a warm-up, declarations at a steady pace (latency), then
/// the same number back to back (throughput). Both hubs go through exactly this, with the same client.
/// </summary>
internal static class HubMeasurement
{
    /// <summary>How long no push may arrive before the ones still expected are counted as missing.</summary>
    private static readonly TimeSpan IdleLimit = TimeSpan.FromSeconds(30);

    public static async Task<TargetFigures> RunAsync(IBroadcastTarget target, HubClientFactory clients, HubLoadOptions options, CancellationToken ct)
    {
        Console.WriteLine($"-- {target.Name} ({target.HubUrl}, pid {target.ProcessId})");
        await using var probe = await PayloadProbe.OpenAsync(target.HubUrl, ct).ConfigureAwait(false);
        await ProcessMemory.QuietAsync(target.ProcessId, ct).ConfigureAwait(false);
        var rssBefore = ProcessMemory.ResidentBytes(target.ProcessId);

        var pushesPerConnection = options.WarmUp + (2 * options.Declarations) + 8;
        var openCpu = ProcessMemory.CpuTime(target.ProcessId);
        await using var fleet = await ConnectionFleet.OpenAsync(
            clients, target.HubUrl, options.Connections, options.OpenConcurrency, pushesPerConnection, ct).ConfigureAwait(false);
        openCpu = ProcessMemory.CpuTime(target.ProcessId) - openCpu;
        await ProcessMemory.QuietAsync(target.ProcessId, ct).ConfigureAwait(false);
        var rssAfter = ProcessMemory.ResidentBytes(target.ProcessId);
        Console.WriteLine($"     {fleet.Opened:N0} open, {fleet.Failed:N0} failed, in {fleet.OpenTime.TotalSeconds:0.0} s; server RSS {Mb(rssBefore)} -> {Mb(rssAfter)}");

        var warmUp = await RunPhaseAsync("warm-up", target, fleet, 0, options.WarmUp, options.Interval, ct).ConfigureAwait(false);
        var paced = await RunPhaseAsync("paced", target, fleet, options.PacedSlot, options.Declarations, options.Interval, ct).ConfigureAwait(false);
        var burst = await RunPhaseAsync("burst", target, fleet, options.BurstSlot, options.Declarations, interval: null, ct).ConfigureAwait(false);
        var payloads = await probe.PayloadsAsync(
            [.. warmUp.Sequences, .. paced.Sequences, .. burst.Sequences], IdleLimit, ct).ConfigureAwait(false);
        return new TargetFigures(
            target.Name, fleet.Opened, fleet.Failed, fleet.FirstFailure, fleet.Dropped, fleet.OpenTime, openCpu, rssBefore, rssAfter,
            payloads, probe.SubscribeAnswerBytes, paced, burst, fleet.Recorder.Overflowed);
    }

    /// <summary>
    /// A later round: a fresh fleet, the same warm-up, then a burst alone. Returns the burst's figures; the fleet is closed
    /// before the other hub's turn, so only one fleet holds the machine's sockets at a time. No pause before the burst: the
    /// warm-up waits until every connection has had each of its pushes, so the server has finished with the connecting.
    /// </summary>
    public static async Task<PhaseFigures> BurstRoundAsync(IBroadcastTarget target, HubClientFactory clients, HubLoadOptions options, CancellationToken ct)
    {
        Console.WriteLine($"-- {target.Name} again (pid {target.ProcessId})");
        var pushesPerConnection = options.WarmUp + options.Declarations + 8;
        await using var fleet = await ConnectionFleet.OpenAsync(
            clients, target.HubUrl, options.Connections, options.OpenConcurrency, pushesPerConnection, ct).ConfigureAwait(false);
        Console.WriteLine(
            $"     {fleet.Opened:N0} open, {fleet.Failed:N0} failed, in {fleet.OpenTime.TotalSeconds:0.0} s; server RSS {Mb(ProcessMemory.ResidentBytes(target.ProcessId))}");
        await RunPhaseAsync("warm-up", target, fleet, 0, options.WarmUp, options.Interval, ct).ConfigureAwait(false);
        return await RunPhaseAsync("burst", target, fleet, options.BurstSlot, options.Declarations, interval: null, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Sends the pushes of <paramref name="count"/> slots from <paramref name="firstSlot"/>, one every
    /// <paramref name="interval"/> or (null) each as soon as the last was accepted, then waits for every fleet connection
    /// to receive each of them.
    /// </summary>
    private static async Task<PhaseFigures> RunPhaseAsync(
        string name, IBroadcastTarget target, ConnectionFleet fleet, int firstSlot, int count, TimeSpan? interval, CancellationToken ct)
    {
        var before = fleet.Recorder.Total;
        var serverCpu = ProcessMemory.CpuTime(target.ProcessId);
        var clientCpu = ProcessMemory.CpuTime(Environment.ProcessId);
        var sentAt = new Dictionary<long, long>(count);
        var sequences = new long[count];
        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < count; i++)
        {
            if (interval is { } every && (every * i) - Stopwatch.GetElapsedTime(started) is { Ticks: > 0 } wait)
            {
                await Task.Delay(wait, ct).ConfigureAwait(false);
            }

            // The send time is taken before the request: latency counts ingest too, as a reader would experience it.
            var sent = Stopwatch.GetTimestamp();
            sequences[i] = await target.DeclareAsync(firstSlot + i, ct).ConfigureAwait(false);
            sentAt[sequences[i]] = sent;
        }

        var posting = Stopwatch.GetElapsedTime(started);

        var expected = (long)fleet.Opened * count;
        var arrived = await fleet.Recorder.WaitForAsync(before + expected, IdleLimit, ct).ConfigureAwait(false) - before;
        serverCpu = ProcessMemory.CpuTime(target.ProcessId) - serverCpu;
        clientCpu = ProcessMemory.CpuTime(Environment.ProcessId) - clientCpu;
        var deliveries = fleet.Recorder.Collect(sentAt);
        var span = deliveries.LatenciesMs.Count == 0 ? TimeSpan.Zero : Stopwatch.GetElapsedTime(sentAt.Values.Min(), deliveries.LastArrival);
        var figures = new PhaseFigures(sequences, expected, deliveries.LatenciesMs.Count, deliveries.LatenciesMs, span, serverCpu, clientCpu);
        Console.WriteLine(
            $"     {name,-7} {count} declarations posted in {posting.TotalSeconds:0.00} s: {figures.Delivered:N0} / {expected:N0} delivered in {span.TotalSeconds:0.00} s"
            + $"; CPU: server {serverCpu.TotalSeconds:0.00} s, client {clientCpu.TotalSeconds:0.00} s"
            + (arrived != figures.Delivered ? $" ({arrived - figures.Delivered:N0} pushes not from this phase)" : string.Empty));
        return figures;
    }

    private static string Mb(long bytes) => $"{bytes / 1024.0 / 1024.0:N0} MB";
}

/// <summary>
/// One phase: the sequences its pushes carried (in slot order), pushes expected and delivered, each one's latency from
/// its send (ms, sorted), first send to last arrival, and the CPU time the server and this client used meanwhile (on two
/// shared cores, which side was the bottleneck).
/// </summary>
internal sealed record PhaseFigures(
    IReadOnlyList<long> Sequences, long Expected, long Delivered, List<double> LatenciesMs, TimeSpan Span, TimeSpan ServerCpu, TimeSpan ClientCpu)
{
    public long Missing => Expected - Delivered;

    public double DeliveriesPerSecond => Span > TimeSpan.Zero ? Delivered / Span.TotalSeconds : double.NaN;

    /// <summary>Server CPU per delivery (µs): the server's cost whatever limited the rate, client or server.</summary>
    public double ServerMicrosecondsPerDelivery => Delivered > 0 ? ServerCpu.TotalMicroseconds / Delivered : double.NaN;
}

/// <summary>Everything measured against one hub.</summary>
internal sealed record TargetFigures(
    string Name,
    int Opened,
    int Failed,
    string? FirstFailure,
    int Dropped,
    TimeSpan OpenTime,
    TimeSpan OpenServerCpu,
    long RssBefore,
    long RssAfter,
    IReadOnlyList<string> Payloads,
    int SubscribeAnswerBytes,
    PhaseFigures Paced,
    PhaseFigures Burst,
    long Overflowed)
{
    /// <summary>RSS growth per open connection: an upper bound on what a connection holds, as it includes uncollected garbage.</summary>
    public double RssPerConnection => Opened == 0 ? double.NaN : (RssAfter - RssBefore) / (double)Opened;

    /// <summary>Server CPU to accept one connection and answer its <c>Subscribe</c> (µs).</summary>
    public double OpenServerMicrosecondsPerConnection => Opened == 0 ? double.NaN : OpenServerCpu.TotalMicroseconds / Opened;
}
