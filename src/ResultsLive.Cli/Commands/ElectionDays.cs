using System.Text.RegularExpressions;

namespace ResultsLive.Cli.Commands;

/// <summary>Polling days of recent UK general elections, so a times file of bare "HH:MM" can be placed on the night.</summary>
internal static partial class ElectionDays
{
    private static readonly Dictionary<int, DateOnly> Known = new()
    {
        [2015] = new DateOnly(2015, 5, 7),
        [2017] = new DateOnly(2017, 6, 8),
        [2019] = new DateOnly(2019, 12, 12),
        [2024] = new DateOnly(2024, 7, 4),
    };

    /// <summary>The polling day of the election a Library file is named after ("HoC-GE2024-…"), if known.</summary>
    public static DateOnly? FromFileName(string fileName) =>
        GeneralElectionYear().Match(fileName) is { Success: true } match && Known.TryGetValue(int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), out var day)
            ? day
            : null;

    [GeneratedRegex(@"GE(\d{4})", RegexOptions.IgnoreCase)]
    private static partial Regex GeneralElectionYear();
}
