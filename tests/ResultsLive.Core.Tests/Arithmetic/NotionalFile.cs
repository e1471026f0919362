namespace ResultsLive.Core.Tests.Arithmetic;

/// <summary>
/// The notional 2019 CSV read directly, apart from the importer, so the battleground and swing can be checked against
/// figures the code under test did not produce: votes per main party, total votes and the winner, by 2024 GSS code.
/// </summary>
internal static class NotionalFile
{
    private static readonly Dictionary<string, string> Columns = new()
    {
        ["Con"] = "Conv", ["Lab"] = "Labv", ["LD"] = "LDv", ["Green"] = "Grnv", ["SNP"] = "SNPv", ["PC"] = "PCv",
    };

    private static readonly Dictionary<string, string> WinnerCodes = new() { ["Grn"] = "Green", ["Spkr"] = "Spk", ["All"] = "APNI" };

    /// <summary>Per seat: the winner's code (in the 2024 file's codes) and each main party's share of the total, in percent.</summary>
    public static Dictionary<string, (string Winner, Dictionary<string, double> Shares)> Read()
    {
        var lines = File.ReadAllLines(SharedData.Notional2019);
        var header = LibraryCsv.Fields(lines[0]);
        int Column(string name) => Array.IndexOf(header, name);
        var seats = new Dictionary<string, (string, Dictionary<string, double>)>();
        foreach (var line in lines.Skip(1).Where(l => l.Length > 0))
        {
            var fields = LibraryCsv.Fields(line);
            var code = fields[Column("ONS code")];
            var total = double.Parse(fields[Column("total_votes")].Replace(",", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture);
            var shares = Columns.ToDictionary(
                c => c.Key,
                c => double.Parse(fields[Column(c.Value)] is { Length: > 0 } v ? v : "0", System.Globalization.CultureInfo.InvariantCulture) * 100 / total);
            var winner = fields[Column("Win19")];
            seats[LibraryCsv.CurrentCode(code)] = (WinnerCodes.GetValueOrDefault(winner, winner), shares);
        }

        return seats;
    }
}
