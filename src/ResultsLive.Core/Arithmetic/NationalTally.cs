using ResultsLive.Core.Model;

namespace ResultsLive.Core.Arithmetic;

/// <summary>
/// The running national totals. Applying or replacing one seat's result adds its contribution and takes away
/// the one it replaces, in O(parties in that seat): nothing is ever recounted over all seats.
/// </summary>
/// <remarks>Not thread-safe: one writer (the feed's projection) owns it and publishes immutable snapshots.</remarks>
public sealed class NationalTally
{
    private readonly Election _election;
    private readonly SeatResult?[] _seats;
    private readonly SeatBaseline?[] _baselines;
    private readonly int[][] _contenders;

    // Per party, by the election's dense party index.
    private readonly int[] _seatsWon;
    private readonly int[] _gains;
    private readonly int[] _losses;
    private readonly long[] _votes;
    private readonly long[] _baselineVotesDeclared;
    private readonly double[] _shareChangeSum;
    private readonly int[] _baselineSeats;
    private readonly bool[] _independent;

    private readonly int _headlineA;
    private readonly int _headlineB;

    private long _validVotes;
    private long _invalidVotes;
    private long _electorate;
    private long _baselineTotalDeclared;
    private int _declaredWithBaseline;

    public NationalTally(Election election)
    {
        ArgumentNullException.ThrowIfNull(election);
        _election = election;
        var parties = election.Parties.Count;
        _seats = new SeatResult?[election.SeatCount];
        _seatsWon = new int[parties];
        _gains = new int[parties];
        _losses = new int[parties];
        _votes = new long[parties];
        _baselineVotesDeclared = new long[parties];
        _shareChangeSum = new double[parties];
        _baselineSeats = new int[parties];
        _independent = [.. election.Parties.Select(p => p.IsIndependent)];

        var baselineVotesAll = new long[parties];
        _baselines = new SeatBaseline?[election.SeatCount];
        _contenders = new int[election.SeatCount][];
        for (var s = 0; s < election.SeatCount; s++)
        {
            var code = election.Constituencies[s].Code;
            var baseline = election.Baseline.For(code);
            if (baseline is not null)
            {
                var seat = SeatBaseline.From(election, baseline);
                _baselines[s] = seat;
                if (seat.Winner >= 0)
                {
                    _baselineSeats[seat.Winner]++;
                }

                for (var i = 0; i < seat.Parties.Length; i++)
                {
                    baselineVotesAll[seat.Parties[i]] += seat.Votes[i];
                }
            }

            // Who could win an undeclared seat in the projection: whoever is nominated there, and whoever stood before.
            _contenders[s] = [.. election.NominationsFor(code).Select(n => election.PartyIndex(n.Party))
                .Concat(_baselines[s]?.Parties ?? [])
                .Where(p => p >= 0)
                .Distinct()];
        }

        // The headline swing is between the two parties with the most baseline votes (Con and Lab in 2024).
        var largest = Enumerable.Range(0, parties)
            .Where(p => !election.PartyAt(p).IsIndependent && baselineVotesAll[p] > 0)
            .OrderByDescending(p => baselineVotesAll[p])
            .Take(2)
            .ToArray();
        (_headlineA, _headlineB) = largest.Length == 2 ? (largest[0], largest[1]) : (-1, -1);
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

    /// <summary>Sets the exit poll; a revision replaces the one before it whole.</summary>
    public void SetExitPoll(ExitPoll? exitPoll) => ExitPoll = exitPoll;

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
        var parties = new List<PartyStanding>(_election.Parties.Count);
        for (var p = 0; p < _election.Parties.Count; p++)
        {
            if (_seatsWon[p] == 0 && _votes[p] == 0 && _baselineSeats[p] == 0)
            {
                continue;
            }

            parties.Add(new PartyStanding(
                _election.PartyAt(p), _seatsWon[p], _gains[p], _losses[p], _votes[p], ShareNow(p), ShareChange(p), _baselineSeats[p]));
        }

        parties.Sort(static (x, y) =>
            y.Seats.CompareTo(x.Seats) is not 0 and var bySeats ? bySeats
            : y.Votes.CompareTo(x.Votes) is not 0 and var byVotes ? byVotes
            : y.BaselineSeats.CompareTo(x.BaselineSeats) is not 0 and var byBaseline ? byBaseline
            : string.CompareOrdinal(x.Party.Code, y.Party.Code));

        return new NationalSnapshot(
            Declared,
            _election.SeatCount,
            _election.MajorityThreshold,
            _validVotes,
            _invalidVotes,
            _electorate,
            parties,
            HeadlineSwing(),
            Project(),
            _election.Baseline.Kind,
            _election.Baseline.Name,
            ExitPoll);
    }

