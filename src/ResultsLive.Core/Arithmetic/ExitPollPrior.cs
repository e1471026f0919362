using ResultsLive.Core.Model;

namespace ResultsLive.Core.Arithmetic;

/// <summary>
/// Turns an exit poll's seats into a change in share per named party: the change which, applied to every seat's
/// baseline (losers in proportion to what they had, gainers evenly), gives the seats the exit poll says.
/// </summary>
/// <remarks>
/// Each named party's change is found by bisection with the others held, in turn, a few rounds over; the middle of the
/// interval that gives exactly the poll's seats is taken, so the answer does not depend on where a search happened to
/// stop. Parties the poll does not name (its "others") get no prior. Runs once per exit poll, not per declaration.
/// </remarks>
internal static class ExitPollPrior
{
    private const int Rounds = 30;
    private const double Tolerance = 0.01;

    /// <summary>Rounds stop once no change moves by more than this, in points: far less than moves a seat.</summary>
    private const double Settled = 0.05;
    private const double MostGained = 60;

    /// <returns>A change in share per party index, NaN for parties the poll does not name.</returns>
    public static double[] Calibrate(ProjectionModel model, Election election, ExitPoll exitPoll)
    {
        var parties = election.Parties.Count;
        var levels = new double[parties];
        var target = new int[parties];
        var named = new List<int>();
        Array.Fill(levels, double.NaN);
        foreach (var entry in exitPoll.Parties)
        {
            var p = election.PartyIndex(entry.Party);
            if (p >= 0 && !string.Equals(entry.Party, Party.OtherCode, StringComparison.OrdinalIgnoreCase)
                && !model.Independent[p] && model.MeanShare[p] > 0 && !named.Contains(p))
            {
                named.Add(p);
                target[p] = entry.Seats;
                levels[p] = 0;
            }
        }

        // Largest first: the big parties' seats move the small parties' most.
        named.Sort((x, y) => target[y].CompareTo(target[x]) is not 0 and var c ? c : x.CompareTo(y));
        var change = new double[parties];
        var reach = new double[parties];
        foreach (var contenders in model.Contenders)
        {
            foreach (var p in contenders)
            {
                reach[p]++;
            }
        }

        var before = new List<double>();
        var rest = new List<double>();
        for (var round = 0; round < Rounds; round++)
        {
            var moved = false;
            foreach (var p in named)
            {
                // With the others held, the party wins a seat when its share beats the best of the rest there.
                Rivals(model, change, p, before, rest);
                var atLeast = Lowest(before, rest, model.MeanShare[p], target[p]);
                var beyond = Lowest(before, rest, model.MeanShare[p], target[p] + 1);
                var level = (atLeast + beyond) / 2;
                moved |= Math.Abs(level - change[p]) > Settled;
                change[p] = level;
            }

            // Seats only see differences between parties, so the changes could all drift up together; shares add up to
            // 100, so the named parties' changes, weighted by how many seats each contests, are held to sum to nothing.
            var drift = named.Sum(p => change[p] * reach[p]) / named.Sum(p => reach[p]);
            foreach (var p in named)
            {
                change[p] -= drift;
            }

            if (!moved && Math.Abs(drift) < Settled)
            {
                break;
            }
        }

        foreach (var p in named)
        {
            levels[p] = change[p];
        }

        return levels;
    }

    /// <summary>The share a party gets in a seat under a national change: in proportion below zero, evenly above.</summary>
    public static double Share(double before, double change, double mean) =>
        change < 0 ? before * Math.Max(0, 1 + (change / mean)) : before + change;

    /// <summary>For each seat the party contests: its baseline share, and the best share of the rest under their current changes.</summary>
    private static void Rivals(ProjectionModel model, double[] change, int party, List<double> before, List<double> rest)
    {
        before.Clear();
        rest.Clear();
        var contenders = model.Contenders;
        var shares = model.ContenderShares;
        var mean = model.MeanShare;
        for (var s = 0; s < contenders.Length; s++)
        {
            var at = Array.IndexOf(contenders[s], party);
            if (model.Baselines[s] is null || at < 0)
            {
                continue;
            }

            var best = double.NegativeInfinity;
            for (var i = 0; i < contenders[s].Length; i++)
            {
                var p = contenders[s][i];
                if (i != at)
                {
                    best = Math.Max(best, mean[p] > 0 ? Share(shares[s][i], change[p], mean[p]) : shares[s][i]);
                }
            }

            before.Add(shares[s][at]);
            rest.Add(best);
        }
    }

    /// <summary>The lowest change at which the party wins at least <paramref name="wanted"/> of its seats, by bisection.</summary>
    private static double Lowest(List<double> before, List<double> rest, double mean, int wanted)
    {
        var (lo, hi) = (-mean, MostGained);
        if (Wins(before, rest, mean, hi) < wanted)
        {
            return hi;
        }

        while (hi - lo > Tolerance)
        {
            var mid = (lo + hi) / 2;
            if (Wins(before, rest, mean, mid) >= wanted)
            {
                hi = mid;
            }
            else
            {
                lo = mid;
            }
        }

        return hi;
    }

    private static int Wins(List<double> before, List<double> rest, double mean, double change)
    {
        var wins = 0;
        for (var i = 0; i < before.Count; i++)
        {
            if (Share(before[i], change, mean) > rest[i])
            {
                wins++;
            }
        }

        return wins;
    }
}
