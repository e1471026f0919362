using System.Globalization;

using Microsoft.AspNetCore.Components;

using ResultsLive.Core.Arithmetic;
using ResultsLive.Core.Model;
using ResultsLive.Feed;
using ResultsLive.Import;
using ResultsLive.Web.Shared.Markup;

using HexJsonMap = ResultsLive.Import.HexMap;

namespace ResultsLive.Web.Public.Controls;

/// <summary>
/// The hex map's geometry and markup for one election, computed once and shared by every circuit: cell positions from
/// the HexJSON layout (or a plain grid when there is none), and the SVG of each band of cells for a given snapshot.
/// </summary>
/// <remarks>
/// Cells are grouped into bands of <see cref="BandSize"/>. A band's markup is rebuilt only when one of its seats changed
/// (a new result object or a new status), and the result is cached per snapshot, so a declaration costs one band's
/// markup once per node, whatever the number of pages open; each page's diff then sends just that band to its browser.
/// Holding the markup as shared strings rather than a component per cell keeps an idle page's server memory small.
/// </remarks>
public sealed class HexMapLayout
{
    /// <summary>Cells per band: small enough that a declaration re-sends little, large enough that a page holds few frames.</summary>
    public const int BandSize = 16;

    /// <summary>Width of a cell in SVG units; pointy-top hexes, as HexJSON's "-r" layouts are.</summary>
    public const double CellWidth = 10;

    private const double Margin = 6;

    private static readonly double Radius = CellWidth / Math.Sqrt(3);
    private static readonly double RowHeight = Radius * 1.5;

    private readonly Election _election;
    private readonly Cell?[] _cells;
    private readonly int[][] _bands;
    private readonly IReadOnlyList<RegionOutline> _outlines;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, MarkupString> _outlineMarkup = new(StringComparer.Ordinal);
    private Rendered? _last;

    public HexMapLayout(Election election, HexJsonMap? map)
    {
        ArgumentNullException.ThrowIfNull(election);
        _election = election;
        var hexes = new Hex?[election.SeatCount];
        var placed = 0;
        if (map is not null)
        {
            for (var i = 0; i < election.SeatCount; i++)
            {
                if (map.Hexes.TryGetValue(election.Constituencies[i].Code, out var hex))
                {
                    hexes[i] = hex;
                    placed++;
                }
            }
        }

        IsGrid = placed == 0;
        Layout = IsGrid ? "odd-r" : map!.Layout;
        if (IsGrid)
        {
            // No map for this election: a compact grid in the election's order (region by region), still one cell per seat.
            var columns = Math.Max(1, (int)Math.Ceiling(Math.Sqrt(election.SeatCount * 1.6)));
            for (var i = 0; i < election.SeatCount; i++)
            {
                var c = election.Constituencies[i];
                hexes[i] = new Hex(c.Code, c.Name, i % columns, -(i / columns), c.Region);
            }

            placed = election.SeatCount;
        }

        Placed = placed;
        (_cells, ViewBox) = Place(hexes, Layout);
        _outlines = Outlines(election, hexes, _cells, Layout);
        _bands = [.. Enumerable.Range(0, election.SeatCount)
            .Where(i => _cells[i] is not null)
            .OrderBy(i => _cells[i]!.Value.Y)
            .ThenBy(i => _cells[i]!.Value.X)
            .Chunk(BandSize)];
    }

    /// <summary>True when the election has no hex map and the seats are drawn as a plain grid instead.</summary>
    public bool IsGrid { get; }

    public string Layout { get; }

    /// <summary>How many of the election's seats have a cell.</summary>
    public int Placed { get; }

    public string ViewBox { get; }

    public int BandCount => _bands.Length;

    /// <summary>The SVG markup of every band for this snapshot, reusing the bands whose seats did not change.</summary>
    public IReadOnlyList<MarkupString> Render(LiveSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var last = Volatile.Read(ref _last);
        if (ReferenceEquals(last?.Snapshot, snapshot))
        {
            return last!.Bands;
        }

        var bands = new MarkupString[_bands.Length];
        for (var b = 0; b < _bands.Length; b++)
        {
            bands[b] = last is not null && Unchanged(last.Snapshot, snapshot, _bands[b]) ? last.Bands[b] : Band(snapshot, _bands[b]);
        }

        // Two pages racing here build the same strings; whichever is stored is as good as the other.
        Volatile.Write(ref _last, new Rendered(snapshot, bands));
        return bands;
    }

