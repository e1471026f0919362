using Bunit;

using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

using ResultsLive.Web.Configuration;
using ResultsLive.Web.Graphics;
using ResultsLive.Web.Graphics.CasparCg;
using ResultsLive.Web.Operator.Console;
using ResultsLive.Web.Shared.Live;
using ResultsLive.Web.Tests.Graphics;

using static ResultsLive.Web.Tests.Graphics.Election2024;

namespace ResultsLive.Web.Tests.Operator.Console;

/// <summary>The operator console on the 2024 night: the results stack, keys, tally, hold and Update, and what it says when a node goes quiet.</summary>
public sealed class GraphicsConsoleTests : BunitContext, IAsyncLifetime
{
    private readonly GraphicsHarness _graphics = new();
    private readonly GraphicsNodes _nodes;
    private readonly ServiceProvider _noRedis = new ServiceCollection().BuildServiceProvider();

    public GraphicsConsoleTests()
    {
        var options = Options.Create(new GraphicsOptions { NodeTimeout = TimeSpan.FromSeconds(3) });
        options.Value.Channels[GraphicsSettings.Channel] = new ChannelOptions { OutputKey = GraphicsSettings.OutputKey };
        var election = new ElectionContext(Loaded, "test", isDemo: false);
        // A node without Redis (an empty provider: no connection to find), which still hears heartbeats played to it.
        _nodes = new GraphicsNodes(_noRedis, _graphics.Outputs, election, options, _graphics.Time, NullLogger<GraphicsNodes>.Instance);
        Services.AddSingleton(_graphics.Live);
        Services.AddSingleton<TimeProvider>(_graphics.Time);
        Services.AddOptions<LiveOptions>();
        Services.AddScoped<LiveView>();
        Services.AddSingleton(_graphics.States);
        Services.AddSingleton(_graphics.Control);
        Services.AddSingleton(_graphics.Playout);
        Services.AddSingleton(_nodes);
        Services.AddSingleton(options);
        Services.AddSingleton<IConfiguration>(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ResultsLive:Desk:Watchlist:0"] = "Aldershot" })
            .Build());
        JSInterop.Mode = JSRuntimeMode.Strict;
        var module = JSInterop.SetupModule(GraphicsConsole.ModulePath);
        module.SetupVoid("start", _ => true).SetVoidResult();
        module.SetupVoid("stop", _ => true).SetVoidResult();
    }

    public Task InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync()
    {
        await base.DisposeAsync();
        _nodes.Dispose();
        await _noRedis.DisposeAsync();
        await _graphics.DisposeAsync();
    }

