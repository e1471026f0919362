using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;

using ResultsLive.Core.Arithmetic;
using ResultsLive.Core.Model;
using ResultsLive.Web.Shared.Markup;

namespace ResultsLive.Web.Shared.Charts;

/// <summary>
/// The ApexCharts definitions of the results charts: what is drawn, in party colours, with the majority line. A singleton
/// render cache: each definition is built once per snapshot (or result) and shared by every page that draws it.
/// </summary>
public sealed class ResultsCharts
{
    /// <summary>Parties drawn individually in the vote-share chart; the rest are summed as "Others".</summary>
    public const int ShareChartParties = 7;

    private const string Ink = "#1b2430";
    private const string Muted = "#5b6675";
    private const string Grid = "#e3e7ec";

    private readonly ConditionalWeakTable<NationalSnapshot, ChartDefinition> _seatCharts = new();
    private readonly ConditionalWeakTable<NationalSnapshot, ChartDefinition> _shareCharts = new();
    private readonly ConditionalWeakTable<SeatResult, ChartDefinition> _candidateCharts = new();

    /// <summary>Seats won per party as horizontal bars, with the majority threshold drawn as a line across them.</summary>
    public ChartDefinition Seats(NationalSnapshot national)
    {
        ArgumentNullException.ThrowIfNull(national);
        return _seatCharts.GetValue(national, static n => BuildSeats(n));
    }

    /// <summary>National vote share per party, the largest few individually and the rest as "Others".</summary>
    public ChartDefinition Share(NationalSnapshot national)
    {
        ArgumentNullException.ThrowIfNull(national);
        return _shareCharts.GetValue(national, static n => BuildShare(n));
    }

    /// <summary>A seat's candidates as bars of their share of the vote.</summary>
    public ChartDefinition Candidates(Election election, SeatResult seat)
    {
        ArgumentNullException.ThrowIfNull(election);
        ArgumentNullException.ThrowIfNull(seat);
        return _candidateCharts.GetValue(seat, s => BuildCandidates(election, s));
    }

    private static ChartDefinition BuildSeats(NationalSnapshot national)
    {
        var parties = SeatParties(national);
        var most = parties.Count == 0 ? 0 : parties.Max(p => p.Seats);
        var max = RoundUp(Math.Max(most, national.MajorityThreshold) * 1.12, 50);

        var options = BarOptions(parties.Select(p => p.Party.Code), parties.Select(p => p.Party.Colour), "seats");
        options["xaxis"]!["max"] = max;
        options["xaxis"]!["tickAmount"] = (int)(max / 50);
        options["annotations"] = new JsonObject
        {
            ["xaxis"] = new JsonArray(new JsonObject
            {
                ["x"] = national.MajorityThreshold,
                ["borderColor"] = Ink,
                ["strokeDashArray"] = 0,
                ["borderWidth"] = 2,
                ["label"] = new JsonObject
                {
                    ["text"] = string.Create(CultureInfo.InvariantCulture, $"{national.MajorityThreshold} for a majority"),
                    ["orientation"] = "horizontal",
                    ["position"] = "top",

                    // Right-aligned to the line, so the label stays inside the plot on a narrow phone.
                    ["textAnchor"] = "end",
                    ["offsetX"] = 1,
                    ["borderColor"] = Ink,
                    ["style"] = new JsonObject { ["background"] = Ink, ["color"] = "#fff", ["fontSize"] = "12px", ["fontWeight"] = 600 },
                },
            }),
        };
        return ChartDefinition.From(options, [new ChartSeries("Seats", [.. parties.Select(p => (double)p.Seats)])]);
    }

    private static ChartDefinition BuildShare(NationalSnapshot national)
    {
        var ranked = national.Parties.Where(p => p.Votes > 0).OrderByDescending(p => p.Votes).ToList();
        var shown = ranked.Take(ShareChartParties).ToList();
        var others = ranked.Skip(ShareChartParties).Sum(p => p.Share);

        var codes = shown.Select(p => p.Party.Code).ToList();
        var colours = shown.Select(p => p.Party.Colour).ToList();
        var values = shown.Select(p => Math.Round(p.Share, 1)).ToList();
        if (others > 0)
        {
            codes.Add("Others");
            colours.Add(PartyCatalog.UnknownColour);
            values.Add(Math.Round(others, 1));
        }

        var options = BarOptions(codes, colours, "%");
        options["xaxis"]!["max"] = RoundUp(Math.Max(10, values.DefaultIfEmpty(0).Max() * 1.15), 10);
        return ChartDefinition.From(options, [new ChartSeries("Share of the vote", values)]);
    }

    private static ChartDefinition BuildCandidates(Election election, SeatResult seat)
    {
        var labels = seat.Candidates.Select(c => $"{Surname(c.Name)} ({c.Party})");
        var colours = seat.Candidates.Select(c => Format.Party(election, c.Party).Colour);
        var options = BarOptions(labels, colours, "%");
        options["xaxis"]!["max"] = RoundUp(Math.Max(10, seat.Candidates.Max(c => c.Share) * 1.15), 10);
        return ChartDefinition.From(options, [new ChartSeries("Share of the vote", [.. seat.Candidates.Select(c => Math.Round(c.Share, 1))])]);
    }

