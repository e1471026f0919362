using ResultsLive.Core.Model;

namespace ResultsLive.Core.Arithmetic;

/// <summary>
/// The running national totals. Applying or replacing one seat's result adds its contribution and takes away
/// the one it replaces, in O(parties in that seat): nothing is ever recounted over all seats.
/// </summary>
/// <remarks>
/// Beside the country it keeps the same totals for the seat's nation and region, the projection model's sums, each
/// party's battleground counts and its way to a majority, all touched only for the parties in the seat.
/// Not thread-safe: one writer (the feed's projection) owns it and publishes immutable snapshots.
/// </remarks>
public sealed class NationalTally
{
    private readonly Election _election;
    private readonly SeatResult?[] _seats;
    private readonly SeatBaseline?[] _baselines;
    private readonly int[][] _contenders;

    private readonly AreaTotals _national;
    private readonly Areas _nations;
    private readonly Areas _regions;
    private readonly ProjectionModel _model;
    private readonly BattlegroundPlan _battleground;
    private readonly int[] _targetsDeclared;
    private readonly int[] _targetsWon;

    // The declaration that took each party to a majority, found again only when a change can have moved it.
    private readonly int[] _crossing;
    private readonly bool[] _crossingStale;

    public NationalTally(Election election)
    {
        ArgumentNullException.ThrowIfNull(election);
        _election = election;
        var parties = election.Parties.Count;
        _seats = new SeatResult?[election.SeatCount];
        _baselines = new SeatBaseline?[election.SeatCount];
        _contenders = new int[election.SeatCount][];
        for (var s = 0; s < election.SeatCount; s++)
        {
            var code = election.Constituencies[s].Code;
            if (election.Baseline.For(code) is { } baseline)
            {
                _baselines[s] = SeatBaseline.From(election, baseline);
            }

            // Who could win an undeclared seat in the projection: whoever is nominated there, and whoever stood before.
            _contenders[s] = [.. election.NominationsFor(code).Select(n => election.PartyIndex(n.Party))
                .Concat(_baselines[s]?.Parties ?? [])
                .Where(p => p >= 0)
                .Distinct()];
        }

        _national = new AreaTotals(election, _baselines, [.. Enumerable.Range(0, election.SeatCount)]);
        _nations = new Areas(election, _baselines, AreaKind.Nation, c => c.Nation);
        _regions = new Areas(election, _baselines, AreaKind.Region, c => c.Region);
        _model = new ProjectionModel(election, _baselines, _contenders, _regions.SeatArea, _regions.Count);
        _battleground = new BattlegroundPlan(election, _baselines, _national.Headline);
        _targetsDeclared = new int[parties];
        _targetsWon = new int[parties];
        _crossing = new int[parties];
        Array.Fill(_crossing, -1);
        _crossingStale = new bool[parties];
    }

    public Election Election => _election;

    public int Declared { get; private set; }

    /// <summary>The latest exit poll, or null before one is entered; snapshots carry it beside the declared seats.</summary>
    public ExitPoll? ExitPoll { get; private set; }

    public SeatResult? Seat(string code) => _election.ConstituencyIndex(code) is var i and >= 0 ? _seats[i] : null;

    public SeatResult? SeatAt(int index) => _seats[index];

    /// <summary>Applies a seat's result, replacing whatever that seat had before (a correction).</summary>
    public void Apply(SeatResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var index = _election.ConstituencyIndex(result.Constituency.Code);
        if (index < 0)
        {
            throw new ArgumentException($"'{result.Constituency.Code}' is not a constituency of {_election.Name}", nameof(result));
        }

        if (_seats[index] is { } previous)
        {
            Accumulate(index, previous, -1);
        }
        else
        {
            Declared++;
        }

        _seats[index] = result;
        Accumulate(index, result, +1);
    }

    /// <summary>Sets the exit poll; a revision replaces the one before it whole. The projection takes it as its prior from now on.</summary>
    public void SetExitPoll(ExitPoll? exitPoll)
    {
        ExitPoll = exitPoll;
        _model.SetExitPoll(exitPoll);
    }

    /// <summary>Takes a seat's result back out of the totals (it is awaiting a declaration again).</summary>
    public void Remove(string code)
    {
        var index = _election.ConstituencyIndex(code);
        if (index >= 0 && _seats[index] is { } previous)
        {
            Accumulate(index, previous, -1);
            _seats[index] = null;
            Declared--;
        }
    }

