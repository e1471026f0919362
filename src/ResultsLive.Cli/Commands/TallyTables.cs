using System.Globalization;

using ResultsLive.Core.Arithmetic;
using ResultsLive.Core.Model;

namespace ResultsLive.Cli.Commands;

/// <summary>The readable form of a tally: the national table, then one line per seat.</summary>
internal static class TallyTables
{
    private static readonly CultureInfo Uk = CultureInfo.InvariantCulture;

    public static void Write(TextWriter output, Election election, NationalSnapshot snapshot, NationalTally tally)
    {
        output.WriteLine($"{election.Name}: {snapshot.Declared} of {snapshot.TotalSeats} declared; {snapshot.MajorityThreshold} for a majority");
        output.WriteLine($"Change against {snapshot.BaselineName}.");
        output.WriteLine();
        output.WriteLine($"{"Party",-8}{"Seats",7}{"Gains",7}{"Losses",7}{"Net",6}{"Votes",13}{"Share",8}{"Change",8}");
        foreach (var party in snapshot.Parties.Where(p => p.Seats > 0 || p.Votes > 0))
        {
            var change = party.ShareChange is { } c ? c.ToString("+0.0;-0.0;0.0", Uk) : "";
            output.WriteLine(
                $"{party.Party.Code,-8}{party.Seats,7}{party.Gains,7}{party.Losses,7}{party.Net.ToString("+0;-0;0", Uk),6}{party.Votes,13:N0}{party.Share,8:0.00}{change,8}");
        }

        output.WriteLine();
        if (snapshot.Swing is { } swing)
        {
            output.WriteLine($"Headline swing: {swing.Value:0.0}% from {swing.From} to {swing.To}.");
        }

        output.WriteLine($"{snapshot.Projection.Description}: "
            + string.Join(", ", snapshot.Projection.Seats.Select(s => $"{s.Party.Code} {s.Seats} ({s.Low}-{s.High})")));
        output.WriteLine();

        foreach (var constituency in election.Constituencies)
        {
            output.WriteLine(tally.Seat(constituency.Code)?.Text ?? $"{constituency.Name}: not declared.");
        }
    }
}
