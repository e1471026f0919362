using System.Globalization;

using ResultsLive.Core.Model;

namespace ResultsLive.Core.Desk;

/// <summary>The newsroom's way of writing figures and names: thousands separated, shares to one decimal, parties by name.</summary>
public static class HouseStyle
{
    private static readonly CultureInfo Culture = CultureInfo.InvariantCulture;

    public static string Number(long value) => value.ToString("N0", Culture);

    public static string Percent(double value) => value.ToString("0.0", Culture) + "%";

    public static string Points(double value) => Math.Abs(value).ToString("0.0", Culture) + (Math.Abs(value) == 1 ? " point" : " points");

    /// <summary>A party's full name ("Labour"); an unknown code is its own name.</summary>
    public static string PartyName(Election election, string code)
    {
        ArgumentNullException.ThrowIfNull(election);
        return election.PartyIndex(code) is var index and >= 0 ? election.PartyAt(index).Name : code;
    }

    /// <summary>"Labour's", "the Liberal Democrats'" is beyond this; names ending in s take a bare apostrophe.</summary>
    public static string Possessive(string name) => name.EndsWith('s') ? name + "'" : name + "'s";

    /// <summary>
    /// Text from outside (a candidate's or seat's name) on one line: line breaks and other control characters become spaces,
    /// so a name cannot break a rush line, a Markdown list or a Slack block apart.
    /// </summary>
    public static string OneLine(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!text.Any(char.IsControl))
        {
            return text;
        }

        return string.Join(' ', new string([.. text.Select(c => char.IsControl(c) ? ' ' : c)]).Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }
}
