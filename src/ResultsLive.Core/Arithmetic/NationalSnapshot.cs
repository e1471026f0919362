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

/// <summary>Seats a party would win if every undeclared seat moved by the average change seen so far.</summary>
public sealed record ProjectedSeats(Party Party, int Seats);

/// <summary>The uniform-swing projection and how many declared seats it rests on.</summary>
public sealed record Projection(int DeclaredBasis, IReadOnlyList<ProjectedSeats> Seats)
{
    public const string Method = "uniform national swing from the seats declared so far";
}

/// <summary>The national picture at one moment: immutable, safe to hand to any number of readers.</summary>
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
    public PartyStanding? Party(string code) =>
        Parties.FirstOrDefault(p => string.Equals(p.Party.Code, code, StringComparison.OrdinalIgnoreCase));
}
