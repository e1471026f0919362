using System.Globalization;

namespace ResultsLive.Import;

/// <summary>
/// Reads a CSV of when each seat is expected to declare (<c>code,expected</c>, ISO 8601 with an offset), as PA publishes
/// before the night, so the desk can show what is due and what is overdue.
/// </summary>
public static class ExpectedTimesFile
{
    private const string CodeColumn = "code";
    private const string ExpectedColumn = "expected";

    /// <summary>Each seat's expected time by code; a code the election does not have is an error naming its line.</summary>
    public static IReadOnlyDictionary<string, DateTimeOffset> Read(string path, Func<string, string?> canonicalCode)
    {
        ArgumentNullException.ThrowIfNull(canonicalCode);
        using var csv = CsvRecords.Open(path, [CodeColumn, ExpectedColumn]);
        var times = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        while (csv.Read())
        {
            var text = csv.RequiredText(CodeColumn);
            var code = canonicalCode(text) ?? throw csv.Error(CodeColumn, $"'{text}' is not a constituency of this election");
            var expected = csv.RequiredText(ExpectedColumn);

            // An offset is required: a bare local time would be read in the server's zone, which is not the night's.
            if (!DateTimeOffset.TryParseExact(expected, ["yyyy-MM-dd'T'HH:mmzzz", "yyyy-MM-dd'T'HH:mm:sszzz", "yyyy-MM-dd'T'HH:mm'Z'", "yyyy-MM-dd'T'HH:mm:ss'Z'"],
                    CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
            {
                throw csv.Error(ExpectedColumn, $"'{expected}' is not an ISO 8601 time with an offset, e.g. 2024-07-05T03:30:00+01:00");
            }

            if (!times.TryAdd(code, at))
            {
                throw csv.Error(CodeColumn, $"{code} is listed twice");
            }
        }

        return times;
    }
}
