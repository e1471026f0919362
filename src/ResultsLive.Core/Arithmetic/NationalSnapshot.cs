using ResultsLive.Core.Model;

namespace ResultsLive.Core.Arithmetic;

/// <summary>One party's national line: seats and their changes, votes and share over the seats declared so far.</summary>
public sealed record PartyStanding(
    Party Party,
    int Seats,
    int Gains,
    int Losses,
    long Votes,
    double Share,
    double? ShareChange,
    int BaselineSeats)
{
    public int Net => Gains - Losses;
}

/// <summary>
/// A party's projected seats: the point, a range (<see cref="Low"/> to <see cref="High"/>), and how the point splits
/// into seats already <see cref="Won"/> and undeclared seats it is <see cref="Leading"/> in.
/// </summary>
public sealed record ProjectedSeats(Party Party, int Seats, int Low, int High, int Won, int Leading);

/// <summary>The projection of the whole House from what is known so far, and how many declared seats it rests on.</summary>
public sealed record Projection(int DeclaredBasis, IReadOnlyList<ProjectedSeats> Seats)
{
    /// <summary>The method in a phrase ("Projected seats, by …"); <see cref="Description"/> says it for this moment.</summary>
    public const string Method = "change in share modelled by region and baseline share, anchored on the exit poll and fitted on the declared seats";

    /// <summary>What this projection is, in a sentence for the screen: its basis (exit poll, declared seats), model and range.</summary>
    public string Description { get; init; } = Method;

    /// <summary>True when an exit poll is the prior the declared seats adjust.</summary>
    public bool AnchoredOnExitPoll { get; init; }

    public ProjectedSeats? For(string party) =>
        Seats.FirstOrDefault(s => string.Equals(s.Party.Code, party, StringComparison.OrdinalIgnoreCase));
}

/// <summary>The national picture at one moment: immutable, safe to hand to any number of readers.</summary>
/// <remarks>
/// Beside the national lines it carries what the analysis pages read: <see cref="Nations"/> and <see cref="Regions"/>,
/// <see cref="PathToMajority"/>, each party's <see cref="Battleground"/> and the <see cref="Swingometer(string, string)"/>.
/// </remarks>
public sealed record NationalSnapshot(
    int Declared,
    int TotalSeats,
    int MajorityThreshold,
    long ValidVotes,
    long InvalidVotes,
    long Electorate,
    IReadOnlyList<PartyStanding> Parties,
    Swing? Swing,
    Projection Projection,
    BaselineKind BaselineKind,
    string BaselineName,
    ExitPoll? ExitPoll)
{
    /// <summary>The nations (England, Scotland, Wales, Northern Ireland), in the order the election lists their seats.</summary>
    public IReadOnlyList<AreaSnapshot> Nations { get; init; } = [];

    /// <summary>The regions (Scotland, Wales and Northern Ireland are regions too), in the order the election lists their seats.</summary>
    public IReadOnlyList<AreaSnapshot> Regions { get; init; } = [];

    /// <summary>Each party's way to <see cref="MajorityThreshold"/>: won, leading, needed, when it crossed, whether it still can.</summary>
    public IReadOnlyList<MajorityPath> PathToMajority { get; init; } = [];

    /// <summary>Every party's targets by the swing they need, with what has happened in each.</summary>
    public Battleground Battleground { get; init; } = Battleground.Empty;

    public PartyStanding? Party(string code) =>
        Parties.FirstOrDefault(p => string.Equals(p.Party.Code, code, StringComparison.OrdinalIgnoreCase));

    /// <summary>A nation by its name as the Library spells it ("Northern Ireland") or its slug ("northern-ireland"), any case.</summary>
    public AreaSnapshot? Nation(string name) => AreaSnapshot.Find(Nations, name);

    /// <summary>A region by its name as the Library spells it ("Yorkshire and The Humber") or its slug ("yorkshire-and-the-humber").</summary>
    public AreaSnapshot? Region(string name) => AreaSnapshot.Find(Regions, name);

    public MajorityPath? PathFor(string party) =>
        PathToMajority.FirstOrDefault(p => string.Equals(p.Party.Code, party, StringComparison.OrdinalIgnoreCase));

    /// <summary>The swingometer between the two largest parties at the baseline (Con and Lab in 2024).</summary>
    public Swingometer? Swingometer() =>
        Battleground.HeadlinePair is var (a, b) && a is not null && b is not null ? Swingometer(a, b) : null;

    /// <summary>The swingometer between any two parties: national swing, the seats that fall at it, and the seats that went further or bucked the trend.</summary>
    /// <returns>Null when the election does not know either party.</returns>
    public Swingometer? Swingometer(string partyA, string partyB) => Arithmetic.Swingometer.Build(this, partyA, partyB);

    /// <summary>The swingometer within one nation or region: its own swing from its declared seats, and only its seats.</summary>
    /// <returns>Null when the election does not know either party.</returns>
    public Swingometer? Swingometer(string partyA, string partyB, AreaSnapshot area)
    {
        ArgumentNullException.ThrowIfNull(area);
        return Arithmetic.Swingometer.Build(this, partyA, partyB, area);
    }
}
