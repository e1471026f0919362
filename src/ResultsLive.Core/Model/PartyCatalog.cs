using System.Collections.Frozen;

namespace ResultsLive.Core.Model;

/// <summary>Names and colours for the parties a UK general election reports, keyed by the Library's abbreviation.</summary>
/// <remarks>
/// Colours are the ones broadcasters use, darkened where needed so white text on them meets WCAG AA.
/// A party not listed here still works: it gets its own name back and a neutral grey.
/// </remarks>
public static class PartyCatalog
{
    public const string UnknownColour = "#6B6B6B";

    private static readonly FrozenDictionary<string, Party> Known = new Party[]
    {
        new("Lab", "Labour", "#C8102E"),
        new("Con", "Conservative", "#0A3B7C"),
        new("LD", "Liberal Democrat", "#B35A00"),
        new("RUK", "Reform UK", "#0E7C86"),
        new("Green", "Green", "#2E7D32"),
        new("SNP", "Scottish National Party", "#8A6D00"),
        new("PC", "Plaid Cymru", "#005B54"),
        new("DUP", "Democratic Unionist Party", "#A3001E"),
        new("SF", "Sinn Féin", "#1B5E20"),
        new("SDLP", "Social Democratic and Labour Party", "#2A6B3A"),
        new("UUP", "Ulster Unionist Party", "#3A5BA0"),
        new("APNI", "Alliance", "#8C6E00"),
        new("TUV", "Traditional Unionist Voice", "#0C3A6B"),
        new("Spk", "Speaker", "#4A4A4A"),
        new("Ind", "Independent", "#5C5C70"),
        new("WPB", "Workers Party of Britain", "#7A1F3D"),
        new("Oth", "Other", "#6B6B6B"),
    }.ToFrozenDictionary(p => p.Code, StringComparer.OrdinalIgnoreCase);

    /// <summary>The catalogue's entry for <paramref name="code"/>, or one built from the code and the given name.</summary>
    public static Party Get(string code, string? name = null) =>
        Known.TryGetValue(code, out var party) ? party : new Party(code, string.IsNullOrWhiteSpace(name) ? code : name, UnknownColour);

    public static bool IsKnown(string code) => Known.ContainsKey(code);
}
