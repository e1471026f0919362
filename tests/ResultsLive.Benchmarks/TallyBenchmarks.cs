using BenchmarkDotNet.Attributes;

using ResultsLive.Core.Arithmetic;
using ResultsLive.Core.Model;
using ResultsLive.Import;
using ResultsLive.Testing;

namespace ResultsLive.Benchmarks;

/// <summary>
/// The cost of one declaration against a full 650-seat tally of the real 2024 results: replacing a seat's result
/// (a correction) must stay O(parties), under 5 µs, and allocate nothing that grows with the number of seats; and the
/// cost of the snapshot built after it, projection included, which must stay well under a millisecond.
/// </summary>
[MemoryDiagnoser]
public class TallyBenchmarks
{
    private Election _election = null!;
    private NationalTally _tally = null!;
    private SeatResult[] _first = null!;
    private SeatResult[] _second = null!;
    private Declaration[] _declarations = null!;
    private NationalTally _midNight = null!;
    private ExitPoll _exitPoll = null!;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        var loaded = ElectionLoader.Load(new ElectionFiles(
            SharedData.Candidates2024, SharedData.Constituencies2024, SharedData.Notional2019, BaselineKind.Notional, null, null));
        _election = loaded.Election;
        _declarations = [.. loaded.Results];
        _first = [.. _declarations.Select(d => SeatCalculator.Calculate(_election, d))];

        // A correction of every seat: the same votes under revision 2, so each apply replaces a result.
        _second = [.. _declarations.Select(d => SeatCalculator.Calculate(_election, d with { Revision = 2 }))];
        _tally = new NationalTally(_election);
        foreach (var seat in _first)
        {
            _tally.Apply(seat);
        }

        // Half the seats in, every other one so all regions are represented, with the 2024 exit poll as the prior: the
        // projection fits the model on 325 seats and walks the other 325.
        _midNight = new NationalTally(_election);
        _exitPoll = new ExitPoll(
            [new("Lab", 410), new("Con", 131), new("LD", 61), new("RUK", 13), new("SNP", 10), new("PC", 4), new("Green", 2), new("Oth", 19)],
            "Ipsos", DateTimeOffset.UnixEpoch);
        _midNight.SetExitPoll(_exitPoll);
        for (var i = 0; i < _first.Length; i += 2)
        {
            _midNight.Apply(_first[i]);
        }
    }

    /// <summary>Applying an already-calculated result to the tally: the incremental update itself.</summary>
    [Benchmark(Baseline = true)]
    public int ApplyToFullTally()
    {
        var i = _next++ % _first.Length;
        _tally.Apply((_next / _first.Length) % 2 == 0 ? _second[i] : _first[i]);
        return _tally.Declared;
    }

    /// <summary>What the feed does per declaration: the seat's arithmetic, then the update.</summary>
    [Benchmark]
    public int CalculateAndApply()
    {
        var i = _next++ % _declarations.Length;
        _tally.Apply(SeatCalculator.Calculate(_election, _declarations[i]));
        return _tally.Declared;
    }

    /// <summary>The projection alone at mid-night: the model fitted on 325 declared seats, applied to 325 undeclared ones, with ranges.</summary>
    [Benchmark]
    public int ProjectMidNight() => _midNight.Project().Seats.Count;

    /// <summary>The uniform-swing projection it replaces, at the same moment, for comparison.</summary>
    [Benchmark]
    public int ProjectUniformMidNight() => _midNight.ProjectUniform().Seats.Count;

    /// <summary>What every node does after every declaration: the whole snapshot (national, nations, regions, projection, path, battleground).</summary>
    [Benchmark]
    public int SnapshotMidNight() => _midNight.Snapshot().Parties.Count;

    /// <summary>Turning the exit poll's seats into each party's prior change in share: once per exit poll, not per declaration.</summary>
    [Benchmark]
    public int SetExitPoll()
    {
        _midNight.SetExitPoll(_exitPoll);
        return _midNight.Declared;
    }
}
