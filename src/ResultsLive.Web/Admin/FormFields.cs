using System.Globalization;

namespace ResultsLive.Web.Admin;

/// <summary>What the admin forms share: UK time for the times people type, and the index in a field path such as <c>candidates[3].votes</c>.</summary>
public static class FormFields
{
    /// <summary>The newsroom types times as the returning officers and the broadcasters say them: UK time.</summary>
    public static TimeZoneInfo UkTime => Shared.Markup.Format.UkTime;

    /// <summary>The index in <paramref name="field"/> when it is an element of <paramref name="array"/> (<c>candidates[3]…</c>), or null.</summary>
    public static int? Index(string field, string array)
    {
        ArgumentNullException.ThrowIfNull(field);
        ArgumentNullException.ThrowIfNull(array);
        var start = array.Length + 1;
        if (!field.StartsWith(array + "[", StringComparison.Ordinal))
        {
            return null;
        }

        var end = field.IndexOf(']', start);
        return end > start && int.TryParse(field.AsSpan(start, end - start), NumberStyles.None, CultureInfo.InvariantCulture, out var index) ? index : null;
    }

    /// <summary>A time typed in UK time, with UK time's offset on that day; null when none is typed, or none that can be placed.</summary>
    public static DateTimeOffset? FromUkTime(DateTime? local)
    {
        if (local is not { } time)
        {
            return null;
        }

        try
        {
            var unspecified = DateTime.SpecifyKind(time, DateTimeKind.Unspecified);
            return new DateTimeOffset(unspecified, UkTime.GetUtcOffset(unspecified));
        }
        catch (ArgumentOutOfRangeException)
        {
            // At the very ends of the calendar the offset takes it past what a time can hold.
            return null;
        }
    }

    /// <summary>A time as a datetime-local field shows it: UK time, to the minute.</summary>
    public static DateTime ToUkTime(DateTimeOffset at)
    {
        var local = TimeZoneInfo.ConvertTime(at, UkTime).DateTime;
        return local.AddTicks(-(local.Ticks % TimeSpan.TicksPerMinute));
    }
}
