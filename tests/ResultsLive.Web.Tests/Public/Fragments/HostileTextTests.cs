using AngleSharp.Dom;

using Bunit;

using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

using ResultsLive.Core.Model;
using ResultsLive.Feed;
using ResultsLive.Import;
using ResultsLive.Web.Configuration;
using ResultsLive.Web.Public.Controls;
using ResultsLive.Web.Public.Parts;
using ResultsLive.Web.Shared.Charts;
using ResultsLive.Web.Shared.Markup;

namespace ResultsLive.Web.Tests.Public.Fragments;

/// <summary>
/// Every field that reaches the public HTML (seat, region and nation names, party codes, names and colours, candidates'
/// names, the baseline's name) filled with quotes, markup, ampersands, newlines and non-Latin letters: each part shows the
/// text as text, makes no element or attribute of it, and lets no colour but #RRGGBB into a style.
/// </summary>
public sealed class HostileTextTests : BunitContext
{
    private const string Evil = "\"'<img src=x onerror=alert(1)>&amp;\n Ωμέγα 北京";
    private static readonly string[] Allowed = ["a", "abbr", "caption", "dd", "defs", "details", "div", "dl", "dt", "figcaption", "figure", "g", "h2", "h3", "li", "line", "ol", "p", "path", "pattern", "rect", "section", "span", "strong", "summary", "svg", "table", "tbody", "td", "text", "th", "thead", "time", "title", "tr", "ul", "use"];

    private readonly LiveResults _live;

    public HostileTextTests()
    {
        var seat = new Constituency("E14000001", "Seat " + Evil, "Region " + Evil, "Nation " + Evil, 70_000);
        var other = new Constituency("E14000002", "Other " + Evil, "Region " + Evil, "Nation " + Evil, 70_000);
        var parties = new[]
        {
            new Party("Ev<i>l", "Party " + Evil, "#12345\" onmouseover=\"alert(1)"),
            new Party("Lab", "Labour", "#C8102E"),
        };
        var nominations = new Dictionary<string, IReadOnlyList<Nomination>>
        {
            [seat.Code] = [new Nomination("Candidate " + Evil, "Ev<i>l"), new Nomination("Jo Bloggs", "Lab")],
            [other.Code] = [new Nomination("Another " + Evil, "Ev<i>l"), new Nomination("Ann Other", "Lab")],
        };
        var baseline = new Baseline(BaselineKind.Notional, "Baseline " + Evil, new Dictionary<string, BaselineResult>
        {
            [seat.Code] = new(seat.Code, new Dictionary<string, int> { ["Lab"] = 30_000, ["Ev<i>l"] = 10_000 }, 40_000, "Lab", 60),
            [other.Code] = new(other.Code, new Dictionary<string, int> { ["Lab"] = 30_000, ["Ev<i>l"] = 10_000 }, 40_000, "Lab", 60),
        });
        var election = new Election("hostile", "Election " + Evil, [seat, other], nominations, baseline, parties);
        _live = new LiveResults(election, "test");
        _live.MarkCaughtUp();
        var at = new DateTimeOffset(2024, 7, 5, 1, 0, 0, TimeSpan.FromHours(1));
        _live.Apply(new JournalEntry(1, JournalEntryKind.Declaration, seat.Code, at, new Declaration(seat.Code, 1, at, 70_000, 100, [new("Candidate " + Evil, "Ev<i>l", 25_000), new("Jo Bloggs", "Lab", 20_000)]), null));
        _live.Apply(new JournalEntry(2, JournalEntryKind.Status, other.Code, at, null, SeatStatus.Counting));

        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddSingleton(_live);
        Services.AddSingleton(new ElectionContext(new LoadedElection(election, [], null, new Dictionary<string, DateTimeOffset>()), "test", isDemo: false));
        Services.AddSingleton<ResultsMarkup>();
        Services.AddSingleton<ResultsCharts>();
        Services.AddSingleton<HexMapCache>();
    }

    public static TheoryData<Type> Parts { get; } =
        [typeof(DeclaredPart), typeof(ScoreboardPart), typeof(SharePart), typeof(MapPart), typeof(LatestPart), typeof(GainsPart), typeof(SeatListPart)];

    [Theory]
    [MemberData(nameof(Parts))]
    public void NationalPart_HostileNames_AreTextOnly(Type part)
    {
        var cut = Render(part, new Dictionary<string, object?> { ["Snapshot"] = _live.Current });

        AssertTextOnly(cut.Nodes);
    }

    [Theory]
    [InlineData("E14000001")]
    [InlineData("E14000002")]
    public void SeatPart_HostileNames_AreTextOnlyAndReadBackExactly(string code)
    {
        var snapshot = _live.Current;

        var cut = Render(typeof(SeatPart), new Dictionary<string, object?> { ["Snapshot"] = snapshot, ["Constituency"] = snapshot.Election.FindConstituency(code) });

        AssertTextOnly(cut.Nodes);
        var text = cut.Nodes.Select(n => n.TextContent).Aggregate(string.Concat);
        Assert.Contains(code == "E14000001" ? "Candidate " + Evil : "Another " + Evil, text, StringComparison.Ordinal);
        Assert.Contains("Baseline " + Evil, text, StringComparison.Ordinal);
    }

    private IRenderedComponent<DynamicComponent> Render(Type part, Dictionary<string, object?> parameters) =>
        Render<DynamicComponent>(p => p.Add(c => c.Type, part).Add(c => c.Parameters, parameters!));

    private static void AssertTextOnly(INodeList nodes)
    {
        foreach (var element in nodes.OfType<IElement>().SelectMany(e => e.DescendantsAndSelf<IElement>()))
        {
            Assert.Contains(element.LocalName, Allowed);
            foreach (var attribute in element.Attributes)
            {
                Assert.False(attribute.Name.StartsWith("on", StringComparison.Ordinal), $"{element.LocalName} has {attribute.Name}");
                if (attribute.Name == "style")
                {
                    Assert.Matches("^(--party:#[0-9A-Fa-f]{6}|background:#[0-9A-Fa-f]{6}|transform:scaleX\\([0-9.]+\\)|min-height: [0-9]+px)$", attribute.Value);
                }
            }
        }
    }
}