    /// <summary>
    /// The map in another mode, or one area's seats only: every cell drawn afresh (once per part version on a node, as
    /// fragments are), with the view box fitted to the cells drawn.
    /// </summary>
    public (string ViewBox, MarkupString Cells) Render(LiveSnapshot snapshot, MapMode mode, Func<Constituency, bool>? within)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(mode);
        var seats = Enumerable.Range(0, _election.SeatCount)
            .Where(i => _cells[i] is not null && (within is null || within(_election.Constituencies[i])))
            .OrderBy(i => _cells[i]!.Value.Y)
            .ThenBy(i => _cells[i]!.Value.X)
            .ToArray();
        if (seats.Length == 0)
        {
            return (ViewBox, default);
        }

        var viewBox = ViewBox;
        if (within is not null)
        {
            var pad = (CellWidth / 2) + Margin;
            var (minX, maxX) = (seats.Min(i => _cells[i]!.Value.X) - pad, seats.Max(i => _cells[i]!.Value.X) + pad);
            var (minY, maxY) = (seats.Min(i => _cells[i]!.Value.Y) - Radius - Margin, seats.Max(i => _cells[i]!.Value.Y) + Radius + Margin);
            viewBox = string.Create(CultureInfo.InvariantCulture, $"{minX:0.#} {minY:0.#} {maxX - minX:0.#} {maxY - minY:0.#}");
        }

