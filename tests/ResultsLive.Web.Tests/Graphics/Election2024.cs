using ResultsLive.Core.Model;
using ResultsLive.Import;

namespace ResultsLive.Web.Tests.Graphics;

/// <summary>The 2024 election and its results from ../shared/data, loaded once for the graphics tests that need no web node.</summary>
public sealed class Election2024
{
    public const string IslingtonNorth = "E14001305";

    private static readonly Lazy<LoadedElection> LoadedOnce = new(() =>
        ElectionLoader.Load(new ElectionFiles(SharedData.Candidates2024, SharedData.Constituencies2024, SharedData.Notional2019)));

    public static LoadedElection Loaded => LoadedOnce.Value;

    public static Election Election => Loaded.Election;

    public static Declaration Result(string code) => Loaded.Results.First(d => d.Constituency == code);

    public static IReadOnlyList<Declaration> Results => Loaded.Results;

    /// <summary>A correction of <paramref name="code"/>'s result: the named party's candidate gets <paramref name="extra"/> more votes.</summary>
    public static Declaration Corrected(string code, string party, int extra, int revision = 2)
    {
        var result = Result(code);
        return result with
        {
            Revision = revision,
            Candidates = [.. result.Candidates.Select(c => c.Party == party ? c with { Votes = c.Votes + extra } : c)],
        };
    }
}
