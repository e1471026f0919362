using System.Globalization;

using ResultsLive.Core.Model;

namespace ResultsLive.Import;

/// <summary>A synthetic, fully deterministic election night: what the app shows, marked DEMO, when no real election is configured.</summary>
/// <remarks>
/// Invented seats on an invented hex-map island, in UK proportions; a 2019-like notional baseline; and a 2024-like night
/// in which Labour wins a majority while the Liberal Democrats, Reform and a few Greens and independents take seats.
/// The same seed always gives the same night, so screenshots, tests and demos can be repeated.
/// </remarks>
public static class DemoElection
{
    public const string Id = "demo";

    public const string Name = "Demo general election";

    public const int MaxSeats = 5000;

    /// <summary>Builds the election, its results in declaration order, its hex map and its declaration times.</summary>
    /// <param name="seats">How many constituencies, from 1 to <see cref="MaxSeats"/>; regions keep their UK proportions.</param>
    /// <param name="seed">Chooses the night; the same seed gives the same names, votes, times and map.</param>
    public static LoadedElection Generate(int seats = 650, int seed = 2024)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(seats, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(seats, MaxSeats);

        var placed = DemoGeography.Place(DemoRegion.Allocate(seats), new DemoRandom(seed, DemoStream.Geography));
        DemoNames.NameSeats(placed, new DemoRandom(seed, DemoStream.PlaceNames));

        // Codes follow region, then name, as an index of seats would list them.
        List<DemoSeat> ordered = [.. placed.OrderBy(s => s.Region.Index).ThenBy(s => s.Name, StringComparer.Ordinal)];
        for (var i = 0; i < ordered.Count; i++)
        {
            ordered[i].Code = string.Create(CultureInfo.InvariantCulture, $"DM{i + 1:D5}");
        }

        DemoContests.Decide(ordered, new DemoRandom(seed, DemoStream.Contests));
        DemoContests.Nominate(ordered, new DemoRandom(seed, DemoStream.CandidateNames));
        DemoVotes.Cast(ordered, new DemoRandom(seed, DemoStream.Votes));
        DemoClock.Schedule(ordered, new DemoRandom(seed, DemoStream.Clock));

        return new LoadedElection(
            ToElection(ordered),
            [.. ordered.OrderBy(s => s.DeclaredAt).ThenBy(s => s.Code, StringComparer.Ordinal).Select(ToDeclaration)],
            new HexMap("odd-r", ordered.ToDictionary(s => s.Code, s => new Hex(s.Code, s.Name, s.Cell.Q, s.Cell.R, s.Region.Name), StringComparer.Ordinal)),
            ordered.ToDictionary(s => s.Code, s => s.DeclaredAt, StringComparer.Ordinal));
    }

    private static Election ToElection(List<DemoSeat> seats)
    {
        var standing = seats.SelectMany(s => s.Parties).ToHashSet(StringComparer.Ordinal);
        return new Election(
            Id,
            Name,
            seats.Select(s => new Constituency(s.Code, s.Name, s.Region.Name, s.Region.Nation, s.Electorate)),
            seats.ToDictionary(s => s.Code, s => s.Nominations, StringComparer.Ordinal),
            new Baseline(BaselineKind.Notional, DemoVotes.BaselineName, seats.ToDictionary(s => s.Code, s => s.Baseline!, StringComparer.Ordinal)),
            DemoContests.PartyOrder.Where(standing.Contains).Select(code => PartyCatalog.Get(code)));
    }

    /// <summary>The returning officer's declaration: every candidate in ballot-paper order with their votes.</summary>
    private static Declaration ToDeclaration(DemoSeat seat) =>
        new(
            seat.Code,
            Revision: 1,
            seat.DeclaredAt,
            seat.Electorate,
            seat.InvalidVotes,
            [.. seat.Nominations.Select(n => new CandidateVotes(n.Name, n.Party, seat.Votes[n.Party]))]);
}
