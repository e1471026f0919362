using System.Collections.Frozen;

using ResultsLive.Core.Model;

namespace ResultsLive.Import;

/// <summary>Reads the Rallings &amp; Thrasher notional 2019 results on the 2024 boundaries as a baseline, in HoC 2024 party codes.</summary>
/// <remarks>
/// The file predates the final 2024 codes and uses its own party abbreviations, so both are translated here,
/// once, and everything downstream compares like with like.
/// </remarks>
public static class NotionalBaselineFile
{
    private const string Code = "ONS code";
    private const string Turnout = "turnout";
    private const string TotalVotes = "total_votes";
    private const string Winner = "Win19";
    private const string OtherVotes = "TotOthv";

    // The minor-party and independent columns sit between these two separators (note the case).
    private const string MinorFirst = "Blank2";
    private const string MinorEnd = "blank2";

    /// <summary>Five Scottish seats carry GSS codes that were superseded before the 2024 election.</summary>
    private static readonly FrozenDictionary<string, string> CodeRemaps = new Dictionary<string, string>
    {
        ["S14000006"] = "S14000107",
        ["S14000008"] = "S14000108",
        ["S14000010"] = "S14000109",
        ["S14000040"] = "S14000110",
        ["S14000058"] = "S14000111",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, string> WinnerCodes = new Dictionary<string, string>
    {
        ["Grn"] = "Green",
        ["Brx"] = "RUK",
        ["Spkr"] = "Spk",
        ["All"] = "APNI",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The main and Northern Ireland party columns. Brexit Party votes count as Reform UK's, which it became.</summary>
    private static readonly (string Column, string Party)[] MainParties =
    [
        ("Conv", "Con"), ("Labv", "Lab"), ("LDv", "LD"), ("Grnv", "Green"), ("Brxv", "RUK"), ("SNPv", "SNP"), ("PCv", "PC"),
        ("APNIv", "APNI"), ("DUPv", "DUP"), ("SDLPv", "SDLP"), ("SFv", "SF"), ("UUPv", "UUP"),
    ];

    /// <summary>
    /// Minor-party columns whose party stood in 2024 under another abbreviation, checked against the HoC 2024
    /// Change column. A column not listed keeps its own name less the trailing "v".
    /// </summary>
    private static readonly FrozenDictionary<string, string> MinorParties = new Dictionary<string, string>
    {
        ["ASHv"] = "Ash",
        ["PBPv"] = "PBPA",
        ["AONTv"] = "AONT",
        ["ANWPv"] = "ANWP",
        ["MRLPv"] = "MRLP",
        ["EDv"] = "ED",
        ["LIBv"] = "Lib",
        ["RBDv"] = "RBD",
        ["CPAv"] = "CPA",
        ["NEPv"] = "NEP",
        ["UKIPv"] = "UKIP",
        ["YPPv"] = "SG",
        ["SOCv"] = "SPGB",
        ["LNINv"] = "LNIN",
        ["PPNVv"] = "PPNV",
        ["WRPv"] = "WRP",
        ["SEPv"] = "SEP",
        ["AGSv"] = "AGS",
        ["SDPv"] = "SDP",
        ["CPv"] = "CP",
        ["COMLv"] = "Comm L",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public static Baseline Read(string path, string name = "2019 notional")
    {
        using var csv = CsvRecords.Open(path, [Code, TotalVotes, Winner, OtherVotes, MinorFirst, MinorEnd, .. MainParties.Select(p => p.Column)]);

        // The header is literally """turnout""", which CSV unquotes to "turnout" with the quotes kept.
        var turnout = csv.Header.Contains(Turnout) ? Turnout : $"\"{Turnout}\"";
        _ = csv.IndexOf(turnout);

        var minorColumns = MinorColumns(csv);
        var seats = new Dictionary<string, BaselineResult>(StringComparer.Ordinal);
        var lines = new Dictionary<string, int>(StringComparer.Ordinal);
        while (csv.Read())
        {
            var code = csv.RequiredText(Code);
            code = CodeRemaps.GetValueOrDefault(code, code);
            if (ImportChecks.GssCodeProblem(code) is { } problem)
            {
                throw csv.Error(Code, problem);
            }
            if (!lines.TryAdd(code, csv.Line))
            {
                throw csv.Error(Code, $"{code} is also on line {lines[code]}");
            }

            var fileWinner = csv.RequiredText(Winner);
            var winner = WinnerCodes.GetValueOrDefault(fileWinner, fileWinner);
            var votes = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var (column, party) in MainParties)
            {
                Add(votes, party, csv.WholeNumberOrZero(column));
            }

            var minorTotal = 0;
            foreach (var (index, party) in minorColumns)
            {
                var count = csv.WholeNumberOrZero(index);
                Add(votes, party, count);
                minorTotal += count;
            }

            // TotOthv holds every minor vote, but in Chorley the Speaker's votes are in no column of their own.
            var otherTotal = csv.WholeNumberOrZero(OtherVotes);
            var unattributed = otherTotal - minorTotal;
            if (unattributed < 0)
            {
                throw csv.Error(OtherVotes, $"{otherTotal} is less than the {minorTotal} votes in the minor-party columns");
            }

            Add(votes, winner == "Spk" ? "Spk" : Party.OtherCode, unattributed);

            seats.Add(code, new BaselineResult(code, votes, csv.WholeNumber(TotalVotes), winner, csv.OptionalNumber(turnout)));
        }

        return new Baseline(BaselineKind.Notional, name, seats);
    }

    private static List<(int Index, string Party)> MinorColumns(CsvRecords csv)
    {
        var first = csv.IndexOf(MinorFirst) + 1;
        var end = csv.IndexOf(MinorEnd);
        if (end < first)
        {
            throw new ImportException(csv.Path, 1, MinorEnd, $"expected after {MinorFirst}, with the minor-party columns between them");
        }

        var columns = new List<(int, string)>();
        for (var i = first; i < end; i++)
        {
            var column = csv.Header[i];
            var party = IsIndependentColumn(column) ? Party.IndependentCode
                : MinorParties.TryGetValue(column, out var known) ? known
                : column.EndsWith('v') ? column[..^1]
                : column;
            columns.Add((i, party));
        }

        return columns;
    }

    /// <summary>IND1v to IND6v: one column per independent candidate, all counted as independents.</summary>
    private static bool IsIndependentColumn(string column) =>
        column.Length > 3 && column.StartsWith("IND", StringComparison.Ordinal) && char.IsAsciiDigit(column[3]);

    private static void Add(Dictionary<string, int> votes, string party, int count)
    {
        if (count != 0)
        {
            votes[party] = votes.GetValueOrDefault(party) + count;
        }
    }
}
