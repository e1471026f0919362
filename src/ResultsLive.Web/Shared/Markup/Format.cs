using System.Globalization;

using ResultsLive.Core.Arithmetic;
using ResultsLive.Core.Model;

namespace ResultsLive.Web.Shared.Markup;

/// <summary>How figures read on screen: thousands separators, one decimal place, signed changes with a true minus sign.</summary>
public static class Format
{
    private const char Minus = '\u2212';
    private static readonly CultureInfo Culture = CultureInfo.InvariantCulture;

    public static string Number(long value) => value.ToString("N0", Culture);

    public static string Percent(double value) => value.ToString("0.0", Culture) + "%";

    public static string Percent(double? value) => value is { } v ? Percent(v) : "–";

    /// <summary>A share that rounds to nothing but is not nothing reads "&lt;0.1%" (a majority of 15 votes), never "0.0%".</summary>
    public static string Share(double value) => value is > 0 and < 0.05 ? "<0.1%" : Percent(value);

    /// <summary>"+3.4", "−2.1", "0.0"; "new" where there is nothing to compare with (an independent, a new party).</summary>
    public static string Change(double? value, string missing = "new")
    {
        if (value is not { } v)
        {
            return missing;
        }

        var rounded = Math.Round(v, 1, MidpointRounding.AwayFromZero);
        return rounded switch
        {
            > 0 => "+" + rounded.ToString("0.0", Culture),
            < 0 => Minus + (-rounded).ToString("0.0", Culture),
            _ => "0.0",
        };
    }

    public static string WithSign(int value) => value switch
    {
        > 0 => "+" + value.ToString(Culture),
        < 0 => Minus + (-value).ToString(Culture),
        _ => "0",
    };

    /// <summary>CSS class for a change: up, down or none; the sign in the text carries the meaning, the class only colours it.</summary>
    public static string Trend(double? value) => value switch
    {
        null => "flat",
        > 0.05 => "up",
        < -0.05 => "down",
        _ => "flat",
    };

    public static string Trend(int value) => value > 0 ? "up" : value < 0 ? "down" : "flat";

    /// <summary>The clock time of a declaration in its own offset with the day, so a night across midnight reads right: "03:42 BST, 5 Jul".</summary>
    public static string Time(DateTimeOffset at) => at.ToString("HH:mm", Culture) + " " + Zone(at) + at.ToString(", d MMM", Culture);

    public static string DateAndTime(DateTimeOffset at) => at.ToString("HH:mm", Culture) + " " + Zone(at) + at.ToString(" 'on' d MMMM yyyy", Culture);

    /// <summary>UK time: what returning officers, broadcasters and readers' clocks say on election night.</summary>
    public static TimeZoneInfo UkTime { get; } = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    /// <summary>The same moment in UK time, however it was sent (a feed may send UTC): what a reader's clock said.</summary>
    public static DateTimeOffset InUkTime(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, UkTime);

    /// <summary>UK time's name for the offset (BST in summer, GMT in winter), else the offset itself.</summary>
    public static string Zone(DateTimeOffset at) => at.Offset switch
    {
        { Ticks: 0 } => "GMT",
        { TotalHours: 1 } => "BST",
        var offset => "UTC" + (offset < TimeSpan.Zero ? Minus.ToString() : "+") + offset.ToString(@"hh\:mm", Culture),
    };

    public static string Status(SeatStatus status) => status switch
    {
        SeatStatus.Awaiting => "Awaiting",
        SeatStatus.Counting => "Counting",
        SeatStatus.Recount => "Recount",
        SeatStatus.Declared => "Declared",
        _ => status.ToString(),
    };

    public static string Swing(Swing? swing) =>
        swing is null ? "–" : string.Create(Culture, $"{swing.Value:0.0}% swing from {swing.From} to {swing.To}");

    /// <summary>A party known to the election, or the catalogue's entry for a code it does not know.</summary>
    public static Party Party(Election election, string code)
    {
        ArgumentNullException.ThrowIfNull(election);
        var index = election.PartyIndex(code);
        return index >= 0 ? election.PartyAt(index) : PartyCatalog.Get(code);
    }
}