    /// <summary>Who goes in the seats chart: every party with a seat; before any, the parties that held seats before.</summary>
    internal static List<PartyStanding> SeatParties(NationalSnapshot national)
    {
        var winners = national.Parties.Where(p => p.Seats > 0).ToList();
        return winners.Count > 0
            ? winners
            : [.. national.Parties.Where(p => p.BaselineSeats > 0).OrderByDescending(p => p.BaselineSeats).Take(6)];
    }

    private static JsonObject BarOptions(IEnumerable<string> categories, IEnumerable<string> colours, string unit)
    {
        var labels = new JsonArray([.. categories.Select(c => (JsonNode)c)]);
        var suffix = unit == "%" ? "%" : "";
        return new JsonObject
        {
            // Not an ApexCharts option: the module turns it into a data-label formatter (functions do not cross JSON).
            ["valueSuffix"] = suffix,
            ["chart"] = new JsonObject
            {
                ["type"] = "bar",
                ["fontFamily"] = "inherit",
                ["foreColor"] = Muted,
                ["toolbar"] = new JsonObject { ["show"] = false },
                ["zoom"] = new JsonObject { ["enabled"] = false },
                // The first draw grows in; updates are drawn at once. An animated update keeps the browser's main thread
                // drawing frames for 300 ms, and a declaration arriving meanwhile waits behind them: with animated updates
                // the measured page showed a new result in 33 ms (p50) instead of 9, and 126 ms (p99) instead of 55 with
                // 100 other pages on the server (infra/scripts/measure-pages.sh).
                ["animations"] = new JsonObject
                {
                    ["enabled"] = true,
                    ["speed"] = 300,
                    ["dynamicAnimation"] = new JsonObject { ["enabled"] = false },
                },
                ["redrawOnParentResize"] = true,
            },
            ["plotOptions"] = new JsonObject
            {
                ["bar"] = new JsonObject
                {
                    ["horizontal"] = true,
                    ["distributed"] = true,
                    ["barHeight"] = "72%",
                    ["borderRadius"] = 2,
                    ["dataLabels"] = new JsonObject { ["position"] = "top" },
                },
            },
            ["colors"] = new JsonArray([.. colours.Select(c => (JsonNode)c)]),
            ["dataLabels"] = new JsonObject
            {
                ["enabled"] = true,

                // One label per bar, each on its own row: they cannot overlap, so ApexCharts need not measure them all
                // again after every redraw to find out.
                ["avoidOverlap"] = false,
                ["textAnchor"] = "start",
                ["offsetX"] = 22,
                ["style"] = new JsonObject { ["colors"] = new JsonArray(Ink), ["fontSize"] = "13px", ["fontWeight"] = 700 },
            },
            ["legend"] = new JsonObject { ["show"] = false },
            ["tooltip"] = new JsonObject { ["enabled"] = false },
            ["states"] = new JsonObject
            {
                ["hover"] = new JsonObject { ["filter"] = new JsonObject { ["type"] = "none" } },
                ["active"] = new JsonObject { ["filter"] = new JsonObject { ["type"] = "none" } },
            },
            ["grid"] = new JsonObject
            {
                ["borderColor"] = Grid,
                ["xaxis"] = new JsonObject { ["lines"] = new JsonObject { ["show"] = true } },
                ["yaxis"] = new JsonObject { ["lines"] = new JsonObject { ["show"] = false } },
                ["padding"] = new JsonObject { ["right"] = 16, ["left"] = 12 },
            },
            ["xaxis"] = new JsonObject
            {
                ["categories"] = labels,
                ["min"] = 0,
                ["labels"] = new JsonObject { ["style"] = new JsonObject { ["fontSize"] = "12px" } },
                ["title"] = new JsonObject { ["text"] = suffix == "%" ? "share of the vote, %" : "seats" },
            },
            // A phone gets fewer ticks and narrower labels, so nothing overlaps or is cut off.
            ["responsive"] = new JsonArray(new JsonObject
            {
                ["breakpoint"] = 640,
                ["options"] = new JsonObject
                {
                    ["xaxis"] = new JsonObject { ["tickAmount"] = 4 },
                    ["yaxis"] = new JsonObject { ["labels"] = new JsonObject { ["maxWidth"] = 150, ["style"] = new JsonObject { ["fontSize"] = "12px" } } },
                    ["dataLabels"] = new JsonObject { ["offsetX"] = 18, ["style"] = new JsonObject { ["fontSize"] = "11px" } },
                },
            }),
            ["yaxis"] = new JsonObject
            {
                ["labels"] = new JsonObject
                {
                    ["maxWidth"] = 200,
                    ["style"] = new JsonObject { ["fontSize"] = "13px", ["fontWeight"] = 600, ["colors"] = Ink },
                },
            },
        };
    }

    private static string Surname(string name) => name.Split(' ', StringSplitOptions.RemoveEmptyEntries) is { Length: > 0 } parts ? parts[^1] : name;

    private static double RoundUp(double value, int step) => Math.Ceiling(value / step) * step;
}