    [Fact]
    public void Stack_NewestFirst_WithGainWatchedAndCorrectionFlags()
    {
        _graphics.Declare(IslingtonNorth);
        _graphics.Declare("E14001063");
        var console = Render<GraphicsConsole>();

        Assert.Equal(["E14001063", IslingtonNorth], Seats(console));
        Assert.Contains("GAIN", console.Find("li[data-seat='E14001305'] .flags").TextContent, StringComparison.Ordinal);
        Assert.Contains("WATCHED", console.Find("li[data-seat='E14001063'] .flags").TextContent, StringComparison.Ordinal);

        _graphics.Declare(Corrected(IslingtonNorth, "Lab", 120));

        console.WaitForAssertion(() => Assert.Equal([IslingtonNorth, "E14001063"], Seats(console)));
        Assert.Contains("CORRECTED r2", console.Find("li[data-seat='E14001305'] .flags").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void FilterAndPin_NarrowTheStackAndKeepAPinnedSeatOnTop()
    {
        _graphics.Declare(IslingtonNorth);
        _graphics.Declare("E14001063");
        _graphics.Declare("E14001170");
        var console = Render<GraphicsConsole>();

        console.Find("input.filter").Input("corbyn");
        Assert.Equal([IslingtonNorth], Seats(console));

        console.Find("input.filter").Input("");
        console.Find("li[data-seat='E14001305'] button.pin").Click();

        Assert.Equal(IslingtonNorth, Seats(console)[0]);
        Assert.Equal("true", console.Find("li[data-seat='E14001305'] button.pin").GetAttribute("aria-pressed"));
    }

    [Fact]
    public async Task PickSeatThenSpace_CuesIntoPreviewThenTakesWithAnOnAirClock()
    {
        _graphics.Declare(IslingtonNorth);
        var console = Render<GraphicsConsole>();

        console.Find("li[data-seat='E14001305'] button.seat").Click();
        console.WaitForAssertion(() => Assert.Contains("Seat result · Islington North", console.Find("[data-layer=lowerThird] .preview").TextContent, StringComparison.Ordinal));
        await console.InvokeAsync(() => console.Instance.OnKey(" ", shift: false));

        var state = await _graphics.StateAsync();
        Assert.Equal("seat-result", state[GraphicsLayer.LowerThird].OnAir!.Template);
        console.WaitForAssertion(() => Assert.Equal("on air 00:00", console.Find("[data-layer=lowerThird] [data-on-air]").TextContent));
        _graphics.Time.Advance(TimeSpan.FromSeconds(133));
        console.WaitForAssertion(() => Assert.Equal("on air 02:13", console.Find("[data-layer=lowerThird] [data-on-air]").TextContent));
    }

    [Fact]
    public async Task Correction_ShownUnderTheHold_UntilUpdate()
    {
        _graphics.Declare(IslingtonNorth);
        await _graphics.Control.CueAsync(GraphicsSettings.Channel, GraphicsLayer.LowerThird, "seat-result", IslingtonNorth, "op", CancellationToken.None);
        await _graphics.Control.TakeAsync(GraphicsSettings.Channel, null, "op", CancellationToken.None);
        var console = Render<GraphicsConsole>();
        Assert.Empty(console.FindAll(".hold"));

        _graphics.Declare(Corrected(IslingtonNorth, "Lab", 120));

        console.WaitForAssertion(() => Assert.Contains("Lab +120; majority 7,247 → 7,127", console.Find("[data-layer=lowerThird] .hold[data-hold=onAir]").TextContent, StringComparison.Ordinal));
        console.Find("[data-layer=lowerThird] .hold button.update").Click();
        console.WaitForAssertion(() => Assert.Empty(console.FindAll(".hold")));
        Assert.Contains(_graphics.Audit.Events, e => e is { Action: "update", Layer: "lowerThird" });
    }

    [Fact]
    public async Task EscapeAndShiftEscape_OutTheLayerThenClearAll()
    {
        _graphics.Declare(IslingtonNorth);
        await _graphics.Control.CueAsync(GraphicsSettings.Channel, GraphicsLayer.Bug, "bug", null, "op", CancellationToken.None);
        await _graphics.Control.CueAsync(GraphicsSettings.Channel, GraphicsLayer.LowerThird, "seat-result", IslingtonNorth, "op", CancellationToken.None);
        await _graphics.Control.TakeAsync(GraphicsSettings.Channel, null, "op", CancellationToken.None);
        var console = Render<GraphicsConsole>();

        await console.InvokeAsync(() => console.Instance.OnKey("Escape", shift: false));
        var afterOut = await _graphics.StateAsync();
        Assert.Null(afterOut[GraphicsLayer.LowerThird].OnAir);
        Assert.NotNull(afterOut[GraphicsLayer.Bug].OnAir);

        await console.InvokeAsync(() => console.Instance.OnKey("Escape", shift: true));
        Assert.Null((await _graphics.StateAsync())[GraphicsLayer.Bug].OnAir);
        console.WaitForAssertion(() => Assert.Empty(console.FindAll(".layer.live")));
    }

    [Fact]
    public void AnotherNode_Unheard_IsReportedAsUnreachable()
    {
        _nodes.Heard("""{"id":"b1","name":"node-b","leaving":false,"outputs":{"main":{"program":1,"preview":0}}}""");
        var console = Render<GraphicsConsole>();
        Assert.Empty(console.FindAll("[data-health=node]"));

        _graphics.Time.Advance(TimeSpan.FromSeconds(4));

        console.WaitForAssertion(() => Assert.Contains("Node node-b unreachable", console.Find("[data-health=node]").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task FunctionKey_NationalTemplate_CuesAtOnce()
    {
        _graphics.Declare(IslingtonNorth);
        var console = Render<GraphicsConsole>();

        await console.InvokeAsync(() => console.Instance.OnKey("F3", shift: false));

        Assert.Equal("scoreboard", (await _graphics.StateAsync())[GraphicsLayer.FullFrame].Cued!.Template);
        console.WaitForAssertion(() => Assert.Contains("selected", console.Find("button[data-template=scoreboard]").ClassName, StringComparison.Ordinal));
    }

    [Fact]
    public async Task SwingometerLists_AreaThenParty_CueTheDialForThatChoiceAndRefuseOnePartyTwice()
    {
        foreach (var seat in Results.Where(r => Election.FindConstituency(r.Constituency)!.Nation == "Scotland").Take(20))
        {
            _graphics.Declare(seat.Constituency);
        }

        var console = Render<GraphicsConsole>();
        await console.InvokeAsync(() => console.Instance.OnKey("F8", shift: false));

        // UK-wide by default: the two largest parties at the baseline.
        console.WaitForAssertion(() => Assert.Equal(("Con", "Lab"), (Chosen(console, "a"), Chosen(console, "b"))));
        Assert.Equal(new GraphicsChoice(null, null, "uk"), (await _graphics.StateAsync())[GraphicsLayer.FullFrame].Cued!.Choice);

        // Scotland brings its own two largest, then Labour replaces the Conservatives.
        console.Find("select[data-choice=scope]").Change("nation-scotland");
        console.WaitForAssertion(() => Assert.Equal(("SNP", "Con"), (Chosen(console, "a"), Chosen(console, "b"))));
        Assert.DoesNotContain(console.FindAll("select[data-choice=a] option"), o => o.GetAttribute("value") == "PC");
        console.Find("select[data-choice=b]").Change("Lab");

        var cued = (await _graphics.StateAsync())[GraphicsLayer.FullFrame].Cued!;
        Assert.Equal(new GraphicsChoice(null, "Lab", "nation-scotland"), cued.Choice);
        var dial = System.Text.Json.Nodes.JsonNode.Parse(cued.Data)!;
        Assert.Equal(("SNP", "Lab", "Scotland"), ((string)dial["partyA"]!["code"]!, (string)dial["partyB"]!["code"]!, (string)dial["area"]!));
        console.WaitForAssertion(() => Assert.Contains("Swingometer · SNP v Lab, Scotland", console.Find("[data-layer=fullFrame] .preview").TextContent, StringComparison.Ordinal));

        // Labour on both sides is refused, named, and the cued dial stays as it was.
        console.Find("select[data-choice=a]").Change("Lab");
        console.WaitForAssertion(() => Assert.Contains("a and b are both Lab", console.Find("p.notice.error").TextContent, StringComparison.Ordinal));
        Assert.Equal(cued, (await _graphics.StateAsync())[GraphicsLayer.FullFrame].Cued);
    }

    private static string? Chosen(IRenderedComponent<GraphicsConsole> console, string list) =>
        console.FindAll($"select[data-choice={list}] option").FirstOrDefault(o => o.HasAttribute("selected"))?.GetAttribute("value");

    private static List<string> Seats(IRenderedComponent<GraphicsConsole> console) =>
        [.. console.FindAll("li.stack-item").Select(li => li.GetAttribute("data-seat")!)];
}
