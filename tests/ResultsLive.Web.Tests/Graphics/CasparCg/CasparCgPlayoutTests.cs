using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;

using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

using ResultsLive.Web.Graphics;
using ResultsLive.Web.Graphics.CasparCg;

namespace ResultsLive.Web.Tests.Graphics.CasparCg;

/// <summary>AMCP playout against a server that parses and answers as CasparCG does: exact command lines, escaping, replies, failures.</summary>
public sealed class CasparCgPlayoutTests : IAsyncLifetime
{
    // Quotes, a backslash, an apostrophe, an ampersand and names outside ASCII: what CasparCG's parser must get back whole.
    private const string HostileData = """{"name":"O'Brien \"Bobby\" Smith","seat":"Ynys Môn","party":"Sinn Féin & Co","path":"C:\\x"}""";

    private FakeCasparCg Server { get; set; } = null!;

    private CasparCgPlayout Playout { get; set; } = null!;

    public Task InitializeAsync()
    {
        Server = new FakeCasparCg("resultslive/templates/seat-result", "resultslive/templates/gains", "resultslive/templates/bug");
        var options = new GraphicsOptions();
        options.Channels["main"] = new ChannelOptions
        {
            OutputKey = GraphicsSettings.OutputKey,
            CasparCG = new CasparCgOptions { Host = "127.0.0.1", Port = Server.Port, Channel = 1 },
        };
        Playout = new CasparCgPlayout(Options.Create(options), NullLogger<CasparCgPlayout>.Instance);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await Playout.DisposeAsync();
        await Server.DisposeAsync();
    }

    [Fact]
    public async Task ApplyAsync_TakeWithHostileNames_SendsAddThenPlayAndCasparCgReadsTheJsonBackExactly()
    {
        var results = await Playout.ApplyAsync("main", Empty(), OnAir(GraphicsLayer.LowerThird, Item("a1", "seat-result", HostileData)), cut: false, CancellationToken.None);

        Assert.Equal(
            [
                @"CG 1-30 ADD 1 ""resultslive/templates/seat-result"" 0 ""{\""name\"":\""O'Brien \\\""Bobby\\\"" Smith\"",\""seat\"":\""Ynys Môn\"",\""party\"":\""Sinn Féin & Co\"",\""path\"":\""C:\\\\x\""}""",
                "CG 1-30 PLAY 1",
            ],
            Server.Lines);
        Assert.All(results, r => Assert.Equal(202, r.Code));
        var data = Server.Tokens[0][6];
        Assert.Equal(HostileData, data);
        Assert.Equal("O'Brien \"Bobby\" Smith", JsonNode.Parse(data)!["name"]!.GetValue<string>());
        Assert.Equal("resultslive/templates/seat-result", Server.Loaded[(1, 30)]);
    }

    [Fact]
    public async Task ApplyAsync_TemplateCasparCgCannotFind_StopsBeforePlayAndReports404()
    {
        var results = await Playout.ApplyAsync("main", Empty(), OnAir(GraphicsLayer.FullFrame, Item("a1", "swing", "{}")), cut: false, CancellationToken.None);

        Assert.Equal([@"CG 1-20 ADD 1 ""resultslive/templates/swing"" 0 ""{}"""], Server.Lines);
        var result = Assert.Single(results);
        Assert.Equal(404, result.Code);
        Assert.Equal("404 CG ADD FAILED", result.Reply);
        Assert.Same(results, Playout.Last("main"));
    }