        return (viewBox, Cells(snapshot, seats, mode));
    }

    /// <summary>Each region's outline and label, worked out once from the layout: the regions of the hex file, or the election's.</summary>
    public IReadOnlyList<RegionOutline> RegionOutlines => _outlines;

    /// <summary>
    /// The outlines of the regions with a seat drawn (every region, or those of one nation or region: <paramref name="area"/>
    /// names it and <paramref name="within"/> picks its seats) and their labels, as SVG drawn over the cells: decorative
    /// (the cells carry the names), so hidden from assistive technology and from the pointer. Built once per area.
    /// </summary>
    public MarkupString Outlines(string area, Func<Constituency, bool>? within)
    {
        ArgumentNullException.ThrowIfNull(area);
        return _outlineMarkup.GetOrAdd(area, _ =>
        {
            var shown = _outlines.Where(o => within is null || o.Seats.Any(i => within(_election.Constituencies[i]))).ToList();
            var html = new HtmlWriter(shown.Sum(o => o.Path.Length + 120)).Open("g").Attr("class", "hexmap-regions").Attr("aria-hidden", "true");
            foreach (var outline in shown)
            {
                html.Open("path").Attr("class", "region-outline").Attr("data-region", outline.Name).Attr("d", outline.Path).End();
            }

            html.Close("g");

            // One region's own map needs no label: its name heads the page.
            if (shown.Count > 1)
            {
                html.Open("g").Attr("class", "hexmap-labels").Attr("aria-hidden", "true");
                foreach (var outline in shown)
                {
                    html.Open("text").Attr("x", outline.LabelX.ToString("0.#", CultureInfo.InvariantCulture)).Attr("y", outline.LabelY.ToString("0.#", CultureInfo.InvariantCulture))
                        .Attr("text-anchor", "middle").Text(outline.Label).Close("text");
                }

                html.Close("g");
            }

            return new MarkupString(html.ToString());
        });
    }

    /// <summary>The cell of a seat (its centre in SVG units), or null when the map does not have it.</summary>
    public (double X, double Y)? CellOf(string code) =>
        _election.ConstituencyIndex(code) is var i and >= 0 && _cells[i] is { } cell ? (cell.X, cell.Y) : null;

    /// <summary>The key: every party with a seat (colour and code), then awaiting, counting and recount.</summary>
    public static string Legend(NationalSnapshot national)
    {
        ArgumentNullException.ThrowIfNull(national);
        var html = new HtmlWriter().Open("ul").Attr("class", "hexmap-legend").Attr("aria-label", "Key to the map");
        foreach (var party in national.Parties.Where(p => p.Seats > 0).Select(p => p.Party))
        {
            html.Open("li")
                .Open("span").Attr("class", "swatch").Attr("style", "background:" + HtmlWriter.Colour(party.Colour)).Attr("aria-hidden", "true").Close("span")
                .Element("span", "code", party.Code).Text(" " + party.Name)
                .Close("li");
        }

        return html
            .Open("li").Open("span").Attr("class", "swatch awaiting").Attr("aria-hidden", "true").Close("span").Text("Awaiting").Close("li")
            .Open("li").Open("span").Attr("class", "swatch counting").Attr("aria-hidden", "true").Close("span").Text("Counting").Close("li")
            .Open("li").Open("svg").Attr("class", "swatch-svg").Attr("viewBox", "0 0 12 12").Attr("aria-hidden", "true")
            .Open("rect").Attr("x", "0.5").Attr("y", "0.5").Attr("width", "11").Attr("height", "11").Attr("fill", "#6B6B6B").End()
            .Open("rect").Attr("x", "0.5").Attr("y", "0.5").Attr("width", "11").Attr("height", "11").Attr("fill", "url(#rl-recount)").Attr("stroke", "#1b2430").Attr("stroke-dasharray", "2 1.2").End()
            .Close("svg").Text("Recount (hatched)").Close("li")
            .Close("ul")
            .ToString();
    }

    /// <summary>The accessible and hover text of a seat's cell.</summary>
    public static string Title(Constituency constituency, SeatStatus status, SeatResult? seat)
    {
        ArgumentNullException.ThrowIfNull(constituency);
        return (status, seat) switch
        {
            (SeatStatus.Recount, { } s) => $"{constituency.Name}: recount; declared {s.Result}, {s.Winner.Name}",
            (SeatStatus.Recount, null) => $"{constituency.Name}: recount",
            (_, { } s) => $"{constituency.Name}: {s.Result}, {s.Winner.Name}",
            (SeatStatus.Counting, null) => $"{constituency.Name}: counting",
            _ => $"{constituency.Name}: awaiting result",
        };
    }

    private static bool Unchanged(LiveSnapshot before, LiveSnapshot now, int[] band)
    {
        foreach (var i in band)
        {
            if (!ReferenceEquals(before.Seats[i], now.Seats[i]) || before.Statuses[i] != now.Statuses[i])
            {
                return false;
            }
        }

        return true;
    }

    private MarkupString Band(LiveSnapshot snapshot, int[] band) => Cells(snapshot, band, MapMode.Winner, ReferenceEquals(band, _bands[0]));

    private MarkupString Cells(LiveSnapshot snapshot, int[] band, MapMode mode, bool first = true)
    {
        var markup = new HtmlWriter(band.Length * 160);
        foreach (var i in band)
        {
            var cell = _cells[i]!.Value;
            var constituency = _election.Constituencies[i];
            var status = snapshot.Statuses[i];
            var seat = snapshot.Seats[i];
            var (fill, css) = mode.Colour(_election, status, seat);
            var title = Title(constituency, status, seat);
            if (mode.Figure(seat) is { } figure)
            {
                title += "; " + figure;
            }

            var x = cell.X.ToString("0.##", CultureInfo.InvariantCulture);
            var y = cell.Y.ToString("0.##", CultureInfo.InvariantCulture);
            // One tab stop for the whole map (the first seat); the arrow keys move between seats (public.js), so a keyboard
            // reader does not tab through 650 links to reach what follows.
            markup.Open("a").Url("href", PublicSurface.SeatPath, constituency.Code).Attr("class", css).Attr("data-seat", constituency.Code)
                .Attr("tabindex", first && i == band[0] ? "0" : "-1")
                .Attr("data-party", seat?.Winner.Party)
                .Open("title").Text(title).Close("title")
                .Open("use").Attr("href", "#rl-hex").Attr("x", x).Attr("y", y).Attr("fill", HtmlWriter.Colour(fill)).End();
            if (status == SeatStatus.Recount)
            {
                markup.Open("use").Attr("href", "#rl-hex").Attr("x", x).Attr("y", y).Attr("fill", "url(#rl-recount)").Attr("class", "hatch").End();
            }

            markup.Close("a");
        }

        return new MarkupString(markup.ToString());
    }

    /// <summary>
    /// Groups the cells by the hex file's region (the seat's own region where the file gives none) and outlines each group;
    /// a region is named as most of its seats' regions are, and labelled at the middle of its cells.
    /// </summary>
    private static List<RegionOutline> Outlines(Election election, Hex?[] hexes, Cell?[] cells, string layout)
    {
        var placed = Enumerable.Range(0, hexes.Length).Where(i => hexes[i] is not null && cells[i] is not null)
            .Select(i => (Index: i, Hex: hexes[i]! with { Region = hexes[i]!.Region is { Length: > 0 } region ? region : election.Constituencies[i].Region }))
            .ToList();
        var index = placed.ToDictionary(p => p.Hex, p => p.Index);
        var boundaries = HexOutlines.Boundaries([.. placed.Select(p => p.Hex)], layout);
        var outlines = new List<RegionOutline>();
        foreach (var group in placed.GroupBy(p => p.Hex.Region, StringComparer.Ordinal))
        {
            var seats = group.Select(p => p.Index).ToArray();
            var name = seats.GroupBy(i => election.Constituencies[i].Region, StringComparer.Ordinal).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).First().Key;
            var path = HexOutlines.Path(boundaries[group.Key], hex => (cells[index[hex]]!.Value.X, cells[index[hex]]!.Value.Y), CellWidth);
            outlines.Add(new RegionOutline(name, ShortName(name), path, seats.Average(i => cells[i]!.Value.X), seats.Average(i => cells[i]!.Value.Y), seats));
        }

        return outlines;
    }

    /// <summary>A label short enough to sit on the map without covering much of it.</summary>
    private static string ShortName(string region) => region switch
    {
        "Yorkshire and The Humber" => "Yorks & Humber",
        "East of England" => "East",
        "Northern Ireland" => "N. Ireland",
        _ => region,
    };

    private static (Cell?[] Cells, string ViewBox) Place(Hex?[] hexes, string layout)
    {
        var present = hexes.Where(h => h is not null).Select(h => h!).ToList();
        var maxR = present.Max(h => h.R);
        var oddShift = !string.Equals(layout, "even-r", StringComparison.OrdinalIgnoreCase);
        var raw = hexes.Select(h => h is null ? (Cell?)null : new Cell(
            (h.Q * CellWidth) + (IsShifted(h.R, oddShift) ? CellWidth / 2 : 0),

            // HexJSON rows count upward (north is a larger r); the screen's y counts downward.
            (maxR - h.R) * RowHeight)).ToArray();

        var minX = raw.Where(c => c is not null).Min(c => c!.Value.X) - (CellWidth / 2) - Margin;
        var maxX = raw.Where(c => c is not null).Max(c => c!.Value.X) + (CellWidth / 2) + Margin;
        var maxY = raw.Where(c => c is not null).Max(c => c!.Value.Y) + Radius + Margin;
        var shifted = raw.Select(c => c is { } cell ? new Cell(cell.X - minX, cell.Y + Radius + Margin) : (Cell?)null).ToArray();
        var viewBox = string.Create(CultureInfo.InvariantCulture, $"0 0 {maxX - minX:0.#} {maxY + Radius + Margin:0.#}");
        return (shifted, viewBox);
    }

    /// <summary>Whether a row sits half a cell east: odd rows for "odd-r", even rows for "even-r" (two's complement keeps negative rows right).</summary>
    private static bool IsShifted(int row, bool odd) => ((row & 1) == 1) == odd;

    /// <summary>The SVG path of one cell centred on the origin, referenced by every cell through &lt;use&gt;.</summary>
    public static string CellPath { get; } = BuildCellPath();

    private static string BuildCellPath()
    {
        // Slightly inset, so neighbouring cells show a hairline gap and stay distinct.
        var (w, r) = (CellWidth / 2 * 0.94, Radius * 0.94);
        return string.Create(
            CultureInfo.InvariantCulture,
            $"M0 {-r:0.###}L{w:0.###} {-r / 2:0.###}L{w:0.###} {r / 2:0.###}L0 {r:0.###}L{-w:0.###} {r / 2:0.###}L{-w:0.###} {-r / 2:0.###}Z");
    }

    private readonly record struct Cell(double X, double Y);

    /// <summary>A region on the map: its name, its label, the SVG path of its boundary, where its label sits, and its seats' indexes.</summary>
    public sealed record RegionOutline(string Name, string Label, string Path, double LabelX, double LabelY, IReadOnlyList<int> Seats);

    private sealed record Rendered(LiveSnapshot Snapshot, MarkupString[] Bands);
}

/// <summary>The map's neutral colours: grey until a seat declares, a darker grey while it counts.</summary>
public static class HexColours
{
    public const string Awaiting = "#D9DEE4";
    public const string Counting = "#A9B3BF";

    /// <summary>A declared seat the map's mode does not pick out (a hold on the gains map).</summary>
    public const string Held = "#EEF0F3";

    /// <summary>A declared seat without the mode's figure (the party did not stand; no turnout given).</summary>
    public const string NoFigure = "#FFFFFF";
}
