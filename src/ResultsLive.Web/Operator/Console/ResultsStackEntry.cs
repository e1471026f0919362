using ResultsLive.Core.Arithmetic;
using ResultsLive.Core.Model;
using ResultsLive.Feed;

namespace ResultsLive.Web.Operator.Console;

/// <summary>One declared seat in the console's results stack, with the flags a gallery watches for.</summary>
public sealed record ResultsStackEntry(SeatResult Result, SeatStatus Status, bool Watched, bool Pinned)
{
    public string Code => Result.Constituency.Code;

    public string Name => Result.Constituency.Name;

    public bool Gain => Result.IsGain;

    public bool Recount => Status == SeatStatus.Recount;

    public bool Correction => Result.Revision > 1;

    /// <summary>
    /// Declared seats, pinned first, then newest first: the latest arrivals in the order they came (a correction comes back
    /// to the top), then the rest by declaration time. <paramref name="filter"/> matches seat, winner, party or a flag.
    /// </summary>
    public static IReadOnlyList<ResultsStackEntry> From(LiveSnapshot snapshot, ISet<string> pinned, Func<SeatResult, bool> watched, string? filter)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(pinned);
        ArgumentNullException.ThrowIfNull(watched);
        var recent = snapshot.Recent;
        var seen = recent.Select(r => r.Constituency.Code).ToHashSet(StringComparer.Ordinal);
        var ordered = recent.Concat(snapshot.Seats.OfType<SeatResult>().Where(s => !seen.Contains(s.Constituency.Code)).OrderByDescending(s => s.DeclaredAt));
        var entries = ordered
            .Select(s => new ResultsStackEntry(s, snapshot.Status(s.Constituency.Code), watched(s), pinned.Contains(s.Constituency.Code)))
            .Where(e => e.Matches(filter));
        return [.. entries.Where(e => e.Pinned).Concat(entries.Where(e => !e.Pinned))];
    }

    public bool Matches(string? filter)
    {
        if (string.IsNullOrWhiteSpace(filter))
        {
            return true;
        }

        var words = filter.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return words.All(word =>
            Name.Contains(word, StringComparison.OrdinalIgnoreCase)
            || Code.Equals(word, StringComparison.OrdinalIgnoreCase)
            || Result.Winner.Name.Contains(word, StringComparison.OrdinalIgnoreCase)
            || Result.Winner.Party.Equals(word, StringComparison.OrdinalIgnoreCase)
            || (word.Equals("gain", StringComparison.OrdinalIgnoreCase) && Gain)
            || (word.Equals("recount", StringComparison.OrdinalIgnoreCase) && Recount)
            || (word.Equals("correction", StringComparison.OrdinalIgnoreCase) && Correction)
            || (word.Equals("watched", StringComparison.OrdinalIgnoreCase) && Watched));
    }
}
