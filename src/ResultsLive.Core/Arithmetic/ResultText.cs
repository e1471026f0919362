using System.Globalization;
using System.Text;

namespace ResultsLive.Core.Arithmetic;

/// <summary>The House of Commons Library's wording for results, and the one-line text newsrooms paste.</summary>
public static class ResultText
{
    private static readonly CultureInfo Uk = CultureInfo.InvariantCulture;

    /// <summary>"Lab hold", "Ind gain from Lab"; "Lab win" where there is no baseline to compare with.</summary>
    public static string HoldOrGain(string winner, string? baselineWinner) =>
        baselineWinner is null ? $"{winner} win"
        : string.Equals(winner, baselineWinner, StringComparison.OrdinalIgnoreCase) ? $"{winner} hold"
        : $"{winner} gain from {baselineWinner}";

    public static string Line(SeatResult seat)
    {
        ArgumentNullException.ThrowIfNull(seat);
        var winner = seat.Winner;
        var text = new StringBuilder()
            .Append(Uk, $"{seat.Constituency.Name}: {seat.Result}. ")
            .Append(Uk, $"{winner.Name} ({winner.Party}) {winner.Votes:N0}. ")
            .Append(Uk, $"Majority {seat.Majority:N0}.");
        if (seat.Turnout is { } turnout)
        {
            text.Append(Uk, $" Turnout {turnout:0.0}%.");
        }

        if (seat.Swing is { } swing)
        {
            text.Append(Uk, $" {swing.Value:0.0}% swing from {swing.From} to {swing.To}.");
        }

        return text.ToString();
    }
}
