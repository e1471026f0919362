using System.Globalization;

using ResultsLive.Testing;

// dotnet run -c Release --project tests/ResultsLive.Drills [-- --runs 3 --drill all|primary|node|restart|network --seat 300 --cut 10]
// Everything runs on this machine against loopback: redis-server (a primary, 2 replicas, 3 Sentinels from infra/redis),
// two web nodes as child processes, the 2024 night replayed at full speed by `resultslive replay` through both, and on the
// nodes a stream reader and a hub client each, and the home page and a graphics output (the ticker on air) on node A in
// the machine's Chromium. Each drill prints its figures; the exit code is 1 if any drill missed a target.
var runs = Option("--runs", 3);
var seat = Option("--seat", 300);
var cut = Option("--cut", 10);
var which = OptionText("--drill", "all");
var drills = new List<(string Name, DrillStep Step)>
{
    ("primary", new DrillStep(DrillFailure.PrimaryKilled, seat)),
    ("node", new DrillStep(DrillFailure.WebNodeKilled, seat)),
    ("restart", new DrillStep(DrillFailure.NodeRestarted, seat)),
    ("network", new DrillStep(DrillFailure.NetworkCut, seat)),
}.Where(d => which == "all" || d.Name == which).ToList();
if (drills.Count == 0)
{
    Console.Error.WriteLine("--drill must be all, primary, node, restart or network");
    return 2;
}

// Sentinel's own down-after-milliseconds as deployed (infra/redis/sentinel.conf), so the failover figure is the real one.
var settings = new DrillSettings { CutFor = TimeSpan.FromSeconds(cut), DownAfter = TimeSpan.FromSeconds(2) };
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};

var failed = false;
for (var run = 1; run <= runs; run++)
{
    foreach (var (name, step) in drills)
    {
        Console.WriteLine($"== run {run} of {runs}: {name} ==");
        var figures = await FailureDrill.RunAsync([step], settings, Console.Out, stop.Token);
        Console.WriteLine(figures);
        failed |= figures.Problems.Count > 0;
    }
}

return failed ? 1 : 0;

int Option(string name, int fallback)
{
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
}

string OptionText(string name, string fallback)
{
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? args[at + 1] : fallback;
}
