using System.Collections.Frozen;

namespace ResultsLive.Core.Model;

/// <summary>Names and colours for the parties a UK general election reports, keyed by the Library's abbreviation.</summary>
/// <remarks>
/// Colours are the ones broadcasters use, chosen so no two parties that meet on the map look alike (SNP and Alliance,
/// Con and TUV, Lab and DUP, SF, SDLP and Green were indistinguishable) and darkened where needed so white text on them
/// meets WCAG AA; the SNP's yellow, which readers expect, takes dark text instead (HtmlWriter.ColourDeclarations).
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
        new("SNP", "Scottish National Party", "#FFE24A"),
        new("PC", "Plaid Cymru", "#005B54"),
        new("DUP", "Democratic Unionist Party", "#6D1F3A"),
        new("SF", "Sinn Féin", "#1F4E2C"),
        new("SDLP", "Social Democratic and Labour Party", "#6B8E23"),
        new("UUP", "Ulster Unionist Party", "#3A5BA0"),
        new("APNI", "Alliance", "#8A6500"),
        new("TUV", "Traditional Unionist Voice", "#5E3A87"),
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
