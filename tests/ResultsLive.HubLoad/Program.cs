using System.Globalization;
using System.Runtime.InteropServices;

using ResultsLive.HubLoad;
using ResultsLive.Testing;

// infra/scripts/hub-load.sh [--connections 10000] [--declarations 20] [--protocol json|messagepack]
//   = ulimit -n 200000 && dotnet run -c Release --project tests/ResultsLive.HubLoad -- "$@"
// Everything runs on this machine against loopback: a redis-server, a ResultsLive web node as a child process, then a
// bare SignalR hub (this executable with --bare-hub-server) as the baseline, and the client fleet in this process.
if (args is ["--bare-hub-server", var port])
{
    return await BareHubServer.RunAsync(int.Parse(port, CultureInfo.InvariantCulture));
}

HubLoadOptions? options;
try
{
    options = HubLoadOptions.Parse(args);
}
catch (FormatException ex)
{
    Console.Error.WriteLine(ex.Message);
    options = null;
}

if (options is null)
{
    Console.Error.WriteLine(HubLoadOptions.Usage);
    return 2;
}

// Each side of every connection is a file descriptor, in this process and in the server's (which inherits the limit).
var openFiles = ProcessMemory.OpenFilesLimit();
if (openFiles < options.Connections + 1_000)
{
    Console.Error.WriteLine(
        $"the open-files limit is {openFiles:N0}, too low for {options.Connections:N0} connections: run infra/scripts/hub-load.sh, or `ulimit -n 200000` first");
    return 2;
}

// Ctrl+C or SIGTERM stops the run and still cleans up (the children are disposed on the way out); a second one kills
// them and ends at once. The deadline keeps a stuck run from going on forever.
using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(30));
using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);

const string apiKey = "hub-load-tool-ingest-key-0123456789";
try
{
    await using var redis = await RedisServer.StartAsync(stop.Token);
    var node = await WebNodeProcess.StartAsync(SharedData.Election2024Settings(redis.ConnectionString, apiKey));
    Console.WriteLine($"redis-server {redis.ConnectionString}; ResultsLive node {node.Url}; open-files limit {openFiles:N0}");

    // Both servers run from here to the end, but only one has connections at a time: the other, with no clients, has
    // no work, so each hub has the machine to itself while it is measured.
    await using (node)
    {
        await using var bareServer = await BareHubProcess.StartAsync(stop.Token);
        var clients = new HubClientFactory(options.Protocol);
        using var target = new ResultsLiveTarget(node, apiKey, options.Slots);
        await target.PrimeAsync(stop.Token);
        var resultsLive = await HubMeasurement.RunAsync(target, clients, options, stop.Token);
        using var bareTarget = new BareHubTarget(bareServer, [.. resultsLive.Payloads.Select(Figures.ParsePayload)]);
        var bare = await HubMeasurement.RunAsync(bareTarget, clients, options, stop.Token);

        // Later rounds: a burst each, the bare hub first in even rounds, so neither always follows the other.
        List<BurstRound> rounds = [new(1, ResultsLiveFirst: true, resultsLive.Burst, bare.Burst)];
        for (var round = 2; round <= options.Rounds; round++)
        {
            var resultsLiveFirst = round % 2 == 1;
            PhaseFigures first = await HubMeasurement.BurstRoundAsync(resultsLiveFirst ? target : bareTarget, clients, options, stop.Token);
            PhaseFigures second = await HubMeasurement.BurstRoundAsync(resultsLiveFirst ? bareTarget : target, clients, options, stop.Token);
            rounds.Add(resultsLiveFirst ? new(round, true, first, second) : new(round, false, second, first));
        }

        Figures.Print(options, clients.Protocol, resultsLive, bare, rounds);
    }

    return 0;
}
catch (OperationCanceledException) when (stop.IsCancellationRequested)
{
    Console.Error.WriteLine("stopped (Ctrl+C, SIGTERM or the 30-minute limit) before the figures were complete");
    return 1;
}

void Stop(PosixSignalContext signal)
{
    if (stop.IsCancellationRequested)
    {
        ChildProcesses.KillAll();
        return;
    }

    signal.Cancel = true;
    stop.Cancel();
}
