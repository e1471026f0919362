namespace ResultsLive.Core.Model;

/// <summary>A party as results are reported: the Library's abbreviation, a display name and a colour.</summary>
public sealed record Party(string Code, string Name, string Colour)
{
    /// <summary>Every independent candidate counts under this code in national totals.</summary>
    public const string IndependentCode = "Ind";

    /// <summary>Baseline votes that the source does not attribute to a named party.</summary>
    public const string OtherCode = "Oth";

    public bool IsIndependent => IsIndependentCode(Code);

    public static bool IsIndependentCode(string code) => string.Equals(code, IndependentCode, StringComparison.OrdinalIgnoreCase);
}
