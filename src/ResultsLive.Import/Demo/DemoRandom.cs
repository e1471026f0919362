namespace ResultsLive.Import;

/// <summary>The demo's only source of randomness: seeded, so the same seed always gives the same night.</summary>
/// <remarks>
/// Each part of the generator draws from its own stream, so changing how names are drawn does not reshuffle the votes.
/// System.Random is the right tool here (CA5394 is about security): this is a deterministic simulation, and a seeded
/// Random keeps its sequence across .NET versions for compatibility.
/// </remarks>
internal sealed class DemoRandom(int seed, DemoStream stream)
{
#pragma warning disable CA5394 // Deterministic simulation, not security: see the remarks above.
    private readonly Random _random = new(unchecked((seed * 7919) + ((int)stream * 104_729)));

    public double Uniform() => _random.NextDouble();

    public double Uniform(double min, double max) => min + ((max - min) * _random.NextDouble());

    public int Next(int maxExclusive) => _random.Next(maxExclusive);

    public bool Chance(double probability) => _random.NextDouble() < probability;

    /// <summary>A normally distributed value (Box–Muller), for the small per-seat differences that make a night look real.</summary>
    public double Normal(double mean = 0, double standardDeviation = 1)
    {
        var u1 = 1.0 - _random.NextDouble();
        var u2 = _random.NextDouble();
        return mean + (standardDeviation * Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2));
    }
#pragma warning restore CA5394

    public T Pick<T>(IReadOnlyList<T> items) => items[Next(items.Count)];
}

/// <summary>The independent random streams the demo generator draws from.</summary>
internal enum DemoStream
{
    Geography = 1,
    PlaceNames = 2,
    Contests = 3,
    CandidateNames = 4,
    Votes = 5,
    Clock = 6,
}
