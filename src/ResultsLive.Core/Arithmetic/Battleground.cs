using ResultsLive.Core.Model;

namespace ResultsLive.Core.Arithmetic;

/// <summary>One target of a party: a seat it did not hold at the baseline and contests now, and what happened there.</summary>
/// <param name="Rank">1 for the seat needing the smallest swing.</param>
/// <param name="SwingNeeded">Half the gap in baseline share between the baseline winner and the party, in points.</param>
/// <param name="Winner">The declared winner's party, or null while undeclared.</param>
/// <param name="Swing">Butler swing from the baseline winner to the party in this seat, in points (negative: away from the party); null while undeclared.</param>
public sealed record BattlegroundTarget(
    int Rank,
    Constituency Constituency,
    double SwingNeeded,
    string BaselineWinner,
    bool Declared,
    bool Won,
    string? Winner,
    double? Swing);

/// <summary>A party's targets in order of the swing they need, with how many have declared and how many it won.</summary>
public sealed record PartyTargets(Party Party, IReadOnlyList<BattlegroundTarget> Targets, int Declared, int Won);

/// <summary>
/// Every party's battleground at one moment. The targets and their order are worked out once from the baseline; a
/// declaration updates each party's counts in O(parties in the seat); a party's full list is built when first read.
/// </summary>
public sealed class Battleground
{
    private readonly BattlegroundPlan? _plan;
    private readonly SeatResult?[] _seats;
    private readonly int[] _declared;
    private readonly int[] _won;
    private readonly PartyTargets?[] _built;

    internal Battleground(BattlegroundPlan plan, SeatResult?[] seats, int[] declared, int[] won)
    {
        (_plan, _seats, _declared, _won) = (plan, seats, declared, won);
        _built = new PartyTargets?[declared.Length];
    }

    private Battleground()
    {
        (_seats, _declared, _won, _built) = ([], [], [], []);
    }

    /// <summary>No election: no targets.</summary>
    public static Battleground Empty { get; } = new();

    /// <summary>The two largest parties at the baseline, the swingometer's default pair.</summary>
    public (string? A, string? B) HeadlinePair => _plan?.HeadlinePair ?? (null, null);

    /// <summary>The parties that have a battleground: every party (not independents) that contests a seat.</summary>
    public IEnumerable<Party> Parties => _plan is null ? [] : _plan.Parties.Select(_plan.Election.PartyAt);

    internal Election? Election => _plan?.Election;

    internal BattlegroundPlan? Plan => _plan;

    internal SeatResult?[] Seats => _seats;

    /// <summary>The party's targets (code any case), or null when the party has no battleground in this election.</summary>
    public PartyTargets? For(string party)
    {
        var p = _plan?.Election.PartyIndex(party) ?? -1;
        if (p < 0 || _plan!.Targets[p] is not { } targets)
        {
            return null;
        }

        if (Volatile.Read(ref _built[p]) is { } built)
        {
            return built;
        }

        var rows = new BattlegroundTarget[targets.Length];
        for (var i = 0; i < targets.Length; i++)
        {
            var (seat, needed) = targets[i];
            var winner = _plan.BaselineWinner[seat];
            var result = _seats[seat];
            rows[i] = new BattlegroundTarget(
                i + 1,
                _plan.Election.Constituencies[seat],
                needed,
                _plan.Election.PartyAt(winner).Code,
                result is not null,
                result is not null && _plan.Election.PartyIndex(result.Winner.Party) == p,
                result?.Winner.Party,
                result is null ? null : _plan.SwingTowards(seat, result, p, winner));
        }

        Interlocked.CompareExchange(ref _built[p], new PartyTargets(_plan.Election.PartyAt(p), rows, _declared[p], _won[p]), null);
        return _built[p];
    }
}

/// <summary>What the battleground is made of, worked out once per election: each party's targets in order, each seat's targeting parties.</summary>
internal sealed class BattlegroundPlan
{
    public BattlegroundPlan(Election election, SeatBaseline?[] baselines, (int A, int B) headline)
    {
        Election = election;
        Baselines = baselines;
        var parties = election.Parties.Count;
        BaselineWinner = [.. baselines.Select(b => b?.Winner ?? -1)];
        HeadlinePair = headline.A >= 0 ? (election.PartyAt(headline.A).Code, election.PartyAt(headline.B).Code) : (null, null);

        var lists = new List<(int Seat, double Needed)>?[parties];
        var bySeat = new List<int>[election.SeatCount];
        for (var s = 0; s < election.SeatCount; s++)
        {
            bySeat[s] = [];
            var nominated = election.NominationsFor(election.Constituencies[s].Code)
                .Select(n => election.PartyIndex(n.Party))
                .Where(p => p >= 0 && !election.PartyAt(p).IsIndependent)
                .Distinct();
            foreach (var p in nominated)
            {
                lists[p] ??= [];
                if (baselines[s] is not { Winner: >= 0 } baseline || baseline.Winner == p)
                {
                    continue;
                }

                lists[p]!.Add((s, (baseline.ShareOf(baseline.Winner) - baseline.ShareOf(p)) / 2));
                bySeat[s].Add(p);
            }
        }

        Targets = new (int, double)[]?[parties];
        var withTargets = new List<int>();
        for (var p = 0; p < parties; p++)
        {
            if (lists[p] is { } list)
            {
                Targets[p] = [.. list.OrderBy(t => t.Needed).ThenBy(t => election.Constituencies[t.Seat].Code, StringComparer.Ordinal)];
                withTargets.Add(p);
            }
        }

        Parties = withTargets;
        TargetingParties = [.. bySeat.Select(l => l.ToArray())];
    }

    public Election Election { get; }

    public SeatBaseline?[] Baselines { get; }

    public (string? A, string? B) HeadlinePair { get; }

    /// <summary>Per party index: its targets as (seat index, swing needed), smallest swing first; null for a party that contests nothing.</summary>
    public (int Seat, double Needed)[]?[] Targets { get; }

    /// <summary>Per seat index: the parties for which it is a target.</summary>
    public int[][] TargetingParties { get; }

    public int[] BaselineWinner { get; }

    public IReadOnlyList<int> Parties { get; }

    /// <summary>Butler swing from <paramref name="from"/> to <paramref name="to"/> in a declared seat: ((Δto) − (Δfrom)) / 2, in points.</summary>
    public double SwingTowards(int seat, SeatResult result, int to, int from)
    {
        var baseline = Baselines[seat]!;
        return (Change(result, baseline, to) - Change(result, baseline, from)) / 2;
    }

    /// <summary>A party's change in share in a declared seat: its share now (0 if it did not stand) less its baseline share.</summary>
    public double Change(SeatResult result, SeatBaseline baseline, int party)
    {
        var code = Election.PartyAt(party).Code;
        double now = 0;
        foreach (var candidate in result.Candidates)
        {
            if (string.Equals(candidate.Party, code, StringComparison.OrdinalIgnoreCase))
            {
                now = candidate.Share;
                break;
            }
        }

        return now - baseline.ShareOf(party);
    }
}
