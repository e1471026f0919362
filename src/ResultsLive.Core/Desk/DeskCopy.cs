using ResultsLive.Core.Arithmetic;
using ResultsLive.Core.Model;

namespace ResultsLive.Core.Desk;

/// <summary>
/// The copy for one declaration revision in house style: the one-line rush, the full result sentence, and a line short enough
/// for social media. Built from the projection's result and reasons, so every surface (desk, feed, webhooks) says the same.
/// </summary>
public sealed record DeskCopy(CopyText Rush, CopyText Full, CopyText Social)
{
    /// <summary>Social posts stay within this many characters (X's limit; Bluesky's is 300).</summary>
    public const int SocialLimit = 280;

    public static DeskCopy For(Election election, SeatResult seat, IReadOnlyList<NotableReason> reasons)
    {
        ArgumentNullException.ThrowIfNull(election);
        ArgumentNullException.ThrowIfNull(seat);
        ArgumentNullException.ThrowIfNull(reasons);
        var name = HouseStyle.OneLine(seat.Constituency.Name);
        var lead = seat.Revision > 1 ? $"Correction: {name}" : name;
        return new DeskCopy(new CopyText(lead, seat.Result), new CopyText(lead, FullText(election, seat)), new CopyText(lead, SocialText(seat, reasons, lead)));
    }

    private static string FullText(Election election, SeatResult seat)
    {
        var winner = seat.Winner;
        var text = $"{HouseStyle.OneLine(winner.Name)} ({HouseStyle.PartyName(election, winner.Party)}) wins with {HouseStyle.Number(winner.Votes)} votes "
            + $"({HouseStyle.Percent(winner.Share)}), {HoldOrGain(election, seat)}.";
        if (seat.RunnerUp is { } second)
        {
            text += $" Majority {HouseStyle.Number(seat.Majority)} ({HouseStyle.Percent(seat.MajorityShare)}) over "
                + $"{HouseStyle.OneLine(second.Name)} ({HouseStyle.PartyName(election, second.Party)}).";
        }

        if (seat.Turnout is { } turnout)
        {
            text += $" Turnout {HouseStyle.Percent(turnout)}";
            text += seat.TurnoutChange is { } change
                ? $", {(change >= 0 ? "up" : "down")} {HouseStyle.Points(change)} on the {election.Baseline.Name}."
                : ".";
        }

        if (seat.Swing is { } swing)
        {
            text += $" {HouseStyle.Percent(swing.Value)} swing from {swing.From} to {swing.To}.";
        }

        return text + $" Declared {UkTime.Clock(seat.DeclaredAt)}.";
    }

    private static string HoldOrGain(Election election, SeatResult seat)
    {
        if (seat.BaselineWinner is null)
        {
            return "a new seat";
        }

        return seat.IsGain
            ? $"a gain from {HouseStyle.PartyName(election, seat.BaselineWinner)}"
            : $"a {HouseStyle.PartyName(election, seat.Winner.Party)} hold";
    }

    private static string SocialText(SeatResult seat, IReadOnlyList<NotableReason> reasons, string lead)
    {
        var text = $"{seat.Result}. {HouseStyle.OneLine(seat.Winner.Name)} wins by {HouseStyle.Number(seat.Majority)} votes.";

        // The most telling reason, if it fits; a name can be long, so the line is cut at a word, never mid-figure.
        if (reasons.FirstOrDefault(r => r.Kind is NotableKind.SittingMpDefeated or NotableKind.MajorityReached or NotableKind.FirstGain or NotableKind.WinnerCorrected) is { } reason)
        {
            text += " " + reason.Text;
        }

        var room = SocialLimit - lead.Length - 2;
        return text.Length <= room ? text : Cut(text, room);
    }

    private static string Cut(string text, int room)
    {
        if (room <= 1)
        {
            return "…";
        }

        var cut = text[..(room - 1)];
        var space = cut.LastIndexOf(' ');
        return (space > room / 2 ? cut[..space] : cut).TrimEnd(' ', ',', '.', ';', ':') + "…";
    }
}
