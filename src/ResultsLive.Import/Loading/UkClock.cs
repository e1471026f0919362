namespace ResultsLive.Import;

/// <summary>The UK's offset from UTC on a given day, so declaration times in local time can be placed on the timeline.</summary>
/// <remarks>
/// British Summer Time runs from the last Sunday in March to the last Sunday in October, changing at 01:00 UTC on
/// a Sunday. Polling day is a Thursday, so the date alone decides. Computed rather than looked up because the
/// time-zone database is not on every machine and is named differently on Windows.
/// </remarks>
internal static class UkClock
{
    private static readonly TimeSpan SummerTime = TimeSpan.FromHours(1);

    public static TimeSpan OffsetOn(DateOnly day) =>
        day >= LastSunday(day.Year, 3) && day < LastSunday(day.Year, 10) ? SummerTime : TimeSpan.Zero;

    private static DateOnly LastSunday(int year, int month)
    {
        var last = new DateOnly(year, month, DateTime.DaysInMonth(year, month));
        return last.AddDays(-(int)last.DayOfWeek);
    }
}
