namespace ResultsLive.LoadTools;

/// <summary>The real 2024 files in ../shared/data beside the repository (or RESULTSLIVE_SHARED_DATA); never copied into it.</summary>
internal sealed record SharedDataFiles(string Candidates, string Constituencies, string Baseline, string Hexmap)
{
    public static SharedDataFiles Locate(string repository)
    {
        var root = Environment.GetEnvironmentVariable("RESULTSLIVE_SHARED_DATA") is { Length: > 0 } configured
            ? configured
            : Path.GetFullPath(Path.Combine(repository, "..", "shared", "data"));
        return new SharedDataFiles(
            Path.Combine(root, "ge2024", "HoC-GE2024-results-by-candidate.csv"),
            Path.Combine(root, "ge2024", "HoC-GE2024-results-by-constituency.csv"),
            Path.Combine(root, "notional2019", "estimates-2019-general-election-result-new-constituencies-data-results.csv"),
            Path.Combine(root, "hexmap", "constituencies.hexjson"));
    }
}
