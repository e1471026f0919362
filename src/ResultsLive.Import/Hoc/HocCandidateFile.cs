namespace ResultsLive.Import;

/// <summary>Reads the House of Commons Library's results-by-candidate CSV and turns its rows into the Core model.</summary>
/// <remarks>
/// The 2024 file starts with a UTF-8 BOM, has "County " with a trailing space in 140 Scottish rows and one
/// mis-decoded name ("Ã\u0081ine"); all three are handled by the shared CSV reading. Labour Co-operative
/// candidates already carry the abbreviation Lab, so no party merging is needed.
/// </remarks>
public static partial class HocCandidateFile
{
    private const string Code = "ONS ID";
    private const string ConstituencyName = "Constituency name";
    private const string Region = "Region name";
    private const string Nation = "Country name";
    private const string ConstituencyType = "Constituency type";
    private const string PartyName = "Party name";
    private const string PartyCode = "Party abbreviation";
    private const string FirstName = "Candidate first name";
    private const string Surname = "Candidate surname";
    private const string Votes = "Votes";
    private const string Share = "Share";
    private const string Change = "Change";
    private const string SittingMp = "Sitting MP";

    private static readonly string[] Columns =
        [Code, ConstituencyName, Region, Nation, ConstituencyType, PartyName, PartyCode, FirstName, Surname, Votes, Share, Change];

    public static IReadOnlyList<HocCandidateRow> Read(string path)
    {
        using var csv = CsvRecords.Open(path, Columns);
        var rows = new List<HocCandidateRow>();

        // Optional: older files and hand-made ones may not have it, and then nobody is known to be sitting.
        var sittingMp = csv.Header.ToList().FindIndex(h => string.Equals(h, SittingMp, StringComparison.OrdinalIgnoreCase));
        while (csv.Read())
        {
            rows.Add(new HocCandidateRow(
                Code: csv.GssCode(Code),
                ConstituencyName: csv.RequiredText(ConstituencyName),
                Region: csv.Text(Region),
                Nation: csv.Text(Nation),
                ConstituencyType: csv.Text(ConstituencyType),
                PartyName: csv.Text(PartyName),
                PartyCode: csv.RequiredText(PartyCode),
                FirstName: csv.Text(FirstName),
                Surname: csv.Text(Surname),
                Votes: csv.WholeNumber(Votes),
                Share: csv.Number(Share),
                Change: csv.OptionalNumber(Change),
                SittingMp: sittingMp >= 0 && YesNo(csv, sittingMp)));
        }

        return rows;
    }

    private static bool YesNo(CsvRecords csv, int index)
    {
        var text = index < csv.Fields.Count ? csv.Fields[index].Trim() : "";
        if (text.Length == 0 || text.Equals("No", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (text.Equals("Yes", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        throw csv.Error(SittingMp, $"must be Yes or No, not '{text}'");
    }
}
