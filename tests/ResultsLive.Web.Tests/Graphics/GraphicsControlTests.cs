using System.Text.Json;

using ResultsLive.Web.Graphics;

using static ResultsLive.Web.Tests.Graphics.Election2024;

namespace ResultsLive.Web.Tests.Graphics;

/// <summary>The operator's commands on the 2024 night: cue pins a sequence, take, hold under corrections, Update, next, out, clear.</summary>
public sealed class GraphicsControlTests : IAsyncLifetime
{
    private const string Main = GraphicsSettings.Channel;
    private GraphicsHarness Graphics { get; set; } = null!;

    private GraphicsControl Control => Graphics.Control;

    public Task InitializeAsync()
    {
        Graphics = new GraphicsHarness();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await Graphics.DisposeAsync();

    [Fact]
    public async Task CueAsync_SeatResult_PinsTheSeatsApiJsonWithSequenceAndMode()
    {
        var sequence = Graphics.Declare(IslingtonNorth);

        var outcome = await Control.CueAsync(Main, GraphicsLayer.LowerThird, "seat-result", "E14001305", "op", CancellationToken.None);

        var cued = outcome.State[GraphicsLayer.LowerThird].Cued!;
        Assert.Equal((sequence, "seat-result", IslingtonNorth), (cued.Sequence, cued.Template, cued.Constituency));
        var data = JsonDocument.Parse(cued.Data).RootElement;
        Assert.Equal("Islington North", data.GetProperty("name").GetString());
        Assert.Equal("Ind gain from Lab", data.GetProperty("result").GetString());
        Assert.Equal(7247, data.GetProperty("majority").GetInt32());
        Assert.Equal(sequence, data.GetProperty("sequence").GetInt64());
        Assert.Equal("test", data.GetProperty("mode").GetString());
        Assert.Null(outcome.State[GraphicsLayer.LowerThird].OnAir);
    }

    [Theory]
    [InlineData("nowhere", "seat-result", "E14001305", 404, "channel")]
    [InlineData(Main, "no-such-template", "E14001305", 422, "template")]
    [InlineData(Main, "ticker", null, 422, "template")]
    [InlineData(Main, "seat-result", null, 422, "constituency")]
    [InlineData(Main, "seat-result", "E99999999", 404, "constituency")]
    [InlineData(Main, "seat-result", "E14001063", 422, "constituency")]
    public async Task CueAsync_BadCommand_IsRefusedNamingTheFieldAndChangesNothing(string channel, string template, string? seat, int status, string field)
    {
        Graphics.Declare(IslingtonNorth);

        var outcome = await Control.CueAsync(channel, GraphicsLayer.LowerThird, template, seat, "op", CancellationToken.None);

        Assert.Equal(status, outcome.Status);
        Assert.Equal(field, Assert.Single(outcome.Problems).Field);
        Assert.Equal(0, (await Graphics.StateAsync()).Version);
    }

    [Fact]
    public async Task TakeAsync_WhatIsCued_GoesOnAirAsTheSameGraphicAndIsAudited()
    {
        var sequence = Graphics.Declare(IslingtonNorth);
        var cued = (await Control.CueAsync(Main, GraphicsLayer.LowerThird, "seat-result", IslingtonNorth, "op", CancellationToken.None)).State[GraphicsLayer.LowerThird].Cued!;

        var outcome = await Control.TakeAsync(Main, null, "jo.operator", CancellationToken.None);

        var onAir = outcome.State[GraphicsLayer.LowerThird].OnAir!;
        Assert.Equal((cued.Id, cued.Data, cued.Sequence), (onAir.Id, onAir.Data, onAir.Sequence));
        Assert.Equal("jo.operator", onAir.By);
        Assert.Null(outcome.State[GraphicsLayer.LowerThird].Cued);
        var audit = Assert.Single(Graphics.Audit.Events);
        Assert.Equal(new GraphicsAuditEvent("jo.operator", "take", Main, "lowerThird", "seat-result", IslingtonNorth, sequence), audit);
    }

    [Fact]
    public async Task TakeAsync_NothingCued_IsAConflictAndChangesNothing()
    {
        var outcome = await Control.TakeAsync(Main, GraphicsLayer.FullFrame, "op", CancellationToken.None);

        Assert.Equal(409, outcome.Status);
        Assert.Equal("layer", Assert.Single(outcome.Problems).Field);
        Assert.Empty(Graphics.Audit.Events);
    }

    [Fact]
    public async Task TakeAsync_AFullFrame_ClearsTheLowerThirdOnAir()
    {
        Graphics.Declare(IslingtonNorth);
        await Control.CueAsync(Main, GraphicsLayer.LowerThird, "seat-result", IslingtonNorth, "op", CancellationToken.None);
        await Control.TakeAsync(Main, null, "op", CancellationToken.None);
        await Control.CueAsync(Main, GraphicsLayer.FullFrame, "scoreboard", null, "op", CancellationToken.None);

        var outcome = await Control.TakeAsync(Main, GraphicsLayer.FullFrame, "op", CancellationToken.None);

        Assert.Equal("scoreboard", outcome.State[GraphicsLayer.FullFrame].OnAir!.Template);
        Assert.Null(outcome.State[GraphicsLayer.LowerThird].OnAir);
        Assert.Contains(Graphics.Audit.Events, e => e is { Action: "out", Layer: "lowerThird" });
    }

    [Fact]
    public async Task Correction_UnderAHeldGraphic_WaitsForUpdateWhichKeepsTheGraphicAndBringsTheFigures()
    {
        Graphics.Declare(IslingtonNorth);
        await Control.CueAsync(Main, GraphicsLayer.LowerThird, "seat-result", IslingtonNorth, "op", CancellationToken.None);
        var taken = (await Control.TakeAsync(Main, null, "op", CancellationToken.None)).State[GraphicsLayer.LowerThird].OnAir!;

        var corrected = Graphics.Declare(Corrected(IslingtonNorth, "Lab", 120));

        var held = (await Graphics.StateAsync())[GraphicsLayer.LowerThird].OnAir!;
        Assert.Equal(taken, held);
        var change = HoldChange.Between(held, Graphics.Snapshot);
        Assert.Equal("Lab +120; majority 7,247 → 7,127", change!.Summary);

        var updated = (await Control.UpdateAsync(Main, null, "op", CancellationToken.None)).State[GraphicsLayer.LowerThird].OnAir!;

        Assert.Equal(taken.Id, updated.Id);
        Assert.Equal(corrected, updated.Sequence);
        Assert.Equal(7127, JsonDocument.Parse(updated.Data).RootElement.GetProperty("majority").GetInt32());
        Assert.Null(HoldChange.Between(updated, Graphics.Snapshot));
        Assert.Contains(Graphics.Audit.Events, e => e is { Action: "update", Layer: "lowerThird" } && e.Sequence == corrected);
    }

    [Fact]
    public async Task CueAsync_SecondHeldLayer_PinsBothCuesToOneSnapshot()
    {
        Graphics.Declare(IslingtonNorth);
        await Control.CueAsync(Main, GraphicsLayer.LowerThird, "seat-result", IslingtonNorth, "op", CancellationToken.None);
        var later = Graphics.Declare("E14001063");

        var state = (await Control.CueAsync(Main, GraphicsLayer.FullFrame, "scoreboard", null, "op", CancellationToken.None)).State;

        Assert.Equal(later, state[GraphicsLayer.FullFrame].Cued!.Sequence);
        Assert.Equal(later, state[GraphicsLayer.LowerThird].Cued!.Sequence);
        var taken = (await Control.TakeAsync(Main, null, "op", CancellationToken.None)).State;
        Assert.Equal(taken[GraphicsLayer.FullFrame].OnAir!.Sequence, taken[GraphicsLayer.LowerThird].OnAir!.Sequence);
    }

    [Fact]
    public async Task NextAsync_PagesOnlyAPagedGraphicOnAir()
    {
        Graphics.Declare(IslingtonNorth);
        Assert.Equal(409, (await Control.NextAsync(Main, null, "op", CancellationToken.None)).Status);
        await Control.CueAsync(Main, GraphicsLayer.LowerThird, "seat-result", IslingtonNorth, "op", CancellationToken.None);
        await Control.CueAsync(Main, GraphicsLayer.FullFrame, "gains", null, "op", CancellationToken.None);
        await Control.TakeAsync(Main, null, "op", CancellationToken.None);

        Assert.Equal(422, (await Control.NextAsync(Main, GraphicsLayer.LowerThird, "op", CancellationToken.None)).Status);
        await Control.NextAsync(Main, null, "op", CancellationToken.None);
        var state = (await Control.NextAsync(Main, GraphicsLayer.FullFrame, "op", CancellationToken.None)).State;

        Assert.Equal(2, state[GraphicsLayer.FullFrame].Page);
        Assert.Equal(0, state[GraphicsLayer.LowerThird].Page);
    }

    [Fact]
    public async Task ClearAsync_TakesEveryLayerOffAirAndKeepsTheCues()
    {
        Graphics.Declare(IslingtonNorth);
        await Control.CueAsync(Main, GraphicsLayer.Bug, "bug", null, "op", CancellationToken.None);
        await Control.CueAsync(Main, GraphicsLayer.LowerThird, "seat-result", IslingtonNorth, "op", CancellationToken.None);
        await Control.TakeAsync(Main, null, "op", CancellationToken.None);
        await Control.CueAsync(Main, GraphicsLayer.FullFrame, "swing", null, "op", CancellationToken.None);

        var state = (await Control.ClearAsync(Main, "op", CancellationToken.None)).State;

        Assert.All(GraphicsLayers.All, l => Assert.Null(state[l].OnAir));
        Assert.Equal("swing", state[GraphicsLayer.FullFrame].Cued!.Template);
        Assert.Equal(2, Graphics.Audit.Events.Count(e => e.Action == "clear"));
    }

    [Fact]
    public async Task OutAsync_NothingOnAir_AnswersWithoutChangingAnything()
    {
        var outcome = await Control.OutAsync(Main, GraphicsLayer.Ticker, "op", CancellationToken.None);

        Assert.False(outcome.IsRejected);
        Assert.Equal(0, outcome.State.Version);
        Assert.Empty(Graphics.Audit.Events);
    }
}
