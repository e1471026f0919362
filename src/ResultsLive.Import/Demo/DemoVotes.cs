using ResultsLive.Core.Model;

namespace ResultsLive.Import;

/// <summary>
/// The demo's votes: a 2019-like notional baseline with regional character, then the night's result from a 2024-like
/// national swing plus per-seat noise, so that seats change hands in plausible places.
/// </summary>
internal static class DemoVotes
{
    public const string BaselineName = "demo notional";

    // The baseline's regional picture, in percent, close to 2019 (RUK stands in for the Brexit Party).
    private static readonly Dictionary<string, Dictionary<string, double>> RegionalShares = new()
    {
        ["North East"] = new() { ["Lab"] = 42.6, ["Con"] = 38.3, ["LD"] = 6.8, ["RUK"] = 8.1, ["Green"] = 2.4 },
        ["North West"] = new() { ["Lab"] = 46.5, ["Con"] = 37.5, ["LD"] = 7.9, ["RUK"] = 3.9, ["Green"] = 2.5 },
        ["Yorkshire and The Humber"] = new() { ["Lab"] = 39.0, ["Con"] = 43.1, ["LD"] = 8.1, ["RUK"] = 5.9, ["Green"] = 2.3 },
        ["East Midlands"] = new() { ["Lab"] = 31.7, ["Con"] = 54.8, ["LD"] = 7.8, ["RUK"] = 1.5, ["Green"] = 2.5 },
        ["West Midlands"] = new() { ["Lab"] = 33.9, ["Con"] = 53.4, ["LD"] = 7.9, ["RUK"] = 1.4, ["Green"] = 2.5 },
        ["East of England"] = new() { ["Lab"] = 24.5, ["Con"] = 57.2, ["LD"] = 13.4, ["RUK"] = 0.4, ["Green"] = 2.9 },
        ["London"] = new() { ["Lab"] = 48.1, ["Con"] = 32.0, ["LD"] = 14.9, ["RUK"] = 1.4, ["Green"] = 3.1 },
        ["South East"] = new() { ["Lab"] = 22.1, ["Con"] = 54.0, ["LD"] = 18.2, ["RUK"] = 0.3, ["Green"] = 3.9 },
        ["South West"] = new() { ["Lab"] = 23.4, ["Con"] = 52.8, ["LD"] = 18.2, ["RUK"] = 0.2, ["Green"] = 3.8 },
        ["Wales"] = new() { ["Lab"] = 40.9, ["Con"] = 36.1, ["PC"] = 9.9, ["LD"] = 6.0, ["RUK"] = 5.4, ["Green"] = 1.0 },
        ["Scotland"] = new() { ["SNP"] = 45.0, ["Con"] = 25.1, ["Lab"] = 18.6, ["LD"] = 9.5, ["Green"] = 1.0, ["RUK"] = 0.5 },
        ["Northern Ireland"] = new() { ["DUP"] = 30.6, ["SF"] = 22.8, ["APNI"] = 16.8, ["SDLP"] = 14.9, ["UUP"] = 11.7 },
    };

    // Where Reform's surge ran hotter or cooler than its national +12 (points on top of it).
    private static readonly Dictionary<string, double> ReformRegional = new()
    {
        ["North East"] = 5, ["Yorkshire and The Humber"] = 3, ["East Midlands"] = 3, ["East of England"] = 2, ["West Midlands"] = 2,
        ["North West"] = 1, ["London"] = -5, ["South East"] = -1, ["South West"] = 0, ["Wales"] = 1, ["Scotland"] = -5,
    };

    // How often the Liberal Democrats have a local stronghold in the baseline (the seats they gain from on the night).
    private static readonly Dictionary<string, double> LibDemPockets = new()
    {
        ["South East"] = 0.22, ["South West"] = 0.26, ["London"] = 0.08, ["East of England"] = 0.1, ["Scotland"] = 0.12,
    };

