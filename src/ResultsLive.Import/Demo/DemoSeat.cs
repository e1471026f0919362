using ResultsLive.Core.Model;

namespace ResultsLive.Import;

/// <summary>One seat while the demo election is built: each stage of the generator fills in its part, in order.</summary>
internal sealed class DemoSeat(DemoRegion region, HexCell cell)
{
    public DemoRegion Region { get; } = region;

    // Geography.
    public HexCell Cell { get; set; } = cell;

    /// <summary>0 for deep countryside, 1 for a city centre: the main thing that decides how a seat votes and how fast it counts.</summary>
    public double Urban { get; set; }

    public bool Coastal { get; set; }

    /// <summary>The city whose inner ring this seat is in, if any, and which part of it ("Central", "North East"...).</summary>
    public (int City, string Quarter)? CityQuarter { get; set; }

    // Names and contest.
    public string Name { get; set; } = "";

    public string Code { get; set; } = "";

    public int Electorate { get; set; }

    /// <summary>Party codes standing, in no particular order; the ballot order comes with the names.</summary>
    public List<string> Parties { get; } = [];

    public bool IsSpeakerSeat { get; set; }

    /// <summary>Share (percent) the independent candidate takes on the night; 0 when none stands.</summary>
    public double IndependentShare { get; set; }

    /// <summary>A Brighton- or Bristol-style seat where the Greens concentrate their campaign.</summary>
    public bool GreenTarget { get; set; }

    /// <summary>A Clacton-style seat where Reform's surge is strongest.</summary>
    public bool ReformTarget { get; set; }

    /// <summary>The one Green target the Greens already hold in the baseline.</summary>
    public bool GreenHeld { get; set; }

    public IReadOnlyList<Nomination> Nominations { get; set; } = [];

    // Votes and the night.
    public BaselineResult? Baseline { get; set; }

    public IReadOnlyDictionary<string, int> Votes { get; set; } = new Dictionary<string, int>();

    public int InvalidVotes { get; set; }

    public DateTimeOffset DeclaredAt { get; set; }
}
