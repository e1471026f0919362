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
    private const double Tolerance = 0.005;
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
        var seats = new int[parties];
        var reach = new double[parties];
        foreach (var contenders in model.Contenders)
        {
            foreach (var p in contenders)
            {
                reach[p]++;
            }
        }

        for (var round = 0; round < Rounds; round++)
        {
            var moved = false;
            foreach (var p in named)
            {
                Count(model, change, seats);
                if (seats[p] == target[p] && round > 0)
                {
                    continue;
                }

                var atLeast = Lowest(model, change, seats, p, target[p]);
                var beyond = Lowest(model, change, seats, p, target[p] + 1);
                var level = (atLeast + beyond) / 2;
                moved |= Math.Abs(level - change[p]) > Tolerance;
                change[p] = level;
            }

            // Seats only see differences between parties, so the changes could all drift up together; shares add up to
            // 100, so the named parties' changes, weighted by how many seats each contests, are held to sum to nothing.
            var drift = named.Sum(p => change[p] * reach[p]) / named.Sum(p => reach[p]);
            foreach (var p in named)
            {
                change[p] -= drift;
            }

            if (!moved && Math.Abs(drift) < Tolerance)
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

    /// <summary>The lowest change for party <paramref name="p"/> at which it wins at least <paramref name="wanted"/> seats.</summary>
    private static double Lowest(ProjectionModel model, double[] change, int[] seats, int p, int wanted)
    {
        var saved = change[p];
        var (lo, hi) = (-model.MeanShare[p], MostGained);
        change[p] = hi;
        Count(model, change, seats);
        if (seats[p] < wanted)
        {
            change[p] = saved;
            return hi;
        }

        while (hi - lo > Tolerance)
        {
            var mid = (lo + hi) / 2;
            change[p] = mid;
            Count(model, change, seats);
            if (seats[p] >= wanted)
            {
                hi = mid;
            }
            else
            {
                lo = mid;
            }
        }

        change[p] = saved;
        return hi;
    }

    private static void Count(ProjectionModel model, double[] change, int[] seats)
    {
        Array.Clear(seats);
        var contenders = model.Contenders;
        var shares = model.ContenderShares;
        var mean = model.MeanShare;
        for (var s = 0; s < contenders.Length; s++)
        {
            if (model.Baselines[s] is null)
            {
                continue;
            }

            var best = -1;
            var bestShare = double.NegativeInfinity;
            for (var i = 0; i < contenders[s].Length; i++)
            {
                var p = contenders[s][i];
                var share = mean[p] > 0 ? Share(shares[s][i], change[p], mean[p]) : shares[s][i];
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
    }
}