    /// <summary>Fills in each seat's baseline, then the night's votes and spoilt ballots.</summary>
    public static void Cast(IReadOnlyList<DemoSeat> seats, DemoRandom random)
    {
        foreach (var seat in seats)
        {
            var before = BaselineShares(seat, random);
            var turnoutBefore = Math.Clamp(70.5 - (8 * seat.Urban) - (seat.Region.IsGreatBritain ? 0 : 3) + random.Normal(0, 1.5), 60, 72);

            // Electorates grew a little since the baseline election.
            var electorateBefore = (int)Math.Round(seat.Electorate * random.Uniform(0.94, 0.99));
            var totalBefore = (int)Math.Round(electorateBefore * turnoutBefore / 100);
            var votesBefore = Apportion(before, totalBefore);
            seat.Baseline = new BaselineResult(
                seat.Code,
                votesBefore,
                totalBefore,
                Winner(votesBefore),
                Math.Round(totalBefore * 100.0 / electorateBefore, 1));

            var after = ResultShares(seat, before, random);
            var turnout = Math.Clamp(turnoutBefore - 7.5 + random.Normal(0, 2), 48, 72);
            var valid = (int)Math.Round(seat.Electorate * turnout / 100);
            seat.Votes = Apportion(after, valid);
            seat.InvalidVotes = (int)Math.Round(valid * random.Uniform(0.002, 0.005));
        }
    }

    private static Dictionary<string, double> BaselineShares(DemoSeat seat, DemoRandom random)
    {
        if (seat.IsSpeakerSeat)
        {
            var speaker = random.Uniform(62, 72);
            var green = random.Uniform(0.4, 0.6) * (100 - speaker);
            return new() { [DemoContests.Speaker] = speaker, ["Green"] = green, ["RUK"] = 100 - speaker - green };
        }

        var region = seat.Region.Name;
        var shares = seat.Parties
            .Where(p => !Party.IsIndependentCode(p))
            .ToDictionary(p => p, p => RegionalShares[region].GetValueOrDefault(p, 1));
        if (seat.Region.IsGreatBritain)
        {
            // Towns and cities lean Labour, the shires Conservative; each seat has its own history on top.
            var lean = (24 * (seat.Urban - 0.35)) + random.Normal(0, 6);
            shares["Lab"] += lean;
            shares["Con"] -= 0.8 * lean;
            shares["Green"] += (2 * seat.Urban) + random.Normal(0, 0.8);
            shares["RUK"] += random.Normal(0, 1.5);
            shares["LD"] += random.Normal(0, 3);
            if (random.Chance(LibDemPockets.GetValueOrDefault(region, 0.04)))
            {
                shares["LD"] += random.Uniform(14, 26);
                shares["Con"] -= 7;
                shares["Lab"] -= 9;
            }

            if (shares.ContainsKey("SNP"))
            {
                shares["SNP"] += random.Normal(0, 6);
            }

            // Plaid's heartland is the rural west.
            if (shares.ContainsKey("PC") && seat.Urban < 0.3 && random.Chance(0.3))
            {
                shares["PC"] += random.Uniform(20, 30);
                shares["Lab"] -= 12;
                shares["Con"] -= 8;
            }

            if (seat.GreenHeld)
            {
                shares["Green"] += 55;
                shares["Lab"] -= 10;
            }
            else if (seat.GreenTarget)
            {
                shares["Green"] += random.Uniform(12, 18);
            }
        }
        else
        {
            // Northern Ireland votes along its own lines: how nationalist or unionist a seat is, and Alliance in the towns.
            var nationalist = random.Normal(0, 1);
            shares["SF"] += 15 * nationalist;
            shares["SDLP"] += 5 * nationalist;
            shares["DUP"] -= 12 * nationalist;
            shares["UUP"] -= 4 * nationalist;
            shares["APNI"] += (8 * seat.Urban) + random.Normal(0, 4);
            foreach (var party in shares.Keys.ToList())
            {
                shares[party] += random.Normal(0, 3);
            }

            // Smaller parties have their own strongholds (a Foyle, a North Down) where they can win.
            if (random.Chance(0.35))
            {
                shares[random.Pick(["SDLP", "APNI", "UUP", "SDLP", "APNI"])] += random.Uniform(12, 22);
            }
        }

        return Normalise(shares, 100);
    }

