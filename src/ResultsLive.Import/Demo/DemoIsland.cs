namespace ResultsLive.Import;

/// <summary>The demo map while it grows: which hexes are land (and whose region), which are sea, and each region's growing edge.</summary>
/// <remarks>
/// Regions grow one hex at a time, the least complete first, each taking the free hex on its edge nearest its anchor,
/// so every region stays in one piece. Two rules keep a region from being boxed in by its neighbours before it reaches
/// its size: no region takes another's last free hex, and a region boxed in anyway takes a hex over from a neighbour.
/// </remarks>
/// <param name="salt">Varies the small per-hex nudge that makes coastlines irregular, so each seed has its own map.</param>
internal sealed class DemoIsland(int salt)
{
    // How strongly a hex with filled neighbours is preferred: fills the island's bays, so it stays compact.
    private const double CompactnessPull = 0.55;

    private readonly Dictionary<HexCell, DemoRegion> _land = [];
    private readonly Dictionary<DemoRegion, HashSet<HexCell>> _regions = [];
    private readonly Dictionary<DemoRegion, HashSet<HexCell>> _edges = [];
    private readonly HashSet<HexCell> _sea = [];

    public void Grow(IReadOnlyList<DemoRegion> regions, int[] counts, (double X, double Y)[] anchors)
    {
        var growing = regions.Where(r => counts[r.Index] > 0).ToList();
        foreach (var region in growing)
        {
            (_regions[region], _edges[region]) = ([], []);
            Claim(NearestFree(anchors[region.Index]), region);
        }

        bool Unfinished(DemoRegion r) => _regions[r].Count < counts[r.Index];

        // Hexes already handed from one region to another stay put, so two boxed-in regions cannot swap one back and forth.
        var handedOver = new HashSet<HexCell>();
        while (growing.Where(Unfinished).MinBy(r => (double)_regions[r].Count / counts[r.Index]) is { } next)
        {
            var anchor = anchors[next.Index];
            if (_edges[next].Count > 0)
            {
                // Never take the last free hex of a region that still has to grow: it would be boxed in.
                var lifelines = growing.Where(r => r != next && Unfinished(r) && _edges[r].Count == 1).Select(r => _edges[r].Single()).ToHashSet();
                var options = _edges[next].Where(c => !lifelines.Contains(c)).ToList() is { Count: > 0 } safe ? safe : [.. _edges[next]];
                Claim(options.MinBy(c => (Score(c, anchor), c.R, c.Q)), next);
            }
            else if (Steal(next, growing, handedOver) is { } cell)
            {
                handedOver.Add(cell);
                Move(cell, next);
            }
            else
            {
                Claim(NearestFree(anchor), next); // should not happen: a seat off its cluster beats no seat
            }
        }
    }

    /// <summary>Makes the hexes round a region sea, so the regions grown later keep their distance (the Irish Sea).</summary>
    public void AddSea(DemoRegion region)
    {
        foreach (var cell in _regions.GetValueOrDefault(region) ?? [])
        {
            _sea.UnionWith(cell.Neighbours().Where(n => !_land.ContainsKey(n)));
        }
    }

    /// <summary>
    /// Moves any piece of Great Britain that grew apart from the rest (it happens when a small House puts single seats
    /// a hex or two apart) to the nearest place where it touches the rest, whole, so its regions keep their shapes.
    /// </summary>
    public void PullAshore()
    {
        while (Pieces(_land.Where(l => l.Value.IsGreatBritain).Select(l => l.Key).ToHashSet()) is { Count: > 1 } pieces)
        {
            var piece = pieces.MinBy(p => (p.Count, p.Min(c => (c.R, c.Q))))!;
            var rest = _land.Keys.Where(c => !piece.Contains(c) && _land[c].IsGreatBritain).ToHashSet();
            var span = _land.Keys.Max(c => c.Q) - _land.Keys.Min(c => c.Q) + _land.Keys.Max(c => c.R) - _land.Keys.Min(c => c.R) + 2;

            // Shifting by whole pairs of rows keeps every row's half-hex offset, so the piece keeps its exact shape.
            var shift = (
                from dq in Enumerable.Range(-span, (2 * span) + 1)
                from half in Enumerable.Range(-span, (2 * span) + 1)
                orderby new HexCell(dq, 2 * half).DistanceTo(0, 0), half, dq
                select (dq, Rows: 2 * half)).First(s => Fits(piece, rest, s.dq, s.Rows));

            var owners = piece.Select(c => (Cell: c, Region: _land[c])).ToList();
            foreach (var (cell, region) in owners)
            {
                _land.Remove(cell);
                _regions[region].Remove(cell);
            }

            foreach (var (cell, region) in owners)
            {
                var moved = new HexCell(cell.Q + shift.dq, cell.R + shift.Rows);
                _land.Add(moved, region);
                _regions[region].Add(moved);
            }
        }
    }

    /// <summary>The seats by region, north to south, west to east; moved so the top row is 0 or -1 and the west edge is column 0.</summary>
    public List<DemoSeat> Seats()
    {
        var top = _land.Keys.Max(c => c.R);

        // Moving by an even number of rows keeps each row's parity, and with it the odd-r shift.
        var down = top + (top & 1);
        var west = _land.Keys.Min(c => c.Q);
        return
        [
            .. _land.OrderBy(l => l.Value.Index).ThenByDescending(l => l.Key.R).ThenBy(l => l.Key.Q)
                .Select(l => new DemoSeat(l.Value, new HexCell(l.Key.Q - west, l.Key.R - down))),
        ];
    }