    [Fact]
    public async Task ApplyAsync_UpdateNextOutAndClear_SendUpdateNextStopAndClear()
    {
        var gains = Item("g1", "gains", """[{"name":"A"}]""");
        var shown = OnAir(GraphicsLayer.FullFrame, gains);
        await Playout.ApplyAsync("main", Empty(), shown, cut: false, CancellationToken.None);

        var updated = OnAir(GraphicsLayer.FullFrame, gains with { Data = """[{"name":"B"}]""" }, page: 1);
        await Playout.ApplyAsync("main", shown, updated, cut: false, CancellationToken.None);
        var bug = OnAir(GraphicsLayer.Bug, Item("b1", "bug", """{"declared":1}"""), previous: updated);
        await Playout.ApplyAsync("main", updated, bug, cut: false, CancellationToken.None);
        var outOfFullFrame = OnAir(GraphicsLayer.FullFrame, null, previous: bug);
        await Playout.ApplyAsync("main", bug, outOfFullFrame, cut: false, CancellationToken.None);
        var results = await Playout.ApplyAsync("main", outOfFullFrame, Empty(), cut: true, CancellationToken.None);

        Assert.Equal(
            [
                @"CG 1-20 ADD 1 ""resultslive/templates/gains"" 0 ""{\""rows\"":[{\""name\"":\""A\""}]}""",
                "CG 1-20 PLAY 1",
                @"CG 1-20 UPDATE 1 ""{\""rows\"":[{\""name\"":\""B\""}]}""",
                "CG 1-20 NEXT 1",
                @"CG 1-50 ADD 1 ""resultslive/templates/bug"" 0 ""{\""declared\"":1}""",
                "CG 1-50 PLAY 1",
                "CG 1-20 STOP 1",
                "CG 1-50 CLEAR",
            ],
            Server.Lines);
        Assert.Equal(202, Assert.Single(results).Code);
        Assert.False(Server.Loaded.ContainsKey((1, 50)));
        Assert.Equal("""{"rows":[{"name":"B"}]}""", Server.Data[(1, 20)]);
    }

    [Fact]
    public async Task SendAsync_BadCommands_GetCasparCgsErrorCodes()
    {
        await using var client = new AmcpClient("127.0.0.1", Server.Port, TimeSpan.FromSeconds(5));

        var unknown = await client.SendAsync("CG 1-30 BOGUS 1", CancellationToken.None);
        var missing = await client.SendAsync("CG 1-30 ADD 1", CancellationToken.None);
        var channel = await client.SendAsync("CG 9-30 PLAY 1", CancellationToken.None);
        var empty = await client.SendAsync("CG 1-40 STOP 1", CancellationToken.None);

        Assert.Equal((400, "ERROR"), (unknown.Code, unknown.Status));
        Assert.Equal(["CG 1-30 BOGUS 1"], unknown.Data);
        Assert.Equal((402, "CG ERROR"), (missing.Code, missing.Status));
        Assert.Equal((401, "CG ERROR"), (channel.Code, channel.Status));
        Assert.Equal((403, "CG STOP FAILED"), (empty.Code, empty.Status));
        Assert.All([unknown, missing, channel, empty], r => Assert.False(r.IsSuccess));
    }

    [Fact]
    public async Task ApplyAsync_NobodyListening_FailsWithTheReasonInsteadOfHanging()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var closed = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var options = new GraphicsOptions();
        options.Channels["main"] = new ChannelOptions { OutputKey = GraphicsSettings.OutputKey, CasparCG = new CasparCgOptions { Host = "127.0.0.1", Port = closed } };
        await using var playout = new CasparCgPlayout(Options.Create(options), NullLogger<CasparCgPlayout>.Instance);

        var results = await playout.ApplyAsync("main", Empty(), OnAir(GraphicsLayer.Bug, Item("b1", "bug", "{}")), cut: false, CancellationToken.None);

        var result = Assert.Single(results);
        Assert.Null(result.Code);
        Assert.Contains($"127.0.0.1:{closed}", result.Reply, StringComparison.Ordinal);
    }

    [Fact]
    public void Quote_RawLineBreak_IsRefusedBecauseAmcpWouldEndTheCommandThere() =>
        Assert.Throws<ArgumentException>(() => Amcp.Quote("two\nlines"));

    private static GraphicsItem Item(string id, string template, string data) =>
        new(id, template, null, 1, data, DateTimeOffset.UnixEpoch, "test");

    private static ChannelState Empty() => ChannelState.Empty("main");

    private static ChannelState OnAir(GraphicsLayer layer, GraphicsItem? item, int page = 0, ChannelState? previous = null)
    {
        var state = previous ?? Empty();
        return state.With(new Dictionary<GraphicsLayer, LayerState> { [layer] = state[layer] with { OnAir = item, Page = page } });
    }
}
