namespace ResultsLive.Core.Model;

/// <summary>
/// The exit poll's forecast of seats per party, with who published it and when: the biggest moment of the night at 22:00,
/// shown beside the declared seats and the projection. A later revision replaces it whole.
/// </summary>
public sealed record ExitPoll(IReadOnlyList<ExitPollSeats> Parties, string Source, DateTimeOffset PublishedAt)
{
    /// <summary>The forecast for <paramref name="party"/>, or null when the poll does not name it.</summary>
    public int? SeatsFor(string party) =>
        Parties.FirstOrDefault(p => string.Equals(p.Party, party, StringComparison.OrdinalIgnoreCase))?.Seats;

    public int TotalSeats => Parties.Sum(p => p.Seats);
}

/// <summary>One party's forecast seats in an exit poll; <see cref="Party.OtherCode"/> gathers the parties it does not name.</summary>
public sealed record ExitPollSeats(string Party, int Seats);