    public NationalSnapshot Snapshot()
    {
        var seats = (SeatResult?[])_seats.Clone();
        var projection = Project();
        return new NationalSnapshot(
            Declared,
            _election.SeatCount,
            _election.MajorityThreshold,
            _national.ValidVotes,
            _national.InvalidVotes,
            _national.Electorate,
            _national.Standings(),
            _national.HeadlineSwing(),
            projection,
            _election.Baseline.Kind,
            _election.Baseline.Name,
            ExitPoll)
        {
            Nations = _nations.Snapshots(),
            Regions = _regions.Snapshots(),
            PathToMajority = PathToMajority(projection),
            Battleground = new Battleground(_battleground, seats, (int[])_targetsDeclared.Clone(), (int[])_targetsWon.Clone()),
        };
    }

    /// <summary>
    /// The projection (<see cref="ProjectionModel"/>): change in share by region and baseline share, fitted on the declared
    /// seats and anchored on the exit poll when there is one, with each party's range.
    /// </summary>
    public Projection Project() => _model.Project(_seats, _national.SeatsWonCopy(), Declared, _national.AverageChange);

    /// <summary>
    /// Uniform national swing, the old projection, kept to measure the model against: each undeclared seat's baseline
    /// shares moved by the average change in share per party over the declared seats, clamped at zero.
    /// </summary>
    public Projection ProjectUniform()
    {
        var won = _national.SeatsWonCopy();
        var seats = (int[])won.Clone();
        for (var s = 0; s < _seats.Length; s++)
        {
            if (_seats[s] is not null || _baselines[s] is not { } baseline)
            {
                continue;
            }

            var best = -1;
            var bestShare = double.NegativeInfinity;
            foreach (var p in _contenders[s])
            {
                var share = Math.Max(0, baseline.ShareOf(p) + _national.AverageChange(p));
                if (share > bestShare)
                {
                    (best, bestShare) = (p, share);
                }
            }

            if (best >= 0)
            {
                seats[best]++;
            }
        }

        var projected = new List<ProjectedSeats>();
        for (var p = 0; p < seats.Length; p++)
        {
            if (seats[p] > 0)
            {
                projected.Add(new ProjectedSeats(_election.PartyAt(p), seats[p], seats[p], seats[p], won[p], seats[p] - won[p]));
            }
        }

        projected.Sort(static (x, y) => y.Seats.CompareTo(x.Seats) is not 0 and var bySeats ? bySeats : string.CompareOrdinal(x.Party.Code, y.Party.Code));
        return new Projection(Declared, projected) { Description = $"uniform national swing from {Declared} declared seats" };
    }

    private List<MajorityPath> PathToMajority(Projection projection)
    {
        var threshold = _election.MajorityThreshold;
        var undeclared = _election.SeatCount - Declared;
        var paths = new List<MajorityPath>();
        foreach (var standing in projection.Seats)
        {
            var p = _election.PartyIndex(standing.Party.Code);
            if (standing.Won == 0 && standing.Leading == 0)
            {
                continue;
            }

            if (_crossingStale[p])
            {
                _crossing[p] = FindCrossing(p);
                _crossingStale[p] = false;
            }

            var crossed = _crossing[p] is var seat and >= 0 ? new MajorityCrossing(_election.Constituencies[seat], _seats[seat]!.DeclaredAt) : null;
            paths.Add(new MajorityPath(
                standing.Party,
                standing.Won,
                standing.Leading,
                Math.Max(0, threshold - standing.Won),
                crossed,
                crossed is not null || standing.Won + undeclared >= threshold));
        }

        paths.Sort(static (x, y) =>
            (y.Won + y.LeadingUndeclared).CompareTo(x.Won + x.LeadingUndeclared) is not 0 and var byTotal ? byTotal
            : y.Won.CompareTo(x.Won) is not 0 and var byWon ? byWon
            : string.CompareOrdinal(x.Party.Code, y.Party.Code));
        return paths;
    }

    /// <summary>
    /// The seat that took the party to the threshold: its won seats in order of declaration time (then seat code, for
    /// seats declared in the same minute), the threshold-th of them. A function of the results alone, so a tally rebuilt
    /// from scratch finds the same one.
    /// </summary>
    private int FindCrossing(int party)
    {
        if (_national.SeatsWon(party) < _election.MajorityThreshold)
        {
            return -1;
        }

        var won = new List<int>(_national.SeatsWon(party));
        for (var s = 0; s < _seats.Length; s++)
        {
            if (_seats[s] is { } result && _election.PartyIndex(result.Winner.Party) == party)
            {
                won.Add(s);
            }
        }

        won.Sort(CompareDeclared);
        return won[_election.MajorityThreshold - 1];
    }

