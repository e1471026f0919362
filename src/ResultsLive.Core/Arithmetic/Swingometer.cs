using ResultsLive.Core.Model;

namespace ResultsLive.Core.Arithmetic;

/// <summary>A seat on the swingometer between two parties.</summary>
/// <param name="SwingNeeded">The swing to A (negative: to B) at which the seat changes hands between them, in points.</param>
/// <param name="Swing">The swing to A (negative: to B) the seat showed, once declared; null before.</param>
public sealed record SwingometerSeat(Constituency Constituency, string BaselineWinner, double? SwingNeeded, bool Declared, string? Winner, double? Swing);

/// <summary>
/// The swingometer between two parties A and B: the national Butler swing from the declared seats (like for like), the
/// seats held by one of them at the baseline that the other needs a swing to take, in order of that swing, the ones that
/// fall at the national swing, and the declared seats that swung further than the country or the other way.
/// </summary>
/// <param name="SwingToA">The national swing to A in points, negative when it is to B; null before a declared seat has both.</param>
/// <param name="Scale">Every seat held by A or B at the baseline that the other contests, by <see cref="SwingometerSeat.SwingNeeded"/>, from most to B to most to A.</param>
/// <param name="Falling">The seats of <see cref="Scale"/> that change hands at the national swing.</param>
/// <param name="Further">Declared seats that swung the country's way by more than the country did, the furthest first.</param>
/// <param name="BuckedTheTrend">Declared seats that swung the other way, the furthest first.</param>
public sealed record Swingometer(
    Party PartyA,
    Party PartyB,
    Swing? National,
    double? SwingToA,
    int Declared,
    IReadOnlyList<SwingometerSeat> Scale,
    IReadOnlyList<SwingometerSeat> Falling,
    IReadOnlyList<SwingometerSeat> Further,
    IReadOnlyList<SwingometerSeat> BuckedTheTrend)
{
    /// <summary>The swing at either end of the dial as broadcasters draw it: 25 points, or more when the swing itself is larger.</summary>
    public double DialRange => Math.Max(25, Math.Ceiling((Math.Abs(SwingToA ?? 0) + 5) / 5) * 5);

    /// <summary>The seats of <see cref="Scale"/> that sit on the dial, within <see cref="DialRange"/> of no swing.</summary>
    public IEnumerable<SwingometerSeat> OnDial => Scale.Where(s => Math.Abs(s.SwingNeeded!.Value) <= DialRange);

    internal static Swingometer? Build(NationalSnapshot snapshot, string partyA, string partyB, AreaSnapshot? area = null)
    {
        var battleground = snapshot.Battleground;
        if (battleground.Plan is not { } plan)
        {
            return null;
        }

        var election = plan.Election;
        var (a, b) = (election.PartyIndex(partyA), election.PartyIndex(partyB));
        if (a < 0 || b < 0 || a == b)
        {
            return null;
        }

        var (codeA, codeB) = (election.PartyAt(a).Code, election.PartyAt(b).Code);
        // In a nation or region, the swing is that area's own (its declared seats, like for like), and only its seats count.
        Func<string, PartyStanding?> standing = area is null ? snapshot.Party : area.Party;
        var national = standing(codeA)?.ShareChange is { } changeA && standing(codeB)?.ShareChange is { } changeB
            ? Arithmetic.Swing.Butler(codeA, changeA, codeB, changeB)
            : null;
        double? toA = national is null ? null : string.Equals(national.To, codeA, StringComparison.Ordinal) ? national.Value : -national.Value;

        var scale = new List<SwingometerSeat>();
        var further = new List<SwingometerSeat>();
        var bucked = new List<SwingometerSeat>();
        var seats = battleground.Seats;
        var declared = 0;
        for (var s = 0; s < seats.Length; s++)
        {
            if (plan.Baselines[s] is not { } baseline || (area is not null && !area.Holds(election.Constituencies[s])))
            {
                continue;
            }

            var winner = plan.BaselineWinner[s];
            var (standsA, standsB) = (Contests(election, baseline, s, a), Contests(election, baseline, s, b));
            if (!standsA || !standsB)
            {
                continue;
            }

            var result = seats[s];
            double? needed = winner == b ? (baseline.ShareOf(b) - baseline.ShareOf(a)) / 2
                : winner == a ? -(baseline.ShareOf(a) - baseline.ShareOf(b)) / 2
                : null;
            double? swing = result is null ? null : plan.SwingTowards(s, result, a, b);
            var seat = new SwingometerSeat(election.Constituencies[s], election.PartyAt(winner).Code, needed, result is not null, result?.Winner.Party, swing);
            if (needed is not null)
            {
                scale.Add(seat);
            }

            if (swing is not { } value)
            {
                continue;
            }

            declared++;
            if (toA is { } country && country != 0)
            {
                if (Math.Sign(value) == Math.Sign(country) && Math.Abs(value) > Math.Abs(country))
                {
                    further.Add(seat);
                }
                else if (Math.Sign(value) == -Math.Sign(country))
                {
                    bucked.Add(seat);
                }
            }
        }

        scale.Sort(static (x, y) => x.SwingNeeded!.Value.CompareTo(y.SwingNeeded!.Value) is not 0 and var c ? c : string.CompareOrdinal(x.Constituency.Code, y.Constituency.Code));
        further.Sort(ByDistance);
        bucked.Sort(ByDistance);
        var falling = toA is not { } at ? []
            : scale.Where(seat => at > 0 ? seat.SwingNeeded > 0 && seat.SwingNeeded <= at : seat.SwingNeeded < 0 && seat.SwingNeeded >= at).ToList();
        return new Swingometer(election.PartyAt(a), election.PartyAt(b), national, toA, declared, scale, falling, further, bucked);
    }

    private static int ByDistance(SwingometerSeat x, SwingometerSeat y) =>
        Math.Abs(y.Swing!.Value).CompareTo(Math.Abs(x.Swing!.Value)) is not 0 and var c ? c : string.CompareOrdinal(x.Constituency.Code, y.Constituency.Code);

    /// <summary>A party contests a seat when it stood there at the baseline or is nominated now.</summary>
    private static bool Contests(Election election, SeatBaseline baseline, int seat, int party) =>
        baseline.ShareOf(party) > 0
        || election.NominationsFor(election.Constituencies[seat].Code).Any(n => string.Equals(n.Party, election.PartyAt(party).Code, StringComparison.OrdinalIgnoreCase));
}
