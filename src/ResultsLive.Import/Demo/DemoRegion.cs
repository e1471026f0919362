namespace ResultsLive.Import;

/// <summary>One of the twelve UK regions as the demo uses it: its nation, its share of the seats and where it sits on the map.</summary>
/// <param name="Seats650">Seats the region has in a 650-seat House (the 2024 allocation); other sizes scale from it.</param>
/// <param name="AnchorX">Where the region's cluster grows from: its centre on the 2024 hex map, in hex widths, growing eastward.</param>
/// <param name="AnchorY">Likewise northward (row × √3/2, rows increasing upward as in the real map).</param>
internal sealed record DemoRegion(int Index, string Name, string Nation, int Seats650, DemoNameStyle Style, double AnchorX, double AnchorY)
{
    public const string England = "England";
    public const string Scotland = "Scotland";
    public const string Wales = "Wales";
    public const string NorthernIreland = "Northern Ireland";

    // The size of the House the 2024 allocation is for.
    private const int House = 650;

    /// <summary>
    /// The regions in the House of Commons Library's order. The anchors are the regions' centres on the 2024 hex map,
    /// except Scotland's, moved south-east: grown as a round cluster it would otherwise not reach England.
    /// </summary>
    public static IReadOnlyList<DemoRegion> All { get; } =
    [
        new(0, "North East", England, 27, DemoNameStyle.English, 56.3, -12.8),
        new(1, "North West", England, 73, DemoNameStyle.English, 52.5, -19.3),
        new(2, "Yorkshire and The Humber", England, 54, DemoNameStyle.English, 59.3, -18.6),
        new(3, "East Midlands", England, 47, DemoNameStyle.English, 60.3, -24.6),
        new(4, "West Midlands", England, 57, DemoNameStyle.English, 54.1, -27.2),
        new(5, "East of England", England, 61, DemoNameStyle.English, 66.1, -27.4),
        new(6, "London", England, 75, DemoNameStyle.London, 63.1, -34.0),
        new(7, "South East", England, 91, DemoNameStyle.English, 61.5, -34.9),
        new(8, "South West", England, 58, DemoNameStyle.English, 49.8, -35.4),
        new(9, "Wales", Wales, 32, DemoNameStyle.Welsh, 48.0, -29.6),
        new(10, "Scotland", Scotland, 57, DemoNameStyle.Scottish, 52.0, -8.5),
        new(11, "Northern Ireland", NorthernIreland, 18, DemoNameStyle.NorthernIrish, 44.3, -14.4),
    ];

    public static DemoRegion NorthernIrelandRegion => All[11];

    public static DemoRegion LondonRegion => All[6];

    public bool IsGreatBritain => Nation != NorthernIreland;

    /// <summary>
    /// Seats per region for a House of <paramref name="seats"/>, in proportion to 2024 by largest remainder,
    /// with Northern Ireland kept on the map (one seat at least) from 20 seats up.
    /// </summary>
    public static int[] Allocate(int seats)
    {
        var counts = new int[All.Count];
        var remainders = new double[All.Count];
        for (var i = 0; i < All.Count; i++)
        {
            var exact = (double)seats * All[i].Seats650 / House;
            counts[i] = (int)exact;
            remainders[i] = exact - counts[i];
        }

        // Largest remainder; ties go to the larger region so small Houses favour the big English regions, as a real one would.
        var order = Enumerable.Range(0, All.Count)
            .OrderByDescending(i => remainders[i])
            .ThenByDescending(i => All[i].Seats650)
            .ToArray();
        var left = seats - counts.Sum();
        for (var k = 0; k < left; k++)
        {
            counts[order[k % order.Length]]++;
        }

        var ni = NorthernIrelandRegion.Index;
        if (seats >= 20 && counts[ni] == 0)
        {
            var largest = Enumerable.Range(0, All.Count).MaxBy(i => counts[i]);
            counts[largest]--;
            counts[ni]++;
        }

        return counts;
    }
}
