using System.CommandLine;
using System.Text.Json.Nodes;

using Microsoft.Playwright;

using ResultsLive.Cli;
using ResultsLive.Cli.Graphics;
using ResultsLive.Web.Tests.Browser;

namespace ResultsLive.Web.Tests.Graphics;

/// <summary>
/// <c>resultslive graphics preflight</c> on a sample of the 2024 seats (the full 650 is a tool run, see README), and proof
/// that each of its checks finds what it is for: a glyph the embedded font lacks, a name that cannot fit; a colour too pale
/// for white text or its track is drawn readably.
/// </summary>
public sealed class GraphicsPreflightTests(TemplateFixture site) : IClassFixture<TemplateFixture>
{
    [Fact]
    public async Task Preflight_SampleOf2024Seats_FindsNothingWrong()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = await CliApp.Create().Parse(["graphics", "preflight", "--url", site.Node.BaseAddress.ToString(), "--seats", "12"])
            .InvokeAsync(new InvocationConfiguration { Output = output, Error = error });

        Assert.True(exit == 0, output + error.ToString());
        Assert.Contains("preflight: 31 renders for 12 seats, 0 problems", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Preflight_NamesThatWouldBreakOnAir_AreEachReported()
    {
        var seat = JsonNode.Parse(await site.Node.GetStringAsync("/api/v1/constituencies/E14001305"))!;
        // Armenian: the machine's DejaVu Sans has it, the embedded Noto Sans subsets do not, so Chromium falls back to it.
        var fallback = seat.DeepClone();
        fallback["winner"]!["name"] = "Աշոտ Corbyn";
        // Cherokee: no font here has it, so it would be drawn as boxes.
        var boxes = seat.DeepClone();
        boxes["winner"]!["name"] = "ᏣᎳᎩ Corbyn";
        var overlong = seat.DeepClone();
        overlong["name"] = string.Concat(Enumerable.Repeat("Islington North and ", 12)) + "Beyond";
        var national = JsonNode.Parse(await site.Node.GetStringAsync("/api/v1/results"))!;
        national["parties"]![0]!["seats"] = 300;
        national["parties"]![0]!["colour"] = "#FFFF00";
        var problems = new List<PreflightProblem>();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await LiveSiteFixture.LaunchAsync(playwright);
        var preflight = new Preflight(site.Node.BaseAddress, "/usr/bin/chromium", TextWriter.Null);

        await preflight.RenderAsync(browser, "seat-result", [("fallback", fallback.ToJsonString()), ("boxes", boxes.ToJsonString()), ("overlong", overlong.ToJsonString())], problems, CancellationToken.None);
        await preflight.RenderAsync(browser, "scoreboard", [("yellow", national.ToJsonString())], problems, CancellationToken.None);

        var found = string.Join(Environment.NewLine, problems);
        Assert.True(problems.Any(p => p is { Subject: "fallback", Check: "font" } && p.Detail.Contains("DejaVu", StringComparison.Ordinal)), found);
        Assert.True(problems.Any(p => p is { Subject: "boxes", Check: "font" } && p.Detail.Contains("U+13E3", StringComparison.Ordinal)), found);
        Assert.True(problems.Any(p => p is { Subject: "overlong", Check: "overflow" }), found);
        // A pale colour from the data is drawn with a dark edge (RL.paint), so it stands out from the pale track it sits on.
        Assert.DoesNotContain(problems, p => p.Subject == "yellow");
        Assert.DoesNotContain(problems, p => p.Subject is "fallback" or "boxes" && p.Check != "font");
    }

    [Fact]
    public async Task Preflight_WinnerInTheSnpsYellow_IsReadable()
    {
        // The SNP's yellow is the one catalogue colour white text fails on: the templates must paint its boxes in dark ink.
        var seat = JsonNode.Parse(await site.Node.GetStringAsync("/api/v1/constituencies/E14001305"))!;
        seat["winner"]!["party"] = "SNP";
        seat["winner"]!["colour"] = "#FFE24A";
        var problems = new List<PreflightProblem>();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await LiveSiteFixture.LaunchAsync(playwright);
        var preflight = new Preflight(site.Node.BaseAddress, "/usr/bin/chromium", TextWriter.Null);

        await preflight.RenderAsync(browser, "seat-result", [("snp", seat.ToJsonString())], problems, CancellationToken.None);
        await preflight.RenderAsync(browser, "seat-full", [("snp", seat.ToJsonString())], problems, CancellationToken.None);

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }
}