    /// <summary>Whether a piece moved by (dq, rows) lands on open water only and touches the rest of the land.</summary>
    private bool Fits(HashSet<HexCell> piece, HashSet<HexCell> rest, int dq, int rows)
    {
        var moved = piece.Select(c => new HexCell(c.Q + dq, c.R + rows)).ToList();
        return moved.All(c => !_sea.Contains(c) && (!_land.ContainsKey(c) || piece.Contains(c)))
            && moved.Any(c => c.Neighbours().Any(rest.Contains));
    }

    private static List<HashSet<HexCell>> Pieces(HashSet<HexCell> cells)
    {
        var pieces = new List<HashSet<HexCell>>();
        var seen = new HashSet<HexCell>();
        foreach (var start in cells.OrderBy(c => (c.R, c.Q)).Where(seen.Add))
        {
            var piece = new HashSet<HexCell> { start };
            var stack = new Stack<HexCell>([start]);
            while (stack.TryPop(out var cell))
            {
                foreach (var n in cell.Neighbours().Where(n => cells.Contains(n) && seen.Add(n)))
                {
                    piece.Add(n);
                    stack.Push(n);
                }
            }

            pieces.Add(piece);
        }

        return pieces;
    }

    private void Claim(HexCell cell, DemoRegion region)
    {
        _land.Add(cell, region);
        _regions[region].Add(cell);
        foreach (var edge in _edges.Values)
        {
            edge.Remove(cell);
        }

        _edges[region].UnionWith(cell.Neighbours().Where(IsFree));
    }

    /// <summary>
    /// For a region boxed in by its neighbours: a neighbouring hex it can take over without splitting the region that
    /// has it. The one nearest open land (counted in hexes across land) goes, so the shortfall passes to a region
    /// nearer the coast, which grows there; the boxed-in region stays in one piece.
    /// </summary>
    private HexCell? Steal(DemoRegion region, List<DemoRegion> growing, HashSet<HexCell> handedOver)
    {
        var toOpenLand = StepsToOpenLand();
        return _regions[region]
            .SelectMany(c => c.Neighbours())
            .Distinct()
            .Where(c => !handedOver.Contains(c) && _land.TryGetValue(c, out var owner) && owner != region && growing.Contains(owner)
                && _regions[owner].Count > 1 && Pieces([.. _regions[owner].Where(o => o != c)]).Count == 1)
            .OrderBy(c => (toOpenLand[c], c.R, c.Q))
            .Select(c => (HexCell?)c)
            .FirstOrDefault();
    }

    /// <summary>For every land hex, how many steps across land it is from one that borders open land.</summary>
    private Dictionary<HexCell, int> StepsToOpenLand()
    {
        var steps = _land.Keys.Where(c => c.Neighbours().Any(IsFree)).ToDictionary(c => c, _ => 0);
        var queue = new Queue<HexCell>(steps.Keys);
        while (queue.TryDequeue(out var cell))
        {
            foreach (var n in cell.Neighbours().Where(n => _land.ContainsKey(n) && !steps.ContainsKey(n)))
            {
                steps[n] = steps[cell] + 1;
                queue.Enqueue(n);
            }
        }

        return steps;
    }

    private void Move(HexCell cell, DemoRegion region)
    {
        var from = _land[cell];
        _land[cell] = region;
        _regions[from].Remove(cell);
        _regions[region].Add(cell);
        _edges[from] = [.. _regions[from].SelectMany(c => c.Neighbours()).Where(IsFree)];
        _edges[region].UnionWith(cell.Neighbours().Where(IsFree));
    }

    private bool IsFree(HexCell cell) => !_land.ContainsKey(cell) && !_sea.Contains(cell);

    /// <summary>Closer to the region's centre is better; hexes with land on more sides are better still (no ragged coast).</summary>
    private double Score(HexCell cell, (double X, double Y) anchor) =>
        cell.DistanceTo(anchor.X, anchor.Y)
        - (CompactnessPull * cell.Neighbours().Count(_land.ContainsKey))
        + Jitter(cell);

    /// <summary>A fixed pseudo-random nudge per hex, so coastlines are irregular and yet the same every time for a seed.</summary>
    private double Jitter(HexCell cell)
    {
        var h = unchecked((uint)((cell.Q * 73_856_093) ^ (cell.R * 19_349_663) ^ salt));
        h ^= h >> 16;
        h = unchecked(h * 0x7FEB352D);
        h ^= h >> 15;
        return h % 1000 / 1000.0 * 0.4;
    }

    private HexCell NearestFree((double X, double Y) anchor)
    {
        var start = HexCell.Nearest(anchor.X, anchor.Y);
        var seen = new HashSet<HexCell> { start };
        var queue = new Queue<HexCell>([start]);
        var found = new List<HexCell>();

        // Breadth first, one ring at a time; of the free hexes in the first ring that has any, the closest wins.
        while (found.Count == 0)
        {
            var ring = queue.Count;
            for (var i = 0; i < ring; i++)
            {
                var cell = queue.Dequeue();
                if (IsFree(cell))
                {
                    found.Add(cell);
                }

                foreach (var n in cell.Neighbours().Where(seen.Add))
                {
                    queue.Enqueue(n);
                }
            }
        }

        return found.MinBy(c => (c.DistanceTo(anchor.X, anchor.Y), c.R, c.Q));
    }
}
