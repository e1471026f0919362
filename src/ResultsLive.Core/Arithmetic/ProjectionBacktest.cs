using ResultsLive.Core.Model;

namespace ResultsLive.Core.Arithmetic;

/// <summary>One model's seats at a checkpoint, by the groups compared (a party, or "Oth" for the rest), with low and high.</summary>
public sealed record BacktestProjection(string Model, IReadOnlyDictionary<string, (int Seats, int Low, int High)> Seats)
{
    public int Error(string group, IReadOnlyDictionary<string, int> final) => Seats[group].Seats - final[group];

    /// <summary>The sum over the groups of each group's seat error, in absolute value.</summary>
    public int TotalError(IReadOnlyDictionary<string, int> final) => Seats.Keys.Sum(g => Math.Abs(Error(g, final)));

    public bool InRange(string group, IReadOnlyDictionary<string, int> final) => Seats[group].Low <= final[group] && final[group] <= Seats[group].High;
}

/// <summary>Every model's projection after a number of seats declared.</summary>
public sealed record BacktestCheckpoint(int Declared, IReadOnlyList<BacktestProjection> Projections)
{
    public BacktestProjection this[string model] => Projections.First(p => p.Model == model);
}

/// <summary>A replay of a whole election with the projections at each checkpoint, and the final result they are measured against.</summary>
public sealed record BacktestRun(IReadOnlyList<string> Groups, IReadOnlyDictionary<string, int> Final, ExitPoll? ExitPoll, IReadOnlyList<BacktestCheckpoint> Checkpoints);

/// <summary>
/// Replays an election's declarations in a given order and records, at each checkpoint, what each projection said:
/// uniform national swing, the model (anchored on the exit poll when there is one), the model without the exit poll,
/// and the exit poll alone. Used by <c>resultslive backtest</c> and by the tests that hold the model to its targets.
/// </summary>
public static class ProjectionBacktest
{
    public const string Uniform = "uniform swing";
    public const string Model = "model";
    public const string ModelWithoutExitPoll = "model, no exit poll";
    public const string ExitPollAlone = "exit poll alone";

    public static IReadOnlyList<int> DefaultCheckpoints { get; } = [25, 50, 100, 200, 400, 600];

    /// <param name="declarations">The declarations in the order they are to be applied.</param>
    public static BacktestRun Run(Election election, IReadOnlyList<Declaration> declarations, ExitPoll? exitPoll, IReadOnlyList<int>? checkpoints = null)
    {
        ArgumentNullException.ThrowIfNull(election);
        ArgumentNullException.ThrowIfNull(declarations);
        var results = declarations.Select(d => SeatCalculator.Calculate(election, d)).ToList();

        var final = new NationalTally(election);
        results.ForEach(final.Apply);
        var groups = Groups(exitPoll, final.Snapshot());

        var finalSeats = Grouped(groups, final.Snapshot().Parties.Select(p => (p.Party.Code, p.Seats, p.Seats, p.Seats)))
            .ToDictionary(g => g.Key, g => g.Value.Seats, StringComparer.OrdinalIgnoreCase);

        var anchored = new NationalTally(election);
        anchored.SetExitPoll(exitPoll);
        var plain = new NationalTally(election);
        var wanted = (checkpoints ?? DefaultCheckpoints).Where(c => c <= results.Count).ToHashSet();
        var recorded = new List<BacktestCheckpoint>();
        for (var i = 0; i < results.Count; i++)
        {
            anchored.Apply(results[i]);
            plain.Apply(results[i]);
            if (!wanted.Contains(i + 1))
            {
                continue;
            }

            var projections = new List<BacktestProjection>
            {
                Record(Uniform, groups, anchored.ProjectUniform()),
                Record(Model, groups, anchored.Project()),
            };
            if (exitPoll is not null)
            {
                projections.Add(Record(ModelWithoutExitPoll, groups, plain.Project()));
                projections.Add(new BacktestProjection(
                    ExitPollAlone, Grouped(groups, exitPoll.Parties.Select(p => (p.Party, p.Seats, p.Seats, p.Seats)))));
            }

            recorded.Add(new BacktestCheckpoint(i + 1, projections));
        }

        return new BacktestRun(groups, finalSeats, exitPoll, recorded);
    }

    /// <summary>The exit poll's groups, or without one the seven parties with most seats in the end, then "Oth".</summary>
    private static List<string> Groups(ExitPoll? exitPoll, NationalSnapshot final)
    {
        var groups = exitPoll is not null
            ? exitPoll.Parties.Select(p => p.Party).Where(p => !string.Equals(p, Party.OtherCode, StringComparison.OrdinalIgnoreCase)).ToList()
            : final.Parties.Where(p => p.Seats > 0).Take(7).Select(p => p.Party.Code).ToList();
        groups.Add(Party.OtherCode);
        return groups;
    }

    private static BacktestProjection Record(string model, List<string> groups, Projection projection) =>
        new(model, Grouped(groups, projection.Seats.Select(s => (s.Party.Code, s.Seats, s.Low, s.High))));

    private static Dictionary<string, (int Seats, int Low, int High)> Grouped(List<string> groups, IEnumerable<(string Party, int Seats, int Low, int High)> seats)
    {
        var grouped = groups.ToDictionary(g => g, _ => (Seats: 0, Low: 0, High: 0), StringComparer.OrdinalIgnoreCase);
        foreach (var (party, count, low, high) in seats)
        {
            var group = grouped.ContainsKey(party) ? party : Party.OtherCode;
            var (s, l, h) = grouped[group];
            grouped[group] = (s + count, l + low, h + high);
        }

        return grouped;
    }
}
