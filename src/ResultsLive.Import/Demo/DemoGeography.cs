namespace ResultsLive.Import;

/// <summary>Lays the demo's seats out as a hex-map island, one contiguous cluster per region, and marks its cities and coast.</summary>
/// <remarks>
/// Each region grows outward from where its centre is on the real 2024 map, scaled for the number of seats (see
/// <see cref="DemoIsland"/>). Northern Ireland grows first, with a strip of sea round it; London next, so that it is a
/// dense cluster the South East wraps round; then the rest together. Any piece of Great Britain left apart is then
/// pulled ashore, so the map is one island and Northern Ireland.
/// </remarks>
internal static class DemoGeography
{
    // How far a city's influence reaches (hex widths), and so how large its red core is on the map.
    private const double CityRadius = 1.5;

    // The middle of Great Britain on the 2024 map: anchors scale about it, so smaller Houses shrink the island in place.
    private const double MiddleX = 56;
    private const double MiddleY = -22;

    public static List<DemoSeat> Place(int[] counts, DemoRandom random)
    {
        var scale = Math.Sqrt(counts.Sum() / 650.0);
        var map = new DemoIsland(random.Next(int.MaxValue));
        var anchors = DemoRegion.All.Select(r => Scale(r, scale)).ToArray();
        var ni = DemoRegion.NorthernIrelandRegion;
        var london = DemoRegion.LondonRegion;

        map.Grow([ni], counts, anchors);
        map.AddSea(ni);
        map.Grow([london], counts, anchors);
        map.Grow([.. DemoRegion.All.Where(r => r != ni && r != london)], counts, anchors);
        map.PullAshore();

        var seats = map.Seats();
        MarkCoast(seats);
        MarkCities(seats, random);
        return seats;
    }

    private static (double X, double Y) Scale(DemoRegion region, double scale) =>
        (MiddleX + ((region.AnchorX - MiddleX) * scale), MiddleY + ((region.AnchorY - MiddleY) * scale));

    private static void MarkCoast(List<DemoSeat> seats)
    {
        var land = seats.Select(s => s.Cell).ToHashSet();
        foreach (var seat in seats)
        {
            seat.Coastal = seat.Cell.Neighbours().Any(n => !land.Contains(n));
        }
    }

    /// <summary>
    /// Picks city centres spread across each region (one per 16 seats or so; London is one city throughout) and
    /// gives every seat an urban score that falls away with distance from the nearest centre.
    /// </summary>
    private static void MarkCities(List<DemoSeat> seats, DemoRandom random)
    {
        var city = 0;
        foreach (var region in seats.GroupBy(s => s.Region))
        {
            var cells = region.ToList();
            if (region.Key == DemoRegion.LondonRegion)
            {
                var (x, y) = (cells.Average(s => s.Cell.X), cells.Average(s => s.Cell.Y));
                foreach (var seat in cells)
                {
                    // All of London is urban; inner London (within three hexes or so of the middle) the most.
                    var d = seat.Cell.DistanceTo(x, y);
                    seat.Urban = 0.7 + (0.3 * Math.Exp(-d * d / 18));
                }

                continue;
            }

            var centres = new List<HexCell> { random.Pick(cells).Cell };
            var wanted = Math.Max(1, (int)Math.Round(cells.Count / 16.0));
            while (centres.Count < wanted)
            {
                // Farthest from the cities so far, loosely: spreads them out without a grid-like regularity.
                centres.Add(cells.MaxBy(s => centres.Min(c => s.Cell.DistanceTo(c)) + random.Uniform(0, 1.5))!.Cell);
            }

            foreach (var seat in cells)
            {
                var nearest = centres.MinBy(c => seat.Cell.DistanceTo(c));
                var d = seat.Cell.DistanceTo(nearest);
                seat.Urban = Math.Exp(-d * d / (2 * CityRadius * CityRadius));
                if (d < 1.01)
                {
                    seat.CityQuarter = (city + centres.IndexOf(nearest), Quarter(nearest, seat.Cell));
                }
            }

            city += centres.Count;
        }
    }

    /// <summary>"Central" for the centre itself, else the compass point from the centre (the six neighbours are all different).</summary>
    private static string Quarter(HexCell centre, HexCell cell)
    {
        if (cell == centre)
        {
            return "Central";
        }

        string[] points = ["East", "North East", "North", "North West", "West", "South West", "South", "South East"];
        var degrees = Math.Atan2(cell.Y - centre.Y, cell.X - centre.X) * 180 / Math.PI;
        return points[(((int)Math.Round(degrees / 45)) + 8) % 8];
    }
}
