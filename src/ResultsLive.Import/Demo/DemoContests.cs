using ResultsLive.Core.Model;

namespace ResultsLive.Import;

/// <summary>Decides who stands where in the demo: the parties of each nation, the Speaker's seat, independents, and the seats Greens and Reform target.</summary>
internal static class DemoContests
{
    public const string Speaker = "Spk";

    private static readonly string[] England = ["Lab", "Con", "LD", "RUK", "Green"];
    private static readonly string[] Scotland = [.. England, "SNP"];
    private static readonly string[] Wales = [.. England, "PC"];
    private static readonly string[] NorthernIreland = ["DUP", "SF", "SDLP", "UUP", "APNI"];

    // The Speaker stands for re-election as "the Speaker seeking re-election"; the main parties stand aside.
    private static readonly string[] SpeakerSeat = [Speaker, "Green", "RUK"];

    /// <summary>Every party code the demo can use, in the order the parties are listed before any votes are in.</summary>
    public static IReadOnlyList<string> PartyOrder { get; } = ["Lab", "Con", "LD", "RUK", "Green", "SNP", "PC", "DUP", "SF", "SDLP", "UUP", "APNI", Speaker, Party.IndependentCode];

    public static void Decide(IReadOnlyList<DemoSeat> seats, DemoRandom random)
    {
        // The Speaker sits for an English seat away from the cities, as recent Speakers have; only in Houses big enough to have one.
        if (seats.Count >= 10)
        {
            var english = seats.Where(s => s.Region.Nation == DemoRegion.England).OrderBy(s => s.Urban).ToList();
            var pool = english.Count > 0 ? english[..Math.Max(1, english.Count / 2)] : [.. seats.Where(s => s.Region.IsGreatBritain)];
            random.Pick(pool).IsSpeakerSeat = true;
        }

        ChooseGreenTargets(seats, random);
        ChooseReformTargets(seats, random);
        foreach (var seat in seats)
        {
            seat.Electorate = (int)Math.Clamp(Math.Round(random.Normal(71_000, 4_000)), 62_000, 80_000);
            seat.Parties.AddRange(seat.IsSpeakerSeat ? SpeakerSeat
                : seat.Region.Nation switch
                {
                    DemoRegion.Scotland => Scotland,
                    DemoRegion.Wales => Wales,
                    DemoRegion.NorthernIreland => NorthernIreland,
                    _ => England,
                });

            // About one seat in 40 has an independent; one in four of them is a local figure who can win.
            if (!seat.IsSpeakerSeat && random.Chance(1 / 40.0))
            {
                seat.Parties.Add(Party.IndependentCode);
                seat.IndependentShare = random.Chance(0.25) ? random.Uniform(30, 44) : random.Uniform(1, 6);
            }
        }
    }

    /// <summary>One named candidate per party, in ballot-paper order (surname, then first name), as a returning officer lists them.</summary>
    public static void Nominate(IReadOnlyList<DemoSeat> seats, DemoRandom random)
    {
        var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var seat in seats)
        {
            seat.Nominations =
            [
                .. seat.Parties
                    .Select(party => (Party: party, Candidate: DemoNames.Candidate(used, random)))
                    .OrderBy(n => n.Candidate.Surname, StringComparer.Ordinal)
                    .ThenBy(n => n.Candidate.FirstName, StringComparer.Ordinal)
                    .Select(n => new Nomination(n.Candidate.Name, n.Party)),
            ];
        }
    }

    /// <summary>A few seats (about 8 in 650), mostly coastal and rural, in the English regions where Reform is strongest.</summary>
    private static void ChooseReformTargets(IReadOnlyList<DemoSeat> seats, DemoRandom random)
    {
        string[] regions = ["North East", "Yorkshire and The Humber", "East Midlands", "East of England", "South East"];
        var pool = seats
            .Where(s => regions.Contains(s.Region.Name) && !s.IsSpeakerSeat && !s.GreenTarget && s.Urban < 0.4)
            .OrderByDescending(s => s.Coastal)
            .ThenBy(s => s.Urban)
            .ToList();
        pool = pool[..Math.Min(pool.Count, Math.Max(1, seats.Count / 20))];
        var wanted = (int)Math.Round(seats.Count * 8 / 650.0);
        for (var i = 0; i < wanted && pool.Count > 0; i++)
        {
            var seat = random.Pick(pool);
            pool.Remove(seat);
            seat.ReformTarget = true;
        }
    }

    /// <summary>A few city seats in England and Wales (about 4 in 650) where the Greens are strong; the first they already hold.</summary>
    private static void ChooseGreenTargets(IReadOnlyList<DemoSeat> seats, DemoRandom random)
    {
        var pool = seats
            .Where(s => s.Region.IsGreatBritain && s.Region.Nation != DemoRegion.Scotland && s.Region != DemoRegion.LondonRegion && !s.IsSpeakerSeat)
            .OrderByDescending(s => s.Urban)
            .ToList();
        pool = pool[..Math.Min(pool.Count, Math.Max(1, seats.Count / 25))];
        var wanted = (int)Math.Round(seats.Count * 4 / 650.0);
        for (var i = 0; i < wanted && pool.Count > 0; i++)
        {
            var seat = random.Pick(pool);
            pool.Remove(seat);
            seat.GreenTarget = true;
            seat.GreenHeld = i == 0 && seats.Count >= 100;
        }
    }
}
