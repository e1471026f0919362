using System.Text.RegularExpressions;

using ResultsLive.Core.Arithmetic;
using ResultsLive.Core.Model;
using ResultsLive.Core.Validation;

namespace ResultsLive.Import.Tests.Demo;

public partial class DemoElectionTests
{
    private static readonly Lazy<LoadedElection> Night = new(() => DemoElection.Generate());

    private static readonly DateTimeOffset Midnight = new(2024, 7, 5, 0, 0, 0, TimeSpan.FromHours(1));

    [Fact]
    public void Generate_Defaults_Is650SeatDemoWithANotionalBaseline()
    {
        var election = Night.Value.Election;

        Assert.Equal(("demo", "Demo general election", 650), (election.Id, election.Name, election.SeatCount));
        Assert.Equal(650, Night.Value.Results.Count);
        Assert.Equal((BaselineKind.Notional, "demo notional", 650), (election.Baseline.Kind, election.Baseline.Name, election.Baseline.Seats.Count));
    }

    [Fact]
    public void Generate_SameSeed_GivesIdenticalNight()
    {
        var first = Fingerprint(DemoElection.Generate(650, seed: 7));
        var second = Fingerprint(DemoElection.Generate(650, seed: 7));

        Assert.Equal(first, second);
    }

    [Fact]
    public void Generate_DifferentSeed_GivesDifferentNamesVotesAndMap()
    {
        var one = DemoElection.Generate(650, seed: 1);
        var two = DemoElection.Generate(650, seed: 2);

        Assert.NotEqual(one.Election.Constituencies.Select(c => c.Name), two.Election.Constituencies.Select(c => c.Name));
        Assert.NotEqual(one.Results.Select(VotesLine), two.Results.Select(VotesLine));
        Assert.NotEqual(Cells(one), Cells(two));
    }

