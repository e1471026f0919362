namespace ResultsLive.Core.Model;

/// <summary>What a change is measured against: notional results on the new boundaries, or the previous election.</summary>
public enum BaselineKind
{
    Notional,
    Previous,
}

/// <summary>One seat's baseline result: votes per party code, the total, the winner and, where known, turnout.</summary>
public sealed record BaselineResult(
    string Constituency,
    IReadOnlyDictionary<string, int> Votes,
    int Total,
    string Winner,
    double? Turnout)
{
    /// <summary>Share of <paramref name="party"/> in percent; 0 for a party that did not stand.</summary>
    public double ShareOf(string party) =>
        Total > 0 && Votes.TryGetValue(party, out var votes) ? votes * 100.0 / Total : 0;
}

/// <summary>The baseline for a whole election, with the name shown wherever a change is shown.</summary>
public sealed record Baseline(BaselineKind Kind, string Name, IReadOnlyDictionary<string, BaselineResult> Seats)
{
    public static Baseline Empty { get; } = new(BaselineKind.Notional, "no baseline", new Dictionary<string, BaselineResult>());

    public BaselineResult? For(string constituency) => Seats.TryGetValue(constituency, out var seat) ? seat : null;
}
