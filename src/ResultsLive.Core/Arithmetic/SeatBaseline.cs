using ResultsLive.Core.Model;

namespace ResultsLive.Core.Arithmetic;

/// <summary>A seat's baseline in the election's dense party indexes, so applying a result does no lookups by name.</summary>
internal sealed class SeatBaseline
{
    private SeatBaseline(int[] parties, int[] votes, double[] shares, int total, int winner)
    {
        (Parties, Votes, Shares, Total, Winner) = (parties, votes, shares, total, winner);
    }

    public int[] Parties { get; }

    public int[] Votes { get; }

    public double[] Shares { get; }

    public int Total { get; }

    public int Winner { get; }

    public static SeatBaseline From(Election election, BaselineResult baseline)
    {
        var entries = baseline.Votes.Where(v => v.Value != 0).ToArray();
        return new SeatBaseline(
            [.. entries.Select(e => election.PartyIndex(e.Key))],
            [.. entries.Select(e => e.Value)],
            [.. entries.Select(e => baseline.Total > 0 ? e.Value * 100.0 / baseline.Total : 0)],
            baseline.Total,
            election.PartyIndex(baseline.Winner));
    }

    public double ShareOf(int party)
    {
        for (var i = 0; i < Parties.Length; i++)
        {
            if (Parties[i] == party)
            {
                return Shares[i];
            }
        }

        return 0;
    }
}
