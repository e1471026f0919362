using System.CommandLine;
using System.Globalization;

using ResultsLive.Core.Arithmetic;
using ResultsLive.Core.Model;
using ResultsLive.Import;

namespace ResultsLive.Cli.Commands;

/// <summary>
/// <c>resultslive backtest</c>: replays an election in declaration order (or reversed, or in random orders, or the demo
/// election) and prints, at 25, 50, 100, 200, 400 and 600 seats declared, each projection's seats and its error.
/// </summary>
internal static class BacktestCommand
{
    public static Command Create()
    {
        var candidates = new Option<FileInfo?>("--candidates") { Description = "Library results-by-candidate CSV: nominations and the final votes" };
        var constituencies = new Option<FileInfo?>("--constituencies") { Description = "Library results-by-constituency CSV: electorate, region, nation" };
        var baseline = new Option<FileInfo?>("--baseline") { Description = "baseline file: notional CSV, or an earlier election's candidate CSV" };
        var baselineKind = new Option<BaselineKind>("--baseline-kind") { Description = "notional | previous", DefaultValueFactory = _ => BaselineKind.Notional };
        var times = new Option<FileInfo?>("--times") { Description = "declaration-times CSV: the order seats declared in" };
        var electionDay = new Option<DateOnly?>("--election-day") { Description = "polling day, for times without a date (default: from the file name)" };
        var exitPoll = new Option<string?>("--exit-poll") { Description = "the exit poll's seats, e.g. Lab=410,Con=131,LD=61,RUK=13,SNP=10,PC=4,Green=2,Oth=19" };
        var order = new Option<string>("--order") { Description = "time | reverse | random", DefaultValueFactory = _ => "time" };
        order.AcceptOnlyFromAmong("time", "reverse", "random");
        var seeds = new Option<int>("--seeds") { Description = "with --order random: how many random orders", DefaultValueFactory = _ => 100 };
        var demo = new Option<bool>("--demo") { Description = "the synthetic demo election instead of files" };
        var demoSeed = new Option<int>("--demo-seed") { Description = "the demo election's seed", DefaultValueFactory = _ => 2024 };
        var exitPollError = new Option<int>("--exit-poll-error")
        {
            Description = "for the demo without --exit-poll: a synthetic exit poll, the final seats with this many moved between the largest parties",
            DefaultValueFactory = _ => 10,
        };

        var command = new Command("backtest", "replay an election and measure each projection's seat error as the seats declare")
        {
            candidates, constituencies, baseline, baselineKind, times, electionDay, exitPoll, order, seeds, demo, demoSeed, exitPollError,
        };
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            LoadedElection loaded;
            try
            {
                if (parse.GetValue(demo))
                {
                    loaded = DemoElection.Generate(seed: parse.GetValue(demoSeed));
                }
                else if (parse.GetValue(candidates) is { } file)
                {
                    var day = parse.GetValue(electionDay) ?? ElectionDays.FromFileName(file.Name);
                    loaded = ElectionLoader.Load(new ElectionFiles(
                        file.FullName, parse.GetValue(constituencies)?.FullName, parse.GetValue(baseline)?.FullName, parse.GetValue(baselineKind),
                        null, parse.GetValue(times)?.FullName, parse.GetValue(times) is null ? null : day));
                }
                else
                {
                    error.WriteLine("--candidates (or --demo) is needed.");
                    return 2;
                }
            }
            catch (Exception ex) when (ex is ImportException or IOException or ArgumentException)
            {
                error.WriteLine(ex.Message);
                return 2;
            }

            ExitPoll? poll;
            if (parse.GetValue(exitPoll) is { } text)
            {
                if (ParseExitPoll(text, loaded.Election) is not { } parsed)
                {
                    error.WriteLine($"--exit-poll: '{text}' is not a list of PARTY=SEATS known to {loaded.Election.Name}");
                    return 2;
                }

                poll = parsed;
            }
            else
            {
                poll = parse.GetValue(demo) ? SyntheticExitPoll(loaded, parse.GetValue(exitPollError)) : null;
            }

            var inTime = InDeclarationOrder(loaded);
            switch (parse.GetValue(order))
            {
                case "random":
                    WriteSpread(output, loaded.Election, inTime, poll, parse.GetValue(seeds));
                    break;
                case "reverse":
                    WriteRun(output, loaded.Election.Name + ", reverse declaration order", ProjectionBacktest.Run(loaded.Election, [.. Enumerable.Reverse(inTime)], poll));
                    break;
                default:
                    WriteRun(output, loaded.Election.Name + ", declaration order", ProjectionBacktest.Run(loaded.Election, inTime, poll));
                    break;
            }

            return 0;
        });
        return command;
    }

    /// <summary>As <c>replay</c> posts them: seats with a time in time order (then by code), those without one last.</summary>
    private static List<Declaration> InDeclarationOrder(LoadedElection loaded) =>
        [
            .. loaded.Results
                .OrderBy(d => loaded.DeclarationTimes.ContainsKey(d.Constituency) ? 0 : 1)
                .ThenBy(d => d.DeclaredAt)
                .ThenBy(d => d.Constituency, StringComparer.Ordinal),
        ];

    private static ExitPoll? ParseExitPoll(string text, Election election)
    {
        var parties = new List<ExitPollSeats>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var pair = part.Split('=', StringSplitOptions.TrimEntries);
            if (pair.Length != 2 || !int.TryParse(pair[1], NumberStyles.None, CultureInfo.InvariantCulture, out var seats)
                || (election.PartyIndex(pair[0]) < 0 && !string.Equals(pair[0], Party.OtherCode, StringComparison.OrdinalIgnoreCase)))
            {
                return null;
            }

            parties.Add(new ExitPollSeats(pair[0], seats));
        }

        return parties.Count == 0 ? null : new ExitPoll(parties, "--exit-poll", DateTimeOffset.UnixEpoch);
    }

    /// <summary>
    /// The demo has no exit poll, so one is made from its final result with a typical exit poll's error: the largest
    /// party and the third down by <paramref name="error"/> seats, the second and fourth up by as many.
    /// </summary>
    private static ExitPoll SyntheticExitPoll(LoadedElection loaded, int error)
    {
        var final = new NationalTally(loaded.Election);
        foreach (var declaration in loaded.Results)
        {
            final.Apply(SeatCalculator.Calculate(loaded.Election, declaration));
        }

        var parties = final.Snapshot().Parties.Where(p => p.Seats > 0 && !p.Party.IsIndependent).Take(7).ToList();
        int[] moves = [-error, +error, -error, +error];
        var seats = parties.Select((p, i) => new ExitPollSeats(p.Party.Code, Math.Max(0, p.Seats + (i < moves.Length ? moves[i] : 0)))).ToList();
        seats.Add(new ExitPollSeats(Party.OtherCode, loaded.Election.SeatCount - seats.Sum(s => s.Seats)));
        return new ExitPoll(seats, "synthetic", DateTimeOffset.UnixEpoch);
    }

    private static void WriteRun(TextWriter output, string title, BacktestRun run)
    {
        output.WriteLine($"{title}; {Describe(run.ExitPoll)}");
        output.WriteLine("Each cell: seats, error against the final result; the model's range below it. Total: the sum of the errors' sizes.");
        output.WriteLine();
        output.WriteLine($"{"declared",-9}{"projection",-22}" + string.Concat(run.Groups.Select(g => $"{g,11}")) + $"{"total",8}");
        output.WriteLine($"{"final",-31}" + string.Concat(run.Groups.Select(g => $"{run.Final[g],11}")));
        foreach (var checkpoint in run.Checkpoints)
        {
            var first = true;
            foreach (var projection in checkpoint.Projections)
            {
                output.WriteLine(
                    $"{(first ? checkpoint.Declared.ToString(CultureInfo.InvariantCulture) : ""),-9}{projection.Model,-22}"
                    + string.Concat(run.Groups.Select(g => $"{projection.Seats[g].Seats,6}{projection.Error(g, run.Final).ToString("+0;-0;0", CultureInfo.InvariantCulture),5}"))
                    + $"{projection.TotalError(run.Final),8}");
                if (projection.Model == ProjectionBacktest.Model)
                {
                    output.WriteLine($"{"",-9}{"  range",-22}" + string.Concat(run.Groups.Select(g => $"{$"{projection.Seats[g].Low}-{projection.Seats[g].High}",11}")));
                }

                first = false;
            }
        }
    }

    /// <summary>Random declaration orders: the spread of each projection's errors for the two largest parties and in total.</summary>
    private static void WriteSpread(TextWriter output, Election election, List<Declaration> declarations, ExitPoll? poll, int seeds)
    {
        var runs = Enumerable.Range(1, seeds).Select(seed =>
        {
            var random = new Random(seed);
            var shuffled = declarations.ToArray();
            random.Shuffle(shuffled);
            return ProjectionBacktest.Run(election, shuffled, poll);
        }).ToList();

        var (a, b) = (runs[0].Final.OrderByDescending(f => f.Value).First(f => f.Key != Party.OtherCode).Key,
            runs[0].Final.OrderByDescending(f => f.Value).Where(f => f.Key != Party.OtherCode).Skip(1).First().Key);
        output.WriteLine($"{election.Name}, {seeds} random declaration orders (seeds 1-{seeds}); {Describe(poll)}");
        output.WriteLine($"Errors in seats: median / 90th percentile / worst over the orders. 'within 25': orders with {a} and {b} both within 25 of the final;");
        output.WriteLine("'no worse': orders whose total error is no more than the exit poll alone's; 'in range': orders whose final is inside the model's range, per party.");
        output.WriteLine();
        output.WriteLine($"{"declared",-9}{"projection",-22}{$"|{a}|",16}{$"|{b}|",16}{"total",16}{"within 25",11}{"no worse",10}{"in range",10}");
        foreach (var declared in runs[0].Checkpoints.Select(c => c.Declared))
        {
            var first = true;
            foreach (var model in runs[0].Checkpoints.First(c => c.Declared == declared).Projections.Select(p => p.Model))
            {
                var at = runs.Select(r => (Run: r, Projection: r.Checkpoints.First(c => c.Declared == declared)[model])).ToList();
                var errA = at.Select(x => Math.Abs(x.Projection.Error(a, x.Run.Final))).ToList();
                var errB = at.Select(x => Math.Abs(x.Projection.Error(b, x.Run.Final))).ToList();
                var total = at.Select(x => x.Projection.TotalError(x.Run.Final)).ToList();
                var within = at.Count(x => Math.Abs(x.Projection.Error(a, x.Run.Final)) <= 25 && Math.Abs(x.Projection.Error(b, x.Run.Final)) <= 25);
                var noWorse = poll is null ? "" : at.Count(x =>
                    x.Projection.TotalError(x.Run.Final) <= x.Run.Checkpoints.First(c => c.Declared == declared)[ProjectionBacktest.ExitPollAlone].TotalError(x.Run.Final))
                    .ToString(CultureInfo.InvariantCulture);
                var inRange = model == ProjectionBacktest.Model
                    ? $"{at.Count(x => x.Projection.InRange(a, x.Run.Final))}/{at.Count(x => x.Projection.InRange(b, x.Run.Final))}"
                    : "";
                output.WriteLine(
                    $"{(first ? declared.ToString(CultureInfo.InvariantCulture) : ""),-9}{model,-22}{Spread(errA),16}{Spread(errB),16}{Spread(total),16}{within,11}{noWorse,10}{inRange,10}");
                first = false;
            }
        }
    }

    private static string Spread(List<int> values)
    {
        var sorted = values.Order().ToList();
        return $"{sorted[sorted.Count / 2]} / {sorted[(int)Math.Ceiling(sorted.Count * 0.9) - 1]} / {sorted[^1]}";
    }

    private static string Describe(ExitPoll? poll) =>
        poll is null ? "no exit poll" : $"exit poll ({poll.Source}): " + string.Join(", ", poll.Parties.Select(p => $"{p.Party} {p.Seats}"));
}
