namespace ResultsLive.Testing;

/// <summary>
/// The tests' own reading of the Library's CSV files, apart from the importer, so arithmetic can be checked against
/// figures the code under test did not produce.
/// </summary>
public static class LibraryCsv
{
    // The notional file still names five Scottish seats by the codes they had before they were re-issued.
    private static readonly Dictionary<string, string> Superseded = new()
    {
        ["S14000006"] = "S14000107", ["S14000008"] = "S14000108", ["S14000010"] = "S14000109", ["S14000040"] = "S14000110", ["S14000058"] = "S14000111",
    };

    /// <summary>The seat's code as the 2024 files and the hex map give it.</summary>
    public static string CurrentCode(string code) => Superseded.GetValueOrDefault(code, code);

    /// <summary>One CSV line's fields (quotes and doubled quotes).</summary>
    public static string[] Fields(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var fields = new List<string>();
        var field = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (c == '"' && quoted && i + 1 < line.Length && line[i + 1] == '"')
            {
                field.Append('"');
                i++;
            }
            else if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == ',' && !quoted)
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        fields.Add(field.ToString());
        return [.. fields];
    }
}