    /// <summary>
    /// Uniform national swing: each undeclared seat's baseline shares moved by the average change in share per party
    /// over the declared seats, clamped at zero; declared seats count as declared.
    /// </summary>
    public Projection Project()
    {
        // Runs on every snapshot, so per party work is done once here and the loop over seats is plain array reads.
        var average = new double[_seatsWon.Length];
        for (var p = 0; p < average.Length; p++)
        {
            average[p] = AverageChange(p);
        }

        var seats = (int[])_seatsWon.Clone();
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
                var share = Math.Max(0, baseline.ShareOf(p) + average[p]);
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
                projected.Add(new ProjectedSeats(_election.PartyAt(p), seats[p]));
            }
        }

        projected.Sort(static (x, y) => y.Seats.CompareTo(x.Seats) is not 0 and var bySeats ? bySeats : string.CompareOrdinal(x.Party.Code, y.Party.Code));
        return new Projection(Declared, projected);
    }

    private double AverageChange(int party) =>
        _declaredWithBaseline == 0 || _independent[party] ? 0 : _shareChangeSum[party] / _declaredWithBaseline;

    private double ShareNow(int party) => _validVotes > 0 ? _votes[party] * 100.0 / _validVotes : 0;

    /// <summary>Like for like: share now minus the baseline share over the same declared seats.</summary>
    private double? ShareChange(int party) =>
        _baselineTotalDeclared > 0 && _validVotes > 0
            ? ShareNow(party) - (_baselineVotesDeclared[party] * 100.0 / _baselineTotalDeclared)
            : null;

    private Swing? HeadlineSwing()
    {
        if (_headlineA < 0 || ShareChange(_headlineA) is not { } a || ShareChange(_headlineB) is not { } b)
        {
            return null;
        }

        return Swing.Butler(_election.PartyAt(_headlineA).Code, a, _election.PartyAt(_headlineB).Code, b);
    }

    private void Accumulate(int seat, SeatResult result, int sign)
    {
        _validVotes += sign * result.ValidVotes;
        _invalidVotes += sign * result.InvalidVotes;
        _electorate += sign * result.Electorate;

        var winner = PartyIndexOf(result.Winner.Party);
        _seatsWon[winner] += sign;

        var baseline = _baselines[seat];
        if (baseline is not null && baseline.Winner >= 0 && baseline.Winner != winner)
        {
            _gains[winner] += sign;
            _losses[baseline.Winner] += sign;
        }

        var candidates = result.Candidates;
        for (var i = 0; i < candidates.Count; i++)
        {
            var candidate = candidates[i];
            var party = PartyIndexOf(candidate.Party);
            _votes[party] += sign * candidate.Votes;
            if (baseline is not null)
            {
                _shareChangeSum[party] += sign * candidate.Share;
            }
        }

        if (baseline is null)
        {
            return;
        }

        _declaredWithBaseline += sign;
        _baselineTotalDeclared += sign * baseline.Total;
        for (var i = 0; i < baseline.Parties.Length; i++)
        {
            var party = baseline.Parties[i];
            _baselineVotesDeclared[party] += sign * baseline.Votes[i];
            _shareChangeSum[party] -= sign * baseline.Shares[i];
        }
    }

    private int PartyIndexOf(string code)
    {
        var index = _election.PartyIndex(code);
        return index >= 0 ? index : throw new InvalidOperationException($"party '{code}' is not in {_election.Name}");
    }

    /// <summary>A seat's baseline in the tally's dense party indexes, so applying a result does no lookups by name.</summary>
    private sealed class SeatBaseline
    {
        private SeatBaseline(int[] parties, int[] votes, double[] shares, int total, int winner)
        {
            (Parties, Votes, Shares, Total, Winner) = (parties, votes, shares, total, winner);
        }

        public int[] Parties { get; }

        public int[] Votes { get; }

        public double[] Shares { get; }

        public int Total { get; }

        public int Winner { get; }

        public static SeatBaseline From(Election election, BaselineResult baseline)
        {
            var entries = baseline.Votes.Where(v => v.Value != 0).ToArray();
            return new SeatBaseline(
                [.. entries.Select(e => election.PartyIndex(e.Key))],
                [.. entries.Select(e => e.Value)],
                [.. entries.Select(e => baseline.Total > 0 ? e.Value * 100.0 / baseline.Total : 0)],
                baseline.Total,
                election.PartyIndex(baseline.Winner));
        }

        public double ShareOf(int party)
        {
            for (var i = 0; i < Parties.Length; i++)
            {
                if (Parties[i] == party)
                {
                    return Shares[i];
                }
            }

            return 0;
        }
    }
}
