using ResultsLive.Core.Model;
using ResultsLive.Import;

namespace ResultsLive.Web.Configuration;

/// <summary>The election this node serves, loaded once at start-up: its definition, map and mode.</summary>
public sealed class ElectionContext
{
    public ElectionContext(LoadedElection loaded, string mode, bool isDemo)
    {
        ArgumentNullException.ThrowIfNull(loaded);
        Loaded = loaded;
        Mode = mode;
        IsDemo = isDemo;
    }

    public LoadedElection Loaded { get; }

    public Election Election => Loaded.Election;

    public HexMap? Hexmap => Loaded.Hexmap;

    /// <summary><c>demo</c>, <c>test</c> or <c>live</c>: shown on every screen and in every payload.</summary>
    public string Mode { get; }

    public bool IsDemo { get; }

    public static ElectionContext Load(ResultsLiveOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.IsDemo)
        {
            return new ElectionContext(DemoElection.Generate(options.Demo.Seats, options.Demo.Seed), "demo", isDemo: true);
        }

        var source = options.Election;
        var loaded = ElectionLoader.Load(
            new ElectionFiles(source.Candidates!, source.Constituencies, source.Baseline, source.BaselineKind, source.Hexmap, null),
            source.Id,
            source.Name);
        return new ElectionContext(loaded, string.IsNullOrEmpty(options.Mode) ? "live" : options.Mode, isDemo: false);
    }
}
