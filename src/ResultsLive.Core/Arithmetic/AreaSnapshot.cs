using System.Text;

using ResultsLive.Core.Model;

namespace ResultsLive.Core.Arithmetic;

/// <summary>Whether an area is one of the UK's nations or one of the Library's regions.</summary>
public enum AreaKind
{
    Nation,
    Region,
}

/// <summary>
/// A nation's or region's results at one moment, like the national lines: seats, gains, losses, votes, share and
/// like-for-like change over its declared seats, and the swing between its two largest baseline parties.
/// </summary>
/// <param name="Name">As the Library spells it: "Yorkshire and The Humber".</param>
/// <param name="Slug">Lower case and hyphenated, for addresses: "yorkshire-and-the-humber".</param>
/// <param name="SwingParties">The two parties the swing is between (the largest two at the baseline here), even before it can be measured.</param>
/// <param name="Constituencies">The area's seats, in the election's order.</param>
public sealed record AreaSnapshot(
    string Name,
    string Slug,
    AreaKind Kind,
    int Declared,
    int TotalSeats,
    long ValidVotes,
    long InvalidVotes,
    long Electorate,
    IReadOnlyList<PartyStanding> Parties,
    Swing? Swing,
    IReadOnlyList<string> SwingParties,
    IReadOnlyList<Constituency> Constituencies)
{
    public PartyStanding? Party(string code) =>
        Parties.FirstOrDefault(p => string.Equals(p.Party.Code, code, StringComparison.OrdinalIgnoreCase));

    /// <summary>Whether <paramref name="constituency"/> is one of this area's seats.</summary>
    public bool Holds(Constituency constituency)
    {
        ArgumentNullException.ThrowIfNull(constituency);
        return string.Equals(Kind == AreaKind.Nation ? constituency.Nation : constituency.Region, Name, StringComparison.Ordinal);
    }

    /// <summary>"Yorkshire and The Humber" → "yorkshire-and-the-humber": letters and digits kept, everything else one hyphen.</summary>
    public static string SlugOf(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var slug = new StringBuilder(name.Length);
        foreach (var c in name.Trim().ToLowerInvariant())
        {
            if (char.IsLetterOrDigit(c))
            {
                slug.Append(c);
            }
            else if (slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-');
            }
        }

        return slug.ToString().TrimEnd('-');
    }

    internal static AreaSnapshot? Find(IReadOnlyList<AreaSnapshot> areas, string name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        var slug = SlugOf(name);
        return areas.FirstOrDefault(a => string.Equals(a.Name, name.Trim(), StringComparison.OrdinalIgnoreCase) || a.Slug == slug);
    }
}

/// <summary>A party's way to a majority: seats won, undeclared seats it leads in the projection, how many more it needs, and when it got there.</summary>
/// <param name="CrossedAt">The declaration that took it to the threshold (its seats in order of declaration time), or null while it has not.</param>
/// <param name="CanReach">False once it can no longer get there: seats won plus every undeclared seat is short of the threshold.</param>
public sealed record MajorityPath(Party Party, int Won, int LeadingUndeclared, int Needed, MajorityCrossing? CrossedAt, bool CanReach)
{
    public bool HasMajority => CrossedAt is not null;
}

/// <summary>The seat whose declaration took a party to a majority, and when it declared.</summary>
public sealed record MajorityCrossing(Constituency Constituency, DateTimeOffset DeclaredAt);
