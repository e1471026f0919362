using ResultsLive.Core.Arithmetic;
using ResultsLive.Core.Model;

namespace ResultsLive.Core.Desk;

/// <summary>
/// Works out why each declaration matters, as the projection applies the journal: a fact of the journal, so every node and
/// every replay that applies the same entries in the same order gets the same reasons.
/// </summary>
/// <remarks>
/// One writer (the projection) calls it in sequence order, after the tally has taken the entry. Per declaration the work is
/// O(parties + candidates), except the exit-poll comparison, which reads the tally's projection (O(seats), the cost every
/// published snapshot already pays) and only once an exit poll is in and enough seats have declared.
/// Some reasons are facts of the result and hold for every revision of it (a gain, a defeated sitting MP, a big swing);
/// the rest are moments of the night and are given once, to the declaration that made them (the first gain, the majority).
/// </remarks>
public sealed class Notability
{
    private readonly Election _election;
    private readonly NotabilityOptions _options;
    private readonly Nomination[][] _sitting;
    private readonly bool[] _recount;
    private readonly int[] _seatsWon;
    private readonly bool[] _gained;
    private readonly bool[] _majority;
    private readonly bool[] _beyondExitPoll;
    private int _declared;
    private bool _anyDeclared;
    private bool _anyGain;
    private bool _lastSeat;
    private int? _largest;
    private int? _smallest;
    private ExitPoll? _exitPoll;

    public Notability(Election election, NotabilityOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(election);
        _election = election;
        _options = options ?? NotabilityOptions.Default;
        if (_options.Problems() is { Count: > 0 } problems)
        {
            throw new ArgumentException(string.Join("; ", problems), nameof(options));
        }

        _sitting = [.. election.Constituencies.Select(c => election.NominationsFor(c.Code).Where(n => n.SittingMp).ToArray())];
        _recount = new bool[election.SeatCount];
        var parties = election.Parties.Count;
        _seatsWon = new int[parties];
        _gained = new bool[parties];
        _majority = new bool[parties];
        _beyondExitPoll = new bool[parties];
    }

    public NotabilityOptions Options => _options;

    /// <summary>
    /// The reasons <paramref name="result"/> matters, given the seat's result before it (<paramref name="previous"/>, null for
    /// a first declaration) and the tally after it. Empty when nothing about it stands out.
    /// </summary>
    public IReadOnlyList<NotableReason> Declared(SeatResult result, SeatResult? previous, NationalTally tally)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(tally);
        var index = _election.ConstituencyIndex(result.Constituency.Code);
        if (index < 0)
        {
            throw new ArgumentException($"'{result.Constituency.Code}' is not a constituency of {_election.Name}", nameof(result));
        }

        var reasons = new List<NotableReason>();
        var seat = HouseStyle.OneLine(result.Constituency.Name);
        var winner = result.Winner;
        var party = _election.PartyIndex(winner.Party);
        if (previous is null)
        {
            _declared++;
        }
        else
        {
            Count(previous.Winner.Party, -1);
        }

        Count(winner.Party, +1);

        if (previous is null && !_anyDeclared)
        {
            _anyDeclared = true;
            reasons.Add(new(NotableKind.FirstDeclaration, $"{seat} is the first seat to declare."));
        }

        if (result.IsGain)
        {
            reasons.Add(new(NotableKind.Gain, GainText(result, seat)));
            if (party >= 0 && !_gained[party])
            {
                _gained[party] = true;
                reasons.Add(new(NotableKind.FirstGain, FirstGainText(result, seat, first: !_anyGain)));
            }

            _anyGain = true;
        }

        if (previous is not null && !SameCandidate(previous.Winner, winner))
        {
            reasons.Add(new(
                NotableKind.WinnerCorrected,
                $"Correction: {Candidate(winner)} wins {seat}, not {Candidate(previous.Winner)} as revision {previous.Revision} said."));
        }

