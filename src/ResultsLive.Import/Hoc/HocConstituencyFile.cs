using ResultsLive.Core.Model;

namespace ResultsLive.Import;

/// <summary>Reads the House of Commons Library's results-by-constituency CSV: electorates, valid and invalid votes per seat.</summary>
/// <remarks>
/// Its party vote columns are not read: TUV, independents and the Speaker are lumped into "All other candidates",
/// so party votes come from the candidate file instead.
/// </remarks>
public static class HocConstituencyFile
{
    private const string Code = "ONS ID";
    private const string Name = "Constituency name";
    private const string Region = "Region name";
    private const string Nation = "Country name";
    private const string ConstituencyType = "Constituency type";
    private const string Electorate = "Electorate";
    private const string ValidVotes = "Valid votes";
    private const string InvalidVotes = "Invalid votes";
    private const string Majority = "Majority";
    private const string Result = "Result";
    private const string FirstParty = "First party";
    private const string SecondParty = "Second party";

    private static readonly string[] Columns =
        [Code, Name, Region, Nation, ConstituencyType, Electorate, ValidVotes, InvalidVotes, Majority, Result, FirstParty, SecondParty];

    public static IReadOnlyList<HocConstituencyRow> Read(string path)
    {
        using var csv = CsvRecords.Open(path, Columns);
        var rows = new List<HocConstituencyRow>();
        var lines = new Dictionary<string, int>(StringComparer.Ordinal);
        while (csv.Read())
        {
            var code = csv.GssCode(Code);
            if (!lines.TryAdd(code, csv.Line))
            {
                throw csv.Error(Code, $"{code} is also on line {lines[code]}");
            }

            rows.Add(new HocConstituencyRow(
                code,
                Name: csv.RequiredText(Name),
                Region: csv.Text(Region),
                Nation: csv.Text(Nation),
                ConstituencyType: csv.Text(ConstituencyType),
                Electorate: csv.WholeNumber(Electorate),
                ValidVotes: csv.WholeNumber(ValidVotes),
                InvalidVotes: csv.WholeNumber(InvalidVotes),
                Majority: csv.WholeNumber(Majority),
                Result: csv.Text(Result),
                FirstParty: csv.Text(FirstParty),
                SecondParty: csv.Text(SecondParty)));
        }

        return rows;
    }

    /// <summary>The rows keyed by GSS code, the shape the candidate-file conversions take.</summary>
    public static IReadOnlyDictionary<string, HocConstituencyRow> ByCode(IEnumerable<HocConstituencyRow> rows) =>
        rows.ToDictionary(r => r.Code, StringComparer.Ordinal);

    /// <summary>The seats in file order, with their electorates.</summary>
    public static IReadOnlyList<Constituency> ToConstituencies(IEnumerable<HocConstituencyRow> rows) =>
        [.. rows.Select(r => new Constituency(r.Code, r.Name, r.Region, r.Nation, r.Electorate))];
}
