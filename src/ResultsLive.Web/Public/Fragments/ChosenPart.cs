using ResultsLive.Core.Arithmetic;
using ResultsLive.Core.Model;
using ResultsLive.Web.Public.Controls;

namespace ResultsLive.Web.Public.Fragments;

/// <summary>What a chosen part shows: the swingometer, an area's figures, an area's seats, or the map in a mode.</summary>
public enum ChosenKind
{
    Swing,
    Board,
    SeatList,
    Map,
}

/// <summary>
/// A part drawn for a reader's choice or for one nation or region: the swingometer between two parties, a map mode, an
/// area's scoreboard and share, an area's seats. Its name carries the choice (<c>swing.uk.Con.Lab</c>,
/// <c>map.nation-scotland.share-SNP</c>, <c>board.region-london</c>, <c>seats.nation-wales</c>), so each choice has its own
/// cacheable address, and nothing about a reader is kept on the server.
/// </summary>
/// <remarks>
/// A chosen part changes whenever the national part it <see cref="Follows"/> does (any result for the figures, any
/// status for the map and the seat lists), so it takes that part's version: its address is the followed part's with its
/// own name in place, which public.js works out from the push channel's news without the server listing every choice.
/// Only the canonical spelling is a part (party codes as the election spells them, areas by slug), so a cache holds one
/// copy of each.
/// </remarks>
public sealed record ChosenPart(string Name, ChosenKind Kind, AreaSnapshot? Area, string? PartyA, string? PartyB, MapMode Mode)
{
    /// <summary>The scope of a national part.</summary>
    public const string Uk = "uk";

    /// <summary>The national part whose version this part takes.</summary>
    public string Follows => FollowsOf(Kind);

    /// <summary>This part's nation or region as <paramref name="national"/> has it (the one parsed is from an earlier moment).</summary>
    public AreaSnapshot? AreaIn(NationalSnapshot national)
    {
        ArgumentNullException.ThrowIfNull(national);
        return Area is not { } area ? null
            : (area.Kind == AreaKind.Nation ? national.Nations : national.Regions).FirstOrDefault(a => a.Slug == area.Slug);
    }

    /// <summary>The scope's name in an address: <c>uk</c>, <c>nation-scotland</c>, <c>region-london</c>.</summary>
    public static string Scope(AreaSnapshot? area) =>
        area is null ? Uk : (area.Kind == AreaKind.Nation ? "nation-" : "region-") + area.Slug;

    public static string Swing(AreaSnapshot? area, Party a, Party b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return $"swing.{Scope(area)}.{a.Code}.{b.Code}";
    }

    public static string Map(AreaSnapshot? area, MapMode mode)
    {
        ArgumentNullException.ThrowIfNull(mode);
        return $"map.{Scope(area)}.{mode.Key}";
    }

    public static string Board(AreaSnapshot area) => "board." + Scope(area);

    public static string SeatList(AreaSnapshot area) => "seats." + Scope(area);

    /// <summary>The national part a chosen part's name follows, from its name alone; null for any other part.</summary>
    public static string? FollowsOf(string part)
    {
        ArgumentNullException.ThrowIfNull(part);
        var dot = part.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? null : KindOf(part[..dot]) is { } kind ? FollowsOf(kind) : null;
    }

    /// <summary>The part <paramref name="name"/> names in this election, or null when it names none (or not in its canonical spelling).</summary>
    public static ChosenPart? Parse(string name, Election election, NationalSnapshot national)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(election);
        ArgumentNullException.ThrowIfNull(national);
        var pieces = name.Split('.');
        if (pieces.Length < 2 || KindOf(pieces[0]) is not { } kind || !TryArea(pieces[1], national, out var area))
        {
            return null;
        }

        ChosenPart? parsed = (kind, pieces.Length) switch
        {
            (ChosenKind.Swing, 4) when Canonical(election, pieces[2]) is { } a && Canonical(election, pieces[3]) is { } b && a != b
                => new ChosenPart(name, kind, area, a, b, MapMode.Winner),
            (ChosenKind.Board or ChosenKind.SeatList, 2) when area is not null => new ChosenPart(name, kind, area, null, null, MapMode.Winner),
            (ChosenKind.Map, 3) when MapMode.Parse(pieces[2], election) is { } mode && mode.Key == pieces[2]
                => new ChosenPart(name, kind, area, null, null, mode),
            _ => null,
        };
        return parsed;
    }

    private static string? Canonical(Election election, string code) =>
        election.PartyIndex(code) is var i and >= 0 && string.Equals(election.PartyAt(i).Code, code, StringComparison.Ordinal) ? code : null;

    private static bool TryArea(string scope, NationalSnapshot national, out AreaSnapshot? area)
    {
        area = null;
        if (scope == Uk)
        {
            return true;
        }

        area = scope.StartsWith("nation-", StringComparison.Ordinal) ? national.Nations.FirstOrDefault(n => n.Slug == scope["nation-".Length..])
            : scope.StartsWith("region-", StringComparison.Ordinal) ? national.Regions.FirstOrDefault(r => r.Slug == scope["region-".Length..])
            : null;
        return area is not null;
    }

    private static ChosenKind? KindOf(string prefix) => prefix switch
    {
        "swing" => ChosenKind.Swing,
        "board" => ChosenKind.Board,
        "seats" => ChosenKind.SeatList,
        "map" => ChosenKind.Map,
        _ => null,
    };

    private static string FollowsOf(ChosenKind kind) => kind switch
    {
        ChosenKind.Map => PublicPart.Map,
        ChosenKind.SeatList => PublicPart.Seats,
        _ => PublicPart.Share,
    };
}
