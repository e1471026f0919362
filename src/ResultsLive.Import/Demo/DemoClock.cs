namespace ResultsLive.Import;

/// <summary>When each demo seat declares: the first just after 23:00, most between 01:30 and 05:30, a few stragglers after 06:00.</summary>
/// <remarks>
/// Seats are first put in order of how fast they count (the North East races, city counts are quick, rural Scotland and
/// the South West are slow), then given times by rank, so the shape of the night is the same for any number of seats.
/// </remarks>
internal static class DemoClock
{
    /// <summary>Polling day; the night runs into the morning after, all in British Summer Time.</summary>
    public static readonly DateOnly PollingDay = new(2024, 7, 4);

    private static readonly TimeSpan Bst = TimeSpan.FromHours(1);

    private static readonly Dictionary<string, double> RegionalPace = new()
    {
        ["North East"] = -45, ["Yorkshire and The Humber"] = -15, ["North West"] = -10, ["Wales"] = 0, ["East Midlands"] = 0,
        ["West Midlands"] = 0, ["East of England"] = 10, ["Northern Ireland"] = 10, ["London"] = 15, ["South East"] = 15,
        ["Scotland"] = 20, ["South West"] = 25,
    };

    public static void Schedule(IReadOnlyList<DemoSeat> seats, DemoRandom random)
    {
        // Minutes behind an average count: lower is sooner.
        var ranked = seats
            .Select(seat => (Seat: seat, Pace: RegionalPace[seat.Region.Name] - (25 * seat.Urban) + random.Normal(0, 30)))
            .OrderBy(s => s.Pace)
            .ThenBy(s => s.Seat.Code, StringComparer.Ordinal)
            .Select(s => s.Seat)
            .ToList();

        var early = Math.Max(1, (int)Math.Round(seats.Count * 0.025));
        var late = (int)Math.Round(seats.Count * 0.015);
        var main = ranked.Count - early - late;

        ranked[0].DeclaredAt = At(23, 15 + random.Next(7) - 3);
        for (var i = 1; i < early; i++)
        {
            // 23:30 to 01:25, thinning out: a handful before midnight, the rest as the first wave builds.
            var minutes = 115 * Math.Pow((double)i / (early - 1), 0.7);
            ranked[i].DeclaredAt = At(23, 30 + Math.Min(114, (int)minutes + random.Next(7) - 3));
        }

        for (var i = 0; i < main; i++)
        {
            // The main wave, 01:30 to 05:30, peaking a little after half past three.
            var fraction = Triangular((i + 0.5) / main, peak: 0.55);
            var minutes = Math.Clamp((int)Math.Round((240 * fraction) + random.Next(9) - 4), 0, 240);
            ranked[early + i].DeclaredAt = At(25, 30 + minutes);
        }

        for (var i = 0; i < late; i++)
        {
            // Stragglers through the morning, 06:00 to about 09:00.
            var minutes = 180 * Math.Pow((i + 1.0) / late, 1.5);
            ranked[early + main + i].DeclaredAt = At(30, Math.Max(0, (int)minutes - random.Next(10)));
        }
    }

    /// <summary>A time on election night, counting hours past midnight on polling day (25 is 01:00 the next morning).</summary>
    private static DateTimeOffset At(int hour, int minute) =>
        new DateTimeOffset(PollingDay.ToDateTime(TimeOnly.MinValue), Bst).AddHours(hour).AddMinutes(minute);

    /// <summary>The inverse of a triangular distribution on [0, 1]: evenly spaced ranks in, a bell-like spread of times out.</summary>
    private static double Triangular(double quantile, double peak) =>
        quantile < peak
            ? Math.Sqrt(quantile * peak)
            : 1 - Math.Sqrt((1 - quantile) * (1 - peak));
}
