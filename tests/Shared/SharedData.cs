namespace ResultsLive.Testing;

/// <summary>Finds the real election files in ../shared/data beside the repository; they are never copied into it.</summary>
internal static class SharedData
{
    private static readonly Lazy<string> Root = new(Locate);

    public static string Candidates2024 => File("ge2024", "HoC-GE2024-results-by-candidate.csv");

    public static string Constituencies2024 => File("ge2024", "HoC-GE2024-results-by-constituency.csv");

    public static string Notional2019 => File("notional2019", "estimates-2019-general-election-result-new-constituencies-data-results.csv");

    public static string DeclarationTimes2024 => File("declarations2024", "declaration-times.csv");

    public static string WinningMembers2024 => File("declarations2024", "Winning-members-(Friday-1720).csv");

    public static string Hexmap => File("hexmap", "constituencies.hexjson");

    /// <summary>A node serving the 2024 election from these files in test mode, configured as a deployment would be.</summary>
    public static Dictionary<string, string> Election2024Settings(string redis, string apiKey) => new()
    {
        ["ResultsLive:Mode"] = "test",
        ["ResultsLive:Redis"] = redis,
        ["ResultsLive:Election:Candidates"] = Candidates2024,
        ["ResultsLive:Election:Constituencies"] = Constituencies2024,
        ["ResultsLive:Election:Baseline"] = Notional2019,
        ["ResultsLive:Election:BaselineKind"] = "Notional",
        ["ResultsLive:Election:Hexmap"] = Hexmap,
        ["ResultsLive:Ingest:ApiKeys:0"] = apiKey,
    };

    public static string File(params string[] parts) => Path.Combine([Root.Value, .. parts]);

    private static string Locate()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("RESULTSLIVE_SHARED_DATA");
        if (!string.IsNullOrEmpty(fromEnvironment))
        {
            return fromEnvironment;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "data");
            if (Directory.Exists(candidate) && System.IO.File.Exists(Path.Combine(candidate, "README.md")))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException(
            "../shared/data was not found above " + AppContext.BaseDirectory + "; set RESULTSLIVE_SHARED_DATA to its path.");
    }
}
