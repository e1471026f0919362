using ResultsLive.Core.Model;

namespace ResultsLive.Core.Arithmetic;

/// <summary>
/// Running totals over a set of seats (the country, a nation or a region): seats, gains, losses, votes and the
/// like-for-like baseline of the declared seats, per party. One seat's result is added or taken away in O(parties in it).
/// </summary>
internal sealed class AreaTotals
{
    private readonly Election _election;
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

    /// <param name="seats">The seats of the area, by index into <see cref="Election.Constituencies"/>.</param>
    public AreaTotals(Election election, SeatBaseline?[] baselines, IReadOnlyList<int> seats)
    {
        _election = election;
        var parties = election.Parties.Count;
        _seatsWon = new int[parties];
        _gains = new int[parties];
        _losses = new int[parties];
        _votes = new long[parties];
        _baselineVotesDeclared = new long[parties];
        _shareChangeSum = new double[parties];
        _baselineSeats = new int[parties];
        _independent = [.. election.Parties.Select(p => p.IsIndependent)];
        Seats = seats;

        var baselineVotesAll = new long[parties];
        foreach (var s in seats)
        {
            if (baselines[s] is not { } seat)
            {
                continue;
            }

            if (seat.Winner >= 0)
            {
                _baselineSeats[seat.Winner]++;
            }

            for (var i = 0; i < seat.Parties.Length; i++)
            {
                baselineVotesAll[seat.Parties[i]] += seat.Votes[i];
            }
        }

        // The headline swing is between the two parties with the most baseline votes here (Con and Lab in the UK in 2024).
        var largest = Enumerable.Range(0, parties)
            .Where(p => !election.PartyAt(p).IsIndependent && baselineVotesAll[p] > 0)
            .OrderByDescending(p => baselineVotesAll[p])
            .ThenBy(p => p)
            .Take(2)
            .ToArray();
        (_headlineA, _headlineB) = largest.Length == 2 ? (largest[0], largest[1]) : (-1, -1);
    }

    public IReadOnlyList<int> Seats { get; }

    public int Declared { get; private set; }

    public int DeclaredWithBaseline { get; private set; }

    public long ValidVotes => _validVotes;

    public long InvalidVotes => _invalidVotes;

    public long Electorate => _electorate;

    /// <summary>The two parties with the most baseline votes in the area, or (-1, -1) without a baseline.</summary>
    public (int A, int B) Headline => (_headlineA, _headlineB);

    /// <summary>The codes of the two <see cref="Headline"/> parties; empty without a baseline.</summary>
    public IReadOnlyList<string> HeadlineCodes => _headlineA < 0 ? [] : [_election.PartyAt(_headlineA).Code, _election.PartyAt(_headlineB).Code];

    public int SeatsWon(int party) => _seatsWon[party];

    public int[] SeatsWonCopy() => (int[])_seatsWon.Clone();

    public void Accumulate(SeatBaseline? baseline, SeatResult result, int winner, int[] candidateParties, int sign)
    {
        Declared += sign;
        _validVotes += sign * result.ValidVotes;
        _invalidVotes += sign * result.InvalidVotes;
        _electorate += sign * result.Electorate;
        _seatsWon[winner] += sign;
        if (baseline is not null && baseline.Winner >= 0 && baseline.Winner != winner)
        {
            _gains[winner] += sign;
            _losses[baseline.Winner] += sign;
        }

        var candidates = result.Candidates;
        for (var i = 0; i < candidates.Count; i++)
        {
            var party = candidateParties[i];
            _votes[party] += sign * candidates[i].Votes;
            if (baseline is not null)
            {
                _shareChangeSum[party] += sign * candidates[i].Share;
            }
        }

        if (baseline is null)
        {
            return;
        }

        DeclaredWithBaseline += sign;
        _baselineTotalDeclared += sign * baseline.Total;
        for (var i = 0; i < baseline.Parties.Length; i++)
        {
            var party = baseline.Parties[i];
            _baselineVotesDeclared[party] += sign * baseline.Votes[i];
            _shareChangeSum[party] -= sign * baseline.Shares[i];
        }
    }

    /// <summary>The average change in share per declared seat with a baseline: what uniform swing applies. Independents: 0.</summary>
    public double AverageChange(int party) =>
        DeclaredWithBaseline == 0 || _independent[party] ? 0 : _shareChangeSum[party] / DeclaredWithBaseline;

    public double ShareNow(int party) => _validVotes > 0 ? _votes[party] * 100.0 / _validVotes : 0;

    /// <summary>Like for like: share now minus the baseline share over the same declared seats.</summary>
    public double? ShareChange(int party) =>
        _baselineTotalDeclared > 0 && _validVotes > 0
            ? ShareNow(party) - (_baselineVotesDeclared[party] * 100.0 / _baselineTotalDeclared)
            : null;

    /// <summary>Butler swing between two parties over the declared seats, like for like; null before there is a change to measure.</summary>
    public Swing? SwingBetween(int a, int b)
    {
        if (a < 0 || b < 0 || ShareChange(a) is not { } changeA || ShareChange(b) is not { } changeB)
        {
            return null;
        }

        return Swing.Butler(_election.PartyAt(a).Code, changeA, _election.PartyAt(b).Code, changeB);
    }

    public Swing? HeadlineSwing() => SwingBetween(_headlineA, _headlineB);

    /// <summary>Every party with seats, votes or baseline seats here, most seats first, then most votes.</summary>
    public List<PartyStanding> Standings()
    {
        var parties = new List<PartyStanding>();
        for (var p = 0; p < _seatsWon.Length; p++)
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
        return parties;
    }
}