        foreach (var sitting in _sitting[index])
        {
            if (!(string.Equals(sitting.Name, winner.Name, StringComparison.Ordinal) && string.Equals(sitting.Party, winner.Party, StringComparison.Ordinal)))
            {
                reasons.Add(new(
                    NotableKind.SittingMpDefeated,
                    $"{HouseStyle.OneLine(sitting.Name)} ({sitting.Party}), a sitting MP, is defeated in {seat} by {Candidate(winner)}."));
            }
        }

        if (_recount[index])
        {
            reasons.Add(new(NotableKind.Recount, $"{seat} declared after a recount."));
            _recount[index] = false;
        }

        // Records are moments of the night, set by first declarations: a correction does not compete with its own seat.
        if (previous is null)
        {
            Majorities(result, seat, reasons);
        }

        if (result.Swing is { } swing && swing.Value >= _options.BigSwing)
        {
            reasons.Add(new(
                NotableKind.BigSwing,
                $"A {HouseStyle.Percent(swing.Value)} swing from {swing.From} to {swing.To} in {seat}, beyond the {HouseStyle.Points(_options.BigSwing)} mark."));
        }

        if (result.Turnout is { } turnout && result.TurnoutChange is { } change && Math.Abs(change) >= _options.TurnoutChange)
        {
            reasons.Add(new(
                NotableKind.TurnoutChange,
                $"Turnout in {seat} is {HouseStyle.Percent(turnout)}, {(change > 0 ? "up" : "down")} {HouseStyle.Points(change)} on the {_election.Baseline.Name}."));
        }

        if (party >= 0 && !_majority[party] && _seatsWon[party] >= _election.MajorityThreshold)
        {
            // The moment is this declaration; the seat named is the one the tally's path to a majority counts as the
            // threshold-th (by declaration time), the same crossing every page shows, even when seats arrive out of order.
            _majority[party] = true;
            var crossing = tally.Snapshot().PathFor(winner.Party)?.CrossedAt?.Constituency.Name is { } crossed ? HouseStyle.OneLine(crossed) : seat;
            reasons.Add(new(
                NotableKind.MajorityReached,
                $"{HouseStyle.PartyName(_election, winner.Party)} reach {_election.MajorityThreshold} seats with {crossing}: a majority of the {_election.SeatCount}."));
        }

        if (previous is null && !_lastSeat && _declared == _election.SeatCount)
        {
            _lastSeat = true;
            reasons.Add(new(NotableKind.LastSeat, $"{seat} is the last of the {_election.SeatCount} seats to declare."));
        }

