using ResultsLive.Core.Contracts;

namespace ResultsLive.Cli.Graphics;

/// <summary>
/// The seats a preflight renders, and their data: each seat's JSON from the node, or, for a seat that has not declared (the
/// day before, every seat), a result made up from its nominations so every candidate's name is drawn.
/// </summary>
internal static class PreflightSeats
{
    /// <summary>
    /// <paramref name="count"/> seats, the hardest first (longest seat names, longest candidate names, most candidates, any
    /// name outside ASCII), then spread evenly over the rest; every seat when <paramref name="count"/> is null.
    /// </summary>
    public static IReadOnlyList<ConstituencyDetailDto> Sample(IReadOnlyList<ConstituencyDetailDto> seats, int? count)
    {
        ArgumentNullException.ThrowIfNull(seats);
        if (count is not { } n || n >= seats.Count)
        {
            return seats;
        }

        var hardest = seats.OrderByDescending(s => s.Name.Length).Take(3)
            .Concat(seats.OrderByDescending(s => Names(s).Max(name => name.Length)).Take(3))
            .Concat(seats.OrderByDescending(s => Names(s).Count()).Take(2))
            .Concat(seats.Where(s => Names(s).Append(s.Name).Any(name => name.Any(c => c > 127))).Take(3))
            .DistinctBy(s => s.Code)
            .Take(n)
            .ToList();
        var rest = seats.Where(s => hardest.All(h => h.Code != s.Code)).ToList();
        var more = n - hardest.Count;
        for (var i = 0; i < more && rest.Count > 0; i++)
        {
            hardest.Add(rest[(int)((long)i * rest.Count / more)]);
        }

        return hardest;
    }

    /// <summary>The seat as declared, or a made-up declaration from its nominations when it has not declared.</summary>
    public static ConstituencyDetailDto Declared(ConstituencyDetailDto seat)
    {
        ArgumentNullException.ThrowIfNull(seat);
        if (seat.Winner is not null || seat.Nominated.Count == 0)
        {
            return seat;
        }

        // Votes falling from 29,999 so every figure is as wide as a real one; the first nominee "wins".
        var votes = seat.Nominated.Select((_, i) => Math.Max(1, 29_999 - (i * 2_311))).ToList();
        var valid = votes.Sum();
        var candidates = seat.Nominated
            .Select((n, i) => new CandidateResultDto(n.Name, n.Party, votes[i], votes[i] * 100.0 / valid, n.Party == "Ind" ? null : -12.3, i == 0))
            .ToList();
        var winner = candidates[0];
        var from = seat.Baseline?.Winner;
        var result = from is null || string.Equals(from, winner.Party, StringComparison.OrdinalIgnoreCase) ? $"{winner.Party} hold" : $"{winner.Party} gain from {from}";
        var majority = votes.Count > 1 ? votes[0] - votes[1] : votes[0];
        return seat with
        {
            Status = "declared",
            Revision = 1,
            Electorate = 99_999,
            ValidVotes = valid,
            InvalidVotes = 99,
            Turnout = 66.6,
            TurnoutChange = -4.4,
            Majority = majority,
            MajorityShare = majority * 100.0 / valid,
            Winner = new WinnerDto(winner.Party, winner.Name),
            Result = result,
            Swing = new SwingDto("Con", "Lab", 11.1),
            Candidates = candidates,
        };
    }

    public static ConstituencySummaryDto Summary(ConstituencyDetailDto seat) =>
        new(seat.Code, seat.Name, seat.Region, seat.Nation, seat.Status, seat.Winner, seat.Result);

    private static IEnumerable<string> Names(ConstituencyDetailDto seat) =>
        seat.Candidates.Count > 0 ? seat.Candidates.Select(c => c.Name) : seat.Nominated.Select(n => n.Name).DefaultIfEmpty("");
}
