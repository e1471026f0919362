using System.Globalization;

namespace ResultsLive.Core.Desk;

/// <summary>UK local time with its zone ("03:42 BST"), as a newsroom writes it, whatever the server's own zone.</summary>
/// <remarks>
/// Computed rather than looked up: British Summer Time runs from 01:00 UTC on the last Sunday of March to 01:00 UTC on the
/// last Sunday of October, and the time-zone database is not on every machine (nor named alike on Windows).
/// </remarks>
public static class UkTime
{
    public static DateTimeOffset ToUk(DateTimeOffset time)
    {
        var utc = time.UtcDateTime;
        var summer = utc >= ChangeAt(utc.Year, 3) && utc < ChangeAt(utc.Year, 10);
        return time.ToOffset(summer ? TimeSpan.FromHours(1) : TimeSpan.Zero);
    }

    /// <summary>"03:42 BST" or "23:15 GMT".</summary>
    public static string Clock(DateTimeOffset time)
    {
        var uk = ToUk(time);
        return uk.ToString("HH:mm", CultureInfo.InvariantCulture) + (uk.Offset == TimeSpan.Zero ? " GMT" : " BST");
    }

    private static DateTime ChangeAt(int year, int month)
    {
        var last = new DateTime(year, month, DateTime.DaysInMonth(year, month), 1, 0, 0, DateTimeKind.Utc);
        return last.AddDays(-(int)last.DayOfWeek);
    }
}