    [Fact]
    public void Generate_650Seats_HasUniqueDmCodesAndUniqueNames()
    {
        var seats = Night.Value.Election.Constituencies;

        Assert.Equal(Enumerable.Range(1, 650).Select(i => $"DM{i:D5}"), seats.Select(c => c.Code).Order(StringComparer.Ordinal));
        Assert.Equal(650, seats.Select(c => c.Name).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.All(seats, c => Assert.Matches(PlaceName(), c.Name));
    }

    [Fact]
    public void Generate_EveryDeclaration_PassesValidationAndThePlausibilityChecks()
    {
        var election = Night.Value.Election;

        // The demo night goes through ingest like the API: not one of its declarations may need an override.
        Assert.All(Night.Value.Results, d => Assert.Empty(PlausibilityChecks.Validate(election, d, d.DeclaredAt).Problems));
    }

    [Fact]
    public void Generate_Hexmap_HasOneHexPerSeatAtUniqueCoordinates()
    {
        var map = Night.Value.Hexmap!;
        var seats = Night.Value.Election.Constituencies;

        Assert.Equal("odd-r", map.Layout);
        Assert.Equal(seats.Select(c => c.Code).Order(StringComparer.Ordinal), map.Hexes.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(650, map.Hexes.Values.Select(h => (h.Q, h.R)).Distinct().Count());
        Assert.All(seats, c => Assert.Equal((c.Name, c.Region), (map.Hexes[c.Code].Name, map.Hexes[c.Code].Region)));
    }

    [Fact]
    public void Generate_Hexmap_FollowsTheRealMapsConventionOfRowsIncreasingNorthward()
    {
        var hexes = Night.Value.Hexmap!.Hexes.Values;

        // Like the 2024 HexJSON: the top row is 0 (-1 when keeping the odd-r parity needs it) and rows below are negative.
        Assert.InRange(hexes.Max(h => h.R), -1, 0);
        Assert.True(AverageRow(hexes, "Scotland") > AverageRow(hexes, "North East"));
        Assert.True(AverageRow(hexes, "North East") > AverageRow(hexes, "South West"));
    }

    [Fact]
    public void Generate_Hexmap_PlacesRegionsRoughlyWhereTheyAreInTheUk()
    {
        var hexes = Night.Value.Hexmap!.Hexes.Values.ToList();
        var greatBritain = hexes.Where(h => h.Region != "Northern Ireland").ToList();

        Assert.True(AverageColumn(hexes, "Northern Ireland") < greatBritain.Min(h => h.Q) + 2, "Northern Ireland lies to the west");
        Assert.True(AverageColumn(hexes, "Wales") < AverageColumn(hexes, "East of England"), "Wales lies west of the East of England");
        Assert.True(AverageColumn(hexes, "London") > greatBritain.Average(h => h.Q), "London is in the east");
        Assert.True(AverageRow(hexes, "London") < greatBritain.Average(h => h.R), "London is in the south");
    }

    [Theory]
    [InlineData(20)]
    [InlineData(100)]
    [InlineData(650)]
    [InlineData(1000)]
    public void Generate_Hexmap_EachRegionIsOneClusterAndNorthernIrelandIsApart(int seats)
    {
        var hexes = DemoElection.Generate(seats).Hexmap!.Hexes.Values.ToList();
        var northernIreland = hexes.Where(h => h.Region == "Northern Ireland").Select(Cell).ToHashSet();

        Assert.All(hexes.GroupBy(h => h.Region), region => Assert.Equal(1, Pieces(region.Select(Cell))));
        Assert.Equal(1, Pieces(hexes.Where(h => h.Region != "Northern Ireland").Select(Cell)));
        Assert.DoesNotContain(hexes, h => h.Region != "Northern Ireland" && Neighbours(Cell(h)).Any(northernIreland.Contains));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(20)]
    public void Generate_SmallHouse_GivesACompleteValidNight(int seats)
    {
        var night = DemoElection.Generate(seats);

        Assert.Equal(seats, night.Election.SeatCount);
        Assert.Equal(seats, night.Results.Count);
        Assert.Equal(seats, night.Hexmap!.Hexes.Values.Select(h => (h.Q, h.R)).Distinct().Count());
        Assert.Equal(seats, night.DeclarationTimes.Count);
        Assert.All(night.Results, d => Assert.Empty(DeclarationValidator.Validate(night.Election, d).Problems));
    }

    [Fact]
    public void Generate_20Seats_KeepsNorthernIrelandAndTheSpeaker()
    {
        var night = DemoElection.Generate(20);

        Assert.Contains(night.Election.Constituencies, c => c.Nation == "Northern Ireland");
        Assert.Single(night.Election.Baseline.Seats.Values, b => b.Winner == "Spk");
    }

    [Fact]
    public void Generate_OneSeat_HasNoSpeaker()
    {
        var night = DemoElection.Generate(1);

        Assert.DoesNotContain(night.Election.NominationsFor(night.Election.Constituencies[0].Code), n => n.Party == "Spk");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5001)]
    public void Generate_SeatsOutOfRange_Throws(int seats)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => DemoElection.Generate(seats));
    }

    [Fact]
    public void Generate_650Seats_AllocatesRegionsInUkProportions()
    {
        var byRegion = Night.Value.Election.Constituencies.GroupBy(c => c.Region).ToDictionary(g => g.Key, g => g.ToList());

        Assert.Equal(12, byRegion.Count);
        Assert.InRange(byRegion["Scotland"].Count, 50, 65);
        Assert.InRange(byRegion["Northern Ireland"].Count, 15, 20);
        Assert.InRange(byRegion["Wales"].Count, 28, 36);
        Assert.InRange(byRegion["London"].Count, 65, 85);
        Assert.All(byRegion, r => Assert.Single(r.Value.Select(c => c.Nation).Distinct()));
        Assert.Equal(
            ["England", "Northern Ireland", "Scotland", "Wales"],
            byRegion.Select(r => r.Value[0].Nation).Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Generate_AllResultsApplied_LabourWinsAMajorityAndOthersGain()
    {
        var snapshot = Tally(Night.Value);
        var parties = snapshot.Parties.ToDictionary(p => p.Party.Code);

        Assert.Equal("Lab", snapshot.Parties[0].Party.Code);
        Assert.True(parties["Lab"].Seats >= 326, $"Lab won {parties["Lab"].Seats}");
        Assert.True(snapshot.Parties.Count(p => p.Seats > 0) >= 5);
        Assert.True(parties["LD"].Gains > 0);
        Assert.True(parties["RUK"].Gains > 0);
        Assert.True(parties["Green"].Gains + parties["Ind"].Gains > 0);
        Assert.Equal("Con", snapshot.Parties.MaxBy(p => p.BaselineSeats)!.Party.Code);
    }

    [Fact]
    public void Generate_Results_AreInDeclarationOrderFromBeforeMidnightIntoTheMorning()
    {
        var times = Night.Value.Results.Select(d => d.DeclaredAt).ToList();

        Assert.Equal(times.Order(), times);
        Assert.InRange(times[0], Midnight.AddMinutes(-60), Midnight.AddTicks(-1));
        Assert.All(times, t => Assert.Equal(TimeSpan.FromHours(1), t.Offset));
        Assert.True(times.Count(t => t >= Midnight.AddHours(1.5) && t <= Midnight.AddHours(5.5)) >= 0.85 * times.Count);
        Assert.InRange(times.Count(t => t >= Midnight.AddHours(6)), 3, 20);
        Assert.All(Night.Value.Results, d => Assert.Equal(d.DeclaredAt, Night.Value.DeclarationTimes[d.Constituency]));
    }

    [Fact]
    public void Generate_650Seats_HasExactlyOneSpeakerSeatHeldByTheSpeaker()
    {
        var election = Night.Value.Election;

        var speaker = Assert.Single(election.Constituencies, c => election.NominationsFor(c.Code).Any(n => n.Party == "Spk"));
        Assert.Equal("Spk", election.Baseline.For(speaker.Code)!.Winner);
        Assert.Single(election.Baseline.Seats.Values, b => b.Winner == "Spk");
        Assert.InRange(election.NominationsFor(speaker.Code).Count, 2, 4);
    }

    [Fact]
    public void Generate_Nominations_AreOneNamedCandidatePerPartyInBallotOrder()
    {
        var election = Night.Value.Election;
        var all = election.Constituencies.SelectMany(c => election.NominationsFor(c.Code)).ToList();

        Assert.Equal(all.Count, all.Select(n => n.Name).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.All(election.Constituencies, c =>
        {
            var nominations = election.NominationsFor(c.Code);
            Assert.Equal(nominations.Count, nominations.Select(n => n.Party).Distinct().Count());
            Assert.Equal(nominations.OrderBy(n => n.Name.Split(' ')[^1], StringComparer.Ordinal).Select(n => n.Name.Split(' ')[^1]), nominations.Select(n => n.Name.Split(' ')[^1]));
        });
    }

    [Fact]
    public void Generate_Nominations_FollowEachNationsParties()
    {
        var election = Night.Value.Election;
        string[] northernIrish = ["DUP", "SF", "SDLP", "UUP", "APNI"];

        Assert.All(election.Constituencies, c =>
        {
            var parties = election.NominationsFor(c.Code).Select(n => n.Party).Where(p => p is not ("Ind" or "Spk")).ToList();
            Assert.Equal(c.Nation == "Northern Ireland", parties.All(northernIrish.Contains));
            Assert.Equal(c.Nation == "Scotland", parties.Contains("SNP"));
            Assert.Equal(c.Nation == "Wales", parties.Contains("PC"));
        });
        Assert.All(election.Parties, p => Assert.Equal(PartyCatalog.Get(p.Code), p));
    }

    [Fact]
    public void Generate_650Seats_HasAnIndependentInAboutOneSeatIn40()
    {
        var election = Night.Value.Election;

        Assert.InRange(election.Constituencies.Count(c => election.NominationsFor(c.Code).Any(n => n.Party == "Ind")), 6, 30);
    }

    [Fact]
    public void Generate_Votes_HavePlausibleElectoratesTurnoutAndSpoiltBallots()
    {
        var election = Night.Value.Election;

        Assert.All(election.Constituencies, c => Assert.InRange(c.Electorate, 62_000, 80_000));
        Assert.All(Night.Value.Results, d =>
        {
            Assert.Equal(election.FindConstituency(d.Constituency)!.Electorate, d.Electorate);
            Assert.InRange(d.ValidVotes * 100.0 / d.Electorate, 45, 75);
            Assert.InRange(d.InvalidVotes * 100.0 / d.ValidVotes, 0.19, 0.51);
            Assert.All(d.Candidates, c => Assert.True(c.Votes > 0));
        });
    }

    [Fact]
    public void Generate_Baseline_TotalsAddUpAndTheTopPartyWins()
    {
        Assert.All(Night.Value.Election.Baseline.Seats.Values, b =>
        {
            Assert.Equal(b.Votes.Values.Sum(), b.Total);
            Assert.Equal(b.Votes.Values.Max(), b.Votes[b.Winner]);
            Assert.InRange(b.Turnout!.Value, 60, 72);
            Assert.DoesNotContain("Ind", b.Votes.Keys);
        });
    }

    private static NationalSnapshot Tally(LoadedElection night)
    {
        var tally = new NationalTally(night.Election);
        foreach (var declaration in night.Results)
        {
            tally.Apply(SeatCalculator.Calculate(night.Election, declaration));
        }

        return tally.Snapshot();
    }

    /// <summary>Everything a screen shows from the demo, as text, so two nights compare in one assertion.</summary>
    private static List<string> Fingerprint(LoadedElection night)
    {
        var election = night.Election;
        return
        [
            .. election.Constituencies.Select(c => $"{c.Code}|{c.Name}|{c.Region}|{c.Nation}|{c.Electorate}"),
            .. election.Constituencies.Select(c => string.Join("|", election.NominationsFor(c.Code).Select(n => $"{n.Name}/{n.Party}"))),
            .. election.Baseline.Seats.Values.Select(b => $"{b.Constituency}|{b.Winner}|{b.Total}|{b.Turnout}|{string.Join(",", b.Votes.Select(v => $"{v.Key}={v.Value}"))}"),
            .. night.Results.Select(d => $"{d.DeclaredAt:O}|{d.InvalidVotes}|{VotesLine(d)}"),
            .. night.Hexmap!.Hexes.Values.Select(h => $"{h.Code}|{h.Name}|{h.Q}|{h.R}|{h.Region}"),
        ];
    }

    private static string VotesLine(Declaration declaration) =>
        $"{declaration.Constituency}|{string.Join(",", declaration.Candidates.Select(c => $"{c.Name}/{c.Party}={c.Votes}"))}";

    private static List<(int Q, int R)> Cells(LoadedElection night) =>
        [.. night.Hexmap!.Hexes.Values.Select(Cell).Order()];

    private static (int Q, int R) Cell(Hex hex) => (hex.Q, hex.R);

    private static double AverageRow(IEnumerable<Hex> hexes, string region) => hexes.Where(h => h.Region == region).Average(h => h.R);

    private static double AverageColumn(IEnumerable<Hex> hexes, string region) => hexes.Where(h => h.Region == region).Average(h => h.Q);

    /// <summary>Neighbours in an "odd-r" layout: odd rows are shifted half a hex right (row parity is the same for negative rows).</summary>
    private static IEnumerable<(int Q, int R)> Neighbours((int Q, int R) cell)
    {
        var shift = (cell.R & 1) == 1 ? 1 : 0;
        return
        [
            (cell.Q - 1, cell.R), (cell.Q + 1, cell.R),
            (cell.Q - 1 + shift, cell.R - 1), (cell.Q + shift, cell.R - 1),
            (cell.Q - 1 + shift, cell.R + 1), (cell.Q + shift, cell.R + 1),
        ];
    }

    /// <summary>How many separate pieces the cells make, joining hexes that share an edge.</summary>
    private static int Pieces(IEnumerable<(int Q, int R)> cells)
    {
        var remaining = cells.ToHashSet();
        var pieces = 0;
        while (remaining.Count > 0)
        {
            pieces++;
            var stack = new Stack<(int Q, int R)>([remaining.First()]);
            remaining.Remove(stack.Peek());
            while (stack.TryPop(out var cell))
            {
                foreach (var next in Neighbours(cell).Where(remaining.Remove))
                {
                    stack.Push(next);
                }
            }
        }

        return pieces;
    }

    [GeneratedRegex(@"^[A-Z][A-Za-z' -]+[a-z]$", RegexOptions.CultureInvariant)]
    private static partial Regex PlaceName();
}