    private int CompareDeclared(int x, int y) =>
        _seats[x]!.DeclaredAt.CompareTo(_seats[y]!.DeclaredAt) is not 0 and var byTime ? byTime
        : string.CompareOrdinal(_election.Constituencies[x].Code, _election.Constituencies[y].Code);

    private void Accumulate(int seat, SeatResult result, int sign)
    {
        var candidates = result.Candidates;
        var parties = new int[candidates.Count];
        for (var i = 0; i < parties.Length; i++)
        {
            parties[i] = PartyIndexOf(candidates[i].Party);
        }

        var winner = parties[0];
        var baseline = _baselines[seat];
        _national.Accumulate(baseline, result, winner, parties, sign);
        _nations.Accumulate(seat, baseline, result, winner, parties, sign);
        _regions.Accumulate(seat, baseline, result, winner, parties, sign);
        _model.Accumulate(seat, result, parties, sign);

        foreach (var p in _battleground.TargetingParties[seat])
        {
            _targetsDeclared[p] += sign;
            if (p == winner)
            {
                _targetsWon[p] += sign;
            }
        }

        // Only a seat declared at or before the crossing can move it; seats declared after it (the usual case) cannot.
        if (!_crossingStale[winner])
        {
            var crossing = _crossing[winner];
            _crossingStale[winner] = crossing < 0
                ? _national.SeatsWon(winner) >= _election.MajorityThreshold
                : _national.SeatsWon(winner) < _election.MajorityThreshold || crossing == seat || CompareAt(result, seat, crossing) <= 0;
        }
    }

    private int CompareAt(SeatResult result, int seat, int other) =>
        result.DeclaredAt.CompareTo(_seats[other]!.DeclaredAt) is not 0 and var byTime ? byTime
        : string.CompareOrdinal(_election.Constituencies[seat].Code, _election.Constituencies[other].Code);

    private int PartyIndexOf(string code)
    {
        var index = _election.PartyIndex(code);
        return index >= 0 ? index : throw new InvalidOperationException($"party '{code}' is not in {_election.Name}");
    }

    /// <summary>The nations or the regions: a set of totals each, and the last snapshot of each kept until its totals change.</summary>
    private sealed class Areas
    {
        private readonly AreaTotals[] _totals;
        private readonly string[] _names;
        private readonly AreaKind _kind;
        private readonly Constituency[][] _constituencies;
        private readonly AreaSnapshot?[] _last;

        public Areas(Election election, SeatBaseline?[] baselines, AreaKind kind, Func<Constituency, string> area)
        {
            _kind = kind;
            _names = [.. election.Constituencies.Select(area).Distinct(StringComparer.OrdinalIgnoreCase)];
            var index = _names.Select((n, i) => (n, i)).ToDictionary(x => x.n, x => x.i, StringComparer.OrdinalIgnoreCase);
            SeatArea = [.. election.Constituencies.Select(c => index[area(c)])];
            _totals = new AreaTotals[_names.Length];
            _constituencies = new Constituency[_names.Length][];
            for (var a = 0; a < _names.Length; a++)
            {
                var seats = Enumerable.Range(0, election.SeatCount).Where(s => SeatArea[s] == a).ToArray();
                _totals[a] = new AreaTotals(election, baselines, seats);
                _constituencies[a] = [.. seats.Select(s => election.Constituencies[s])];
            }

            _last = new AreaSnapshot?[_names.Length];
        }

        public int Count => _names.Length;

        /// <summary>Each seat's area, by seat index.</summary>
        public int[] SeatArea { get; }

        public void Accumulate(int seat, SeatBaseline? baseline, SeatResult result, int winner, int[] parties, int sign)
        {
            var a = SeatArea[seat];
            _totals[a].Accumulate(baseline, result, winner, parties, sign);
            _last[a] = null;
        }

        public AreaSnapshot[] Snapshots()
        {
            var snapshots = new AreaSnapshot[_names.Length];
            for (var a = 0; a < snapshots.Length; a++)
            {
                snapshots[a] = _last[a] ??= Build(a);
            }

            return snapshots;
        }

        private AreaSnapshot Build(int a)
        {
            var totals = _totals[a];
            return new AreaSnapshot(
                _names[a],
                AreaSnapshot.SlugOf(_names[a]),
                _kind,
                totals.Declared,
                totals.Seats.Count,
                totals.ValidVotes,
                totals.InvalidVotes,
                totals.Electorate,
                totals.Standings(),
                totals.HeadlineSwing(),
                totals.HeadlineCodes,
                _constituencies[a]);
        }
    }
}
