using System.Globalization;

using ResultsLive.Core.Model;

namespace ResultsLive.Import;

/// <summary>Reads a table of declaration times ("Houghton &amp; Sunderland South … 23:17") and matches it to the seats.</summary>
/// <remarks>
/// The 2024 file is malformed CSV: every data row ends with a comma, and twelve names with commas in them are not
/// quoted. CsvHelper still splits the fields (and unquotes the one quoted name); the name is whatever comes before
/// the last five values, joined back with its commas.
/// </remarks>
public static class DeclarationTimesFile
{
    private const string NameColumn = "Constituency";
    private const string TimeColumn = "Declaration time";

    /// <summary>Values after the name: 2019 party, 2019 majority, 2024 party, 2024 majority and the time.</summary>
    private const int ValuesAfterName = 5;

    /// <summary>Counts finish overnight: a time from this hour on is still polling day, anything earlier is the next day.</summary>
    private const int FirstHourOnPollingDay = 22;

    private static readonly string[] TimeFormats = ["HH:mm", "H:mm"];

    /// <param name="electionDay">Polling day; the file's times have no date.</param>
    /// <param name="utcOffset">The offset of the file's local times from UTC (+01:00 for BST).</param>
    public static IReadOnlyList<DeclarationTimeRow> Read(string path, DateOnly electionDay, TimeSpan utcOffset)
    {
        using var csv = CsvRecords.Open(path, [NameColumn, TimeColumn]);
        if (csv.Header[0] != NameColumn || csv.Header[^1] != TimeColumn)
        {
            throw new ImportException(path, 1, null, $"expected '{NameColumn}' first and '{TimeColumn}' last in the header");
        }

        var rows = new List<DeclarationTimeRow>();
        while (csv.Read())
        {
            var fields = csv.Fields;

            // Tolerate a row without the trailing comma too, so a repaired file still reads.
            var count = fields.Count > 0 && fields[^1].Length == 0 ? fields.Count - 1 : fields.Count;
            if (count < ValuesAfterName + 1)
            {
                throw new ImportException(path, csv.Line, null, $"expected a name and {ValuesAfterName} values, but the row has {count} fields");
            }

            var name = string.Join(',', fields.Take(count - ValuesAfterName)).Trim();
            if (name.Length == 0)
            {
                throw new ImportException(path, csv.Line, NameColumn, "the value is blank");
            }

            var time = fields[count - 1].Trim();
            if (!TimeOnly.TryParseExact(time, TimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var clock))
            {
                throw new ImportException(path, csv.Line, TimeColumn, $"'{time}' is not a time of day (HH:MM)");
            }

            var day = clock.Hour >= FirstHourOnPollingDay ? electionDay : electionDay.AddDays(1);
            rows.Add(new DeclarationTimeRow(
                name.Replace("&", "and", StringComparison.Ordinal),
                new DateTimeOffset(day.ToDateTime(clock), utcOffset),
                csv.Line));
        }

        return rows;
    }

    /// <summary>
    /// The declaration time of each seat, keyed by GSS code. Names are compared ignoring case, accents, "&amp;" against
    /// "and" and a "Kingston upon" before "Hull". A seat the file lacks is simply absent; a row that matches no seat
    /// is an error, because its seat would otherwise silently go without a time.
    /// </summary>
    /// <param name="file">The file the rows came from, named in the error.</param>
    public static IReadOnlyDictionary<string, DateTimeOffset> MatchToConstituencies(
        IEnumerable<DeclarationTimeRow> rows,
        IEnumerable<Constituency> constituencies,
        string file = "declaration times")
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(constituencies);

        var codes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var seat in constituencies)
        {
            if (!codes.TryAdd(ConstituencyNameKey.For(seat.Name), seat.Code))
            {
                throw new ArgumentException($"{seat.Code} '{seat.Name}' cannot be told apart from {codes[ConstituencyNameKey.For(seat.Name)]} by name.", nameof(constituencies));
            }
        }

        var times = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        var unmatched = new List<DeclarationTimeRow>();
        foreach (var row in rows)
        {
            if (!codes.TryGetValue(ConstituencyNameKey.For(row.Name), out var code))
            {
                unmatched.Add(row);
            }
            else if (!times.TryAdd(code, row.DeclaredAt))
            {
                throw new ImportException(file, row.Line, NameColumn, $"'{row.Name}' is a second time for {code}");
            }
        }

        if (unmatched.Count > 0)
        {
            var names = string.Join("; ", unmatched.Select(r => $"line {r.Line} '{r.Name}'"));
            throw new ImportException(file, unmatched[0].Line, NameColumn, $"{unmatched.Count} name(s) match no constituency: {names}");
        }

        return times;
    }
}