    private static Dictionary<string, double> ResultShares(DemoSeat seat, Dictionary<string, double> before, DemoRandom random)
    {
        if (seat.IsSpeakerSeat)
        {
            var speaker = Math.Clamp(before[DemoContests.Speaker] + random.Normal(-4, 3), 50, 80);
            var reform = random.Uniform(0.4, 0.65) * (100 - speaker);
            return new() { [DemoContests.Speaker] = speaker, ["RUK"] = reform, ["Green"] = 100 - speaker - reform };
        }

        var shares = new Dictionary<string, double>(before);
        switch (seat.Region.Nation)
        {
            case DemoRegion.NorthernIreland:
                shares["DUP"] *= 0.72;
                shares["SF"] = (shares["SF"] * 1.1) + 1;
                shares["UUP"] = (shares["UUP"] * 1.25) + 1;
                shares["APNI"] *= 0.92;
                shares["SDLP"] *= 0.9;
                break;
            case DemoRegion.Scotland:
                shares["SNP"] *= 0.62;
                shares["Lab"] += 14;
                shares["Con"] *= 0.6;
                shares["RUK"] += 6.5;
                shares["Green"] += 3;
                break;
            default:
                // Proportional for the Conservatives: they fell furthest where they had most to lose.
                shares["Con"] *= 0.6;
                shares["Lab"] = seat.Region.Nation == DemoRegion.Wales ? (shares["Lab"] * 0.8) + 3 : (shares["Lab"] * 0.85) + 4;
                shares["RUK"] += 11.5 + ReformRegional.GetValueOrDefault(seat.Region.Name) - (4 * seat.Urban);
                shares["Green"] += 2 + (3 * seat.Urban);
                shares["LD"] += 1.5;
                if (shares.TryGetValue("PC", out var plaid))
                {
                    shares["PC"] = (plaid * 1.3) + 2;
                }

                break;
        }

        if (seat.Region.IsGreatBritain)
        {
            Tactical(shares, before);
            shares["RUK"] += random.Normal(0, 2.5);
            var mood = random.Normal(0, 2.5);
            shares["Lab"] += mood;
            shares["Con"] -= mood;
            if (seat.GreenTarget)
            {
                shares["Green"] += random.Uniform(14, 22);
                shares["Lab"] -= 9;
            }

            if (seat.ReformTarget)
            {
                shares["RUK"] += random.Uniform(16, 22);
                shares["Con"] -= 3;
                shares["Lab"] -= 3;
            }
        }

        foreach (var party in shares.Keys.ToList())
        {
            shares[party] += random.Normal(0, 1.2 + (0.06 * shares[party]));
        }

        // An independent's vote comes out of everyone else's in proportion; independents are not in the baseline.
        var independent = seat.IndependentShare;
        var result = Normalise(shares, 100 - independent);
        if (independent > 0)
        {
            result[Party.IndependentCode] = independent;
        }

        return result;
    }

    /// <summary>Anti-Conservative tactical voting: where the Liberal Democrats were second to the Conservatives, Labour voters lend them votes, and the other way round.</summary>
    private static void Tactical(Dictionary<string, double> shares, Dictionary<string, double> before)
    {
        var ranked = before.OrderByDescending(p => p.Value).Select(p => p.Key).ToList();
        if (ranked[0] != "Con" || ranked.Count < 2)
        {
            return;
        }

        switch (ranked[1])
        {
            case "LD":
                shares["LD"] += 10;
                shares["Lab"] -= 5;
                break;
            case "Lab":
                shares["Lab"] += 3;
                shares["LD"] -= 2;
                break;
        }
    }

    private static Dictionary<string, double> Normalise(Dictionary<string, double> shares, double total)
    {
        // No party that stands is ever left with nothing: even a collapse keeps a few hundred votes.
        var floored = shares.ToDictionary(p => p.Key, p => Math.Max(0.4, p.Value));
        var sum = floored.Values.Sum();
        return floored.ToDictionary(p => p.Key, p => p.Value * total / sum);
    }

    /// <summary>Shares (any scale) to whole votes that add up to <paramref name="total"/> exactly, by largest remainder.</summary>
    private static Dictionary<string, int> Apportion(Dictionary<string, double> shares, int total)
    {
        var sum = shares.Values.Sum();
        var exact = shares.Select(p => (Party: p.Key, Votes: p.Value * total / sum)).ToList();
        var votes = exact.ToDictionary(p => p.Party, p => (int)Math.Floor(p.Votes));
        var left = total - votes.Values.Sum();
        foreach (var (party, _) in exact.OrderByDescending(p => p.Votes - Math.Floor(p.Votes)).ThenBy(p => p.Party, StringComparer.Ordinal).Take(left))
        {
            votes[party]++;
        }

        return votes;
    }

    private static string Winner(Dictionary<string, int> votes) =>
        votes.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).First().Key;
}