        ExitPollGap(tally, seat, reasons);
        return reasons;
    }

    /// <summary>A seat's status changed: a recount is remembered for its next declaration; back to awaiting withdraws its result.</summary>
    public void StatusChanged(string constituency, SeatStatus status, SeatResult? withdrawn)
    {
        var index = _election.ConstituencyIndex(constituency);
        if (index < 0)
        {
            return;
        }

        if (status == SeatStatus.Recount)
        {
            _recount[index] = true;
        }

        if (status == SeatStatus.Awaiting && withdrawn is not null)
        {
            _declared--;
            Count(withdrawn.Winner.Party, -1);
        }
    }

    private void Count(string party, int sign)
    {
        if (_election.PartyIndex(party) is var index and >= 0)
        {
            _seatsWon[index] += sign;
        }
    }

    private void Majorities(SeatResult result, string seat, List<NotableReason> reasons)
    {
        // The first seat is both the largest and the smallest of one; a record needs something to beat.
        var majority = result.Majority;
        if (_largest is { } largest && majority > largest)
        {
            reasons.Add(new(
                NotableKind.LargestMajority,
                $"The largest majority so far: {HouseStyle.Number(majority)} ({HouseStyle.Percent(result.MajorityShare)}) in {seat}, beating {HouseStyle.Number(largest)}."));
        }

        if (_smallest is { } smallest && majority < smallest)
        {
            reasons.Add(new(
                NotableKind.SmallestMajority,
                $"The smallest majority so far: {HouseStyle.Number(majority)} ({HouseStyle.Percent(result.MajorityShare)}) in {seat}, below {HouseStyle.Number(smallest)}."));
        }

        _largest = Math.Max(_largest ?? majority, majority);
        _smallest = Math.Min(_smallest ?? majority, majority);
    }

    private void ExitPollGap(NationalTally tally, string seat, List<NotableReason> reasons)
    {
        // A new exit poll (or a revision of it) is compared with afresh.
        var exitPoll = tally.ExitPoll;
        if (!ReferenceEquals(exitPoll, _exitPoll))
        {
            _exitPoll = exitPoll;
            Array.Clear(_beyondExitPoll);
        }

        if (exitPoll is null || tally.Declared < _options.ExitPollGapMinimumDeclared)
        {
            return;
        }

        var projection = tally.Project();
        foreach (var forecast in exitPoll.Parties)
        {
            var party = _election.PartyIndex(forecast.Party);
            if (party < 0)
            {
                continue;
            }

            var projected = projection.Seats.FirstOrDefault(s => s.Party.Code == _election.PartyAt(party).Code)?.Seats ?? 0;
            var gap = projected - forecast.Seats;
            var beyond = Math.Abs(gap) >= _options.ExitPollGap;
            if (beyond && !_beyondExitPoll[party])
            {
                reasons.Add(new(
                    NotableKind.ExitPollGap,
                    $"With {seat} in, the projection gives {HouseStyle.PartyName(_election, forecast.Party)} {projected} seats, "
                    + $"{Math.Abs(gap)} {(gap > 0 ? "more" : "fewer")} than the exit poll's {forecast.Seats} ({HouseStyle.OneLine(exitPoll.Source)})."));
            }

            _beyondExitPoll[party] = beyond;
        }
    }

    private string GainText(SeatResult result, string seat)
    {
        var winner = result.Winner;
        var from = HouseStyle.PartyName(_election, result.BaselineWinner!);
        var index = _election.ConstituencyIndex(result.Constituency.Code);
        if (_sitting[index].Any(n => string.Equals(n.Name, winner.Name, StringComparison.Ordinal) && string.Equals(n.Party, winner.Party, StringComparison.Ordinal)))
        {
            // The Library counts a sitting MP re-elected under another banner (Jeremy Corbyn in 2024) as a gain from the
            // baseline's party: say both, as the data does.
            var banner = Party.IsIndependentCode(winner.Party) ? "as an independent" : $"for {HouseStyle.PartyName(_election, winner.Party)}";
            return $"{seat}: {result.Result}. {HouseStyle.OneLine(winner.Name)}, the sitting MP, is re-elected {banner} "
                + $"against {from}, who held the seat on the {_election.Baseline.Name} figures.";
        }

        return $"{seat}: {result.Result}. {Candidate(winner)} takes the seat from {from}, who held it on the {_election.Baseline.Name} figures.";
    }

    private string FirstGainText(SeatResult result, string seat, bool first)
    {
        var winner = result.Winner.Party;
        if (first)
        {
            return $"The first gain of the night: {seat}, {result.Result}.";
        }

        return Party.IsIndependentCode(winner)
            ? $"The first gain of the night by an independent: {seat}, {result.Result}."
            : $"{HouseStyle.Possessive(HouseStyle.PartyName(_election, winner))} first gain of the night: {seat}, {result.Result}.";
    }

    private static string Candidate(CandidateResult candidate) => $"{HouseStyle.OneLine(candidate.Name)} ({candidate.Party})";

    private static bool SameCandidate(CandidateResult a, CandidateResult b) =>
        string.Equals(a.Name, b.Name, StringComparison.Ordinal) && string.Equals(a.Party, b.Party, StringComparison.Ordinal);
}
