using System.Text.Json.Nodes;

using Bunit;

using ResultsLive.Web.Components.Charts;

namespace ResultsLive.Web.Tests.Components.Charts;

public sealed class ApexChartTests : ComponentTestContext
{
    private static readonly JsonObject Bar = new() { ["chart"] = new JsonObject { ["type"] = "bar" } };

    [Fact]
    public void FirstRender_ImportsTheCollocatedModuleAndCreatesTheChartOnce()
    {
        var definition = ChartDefinition.From(Bar, [new ChartSeries("Seats", [3, 1])]);

        Render<ApexChart>(p => p.Add(c => c.Definition, definition).Add(c => c.Height, 240));

        Assert.Equal(ApexChart.ModulePath, JSInterop.VerifyInvoke("import").Arguments[0]);
        var create = ChartModule.VerifyInvoke("create");
        Assert.Equal("bar", JsonNode.Parse((string)create.Arguments[1]!)!["chart"]!["type"]!.GetValue<string>());
        Assert.Equal("""[{"name":"Seats","data":[3,1]}]""", create.Arguments[2]);
        Assert.Equal(240, create.Arguments[3]);
        ChartModule.VerifyNotInvoke("updateSeries");
        ChartModule.VerifyNotInvoke("updateOptions");
    }

    [Fact]
    public void NewFigures_SameOptions_UpdatesTheSeriesInPlaceWithoutRecreating()
    {
        var cut = Render<ApexChart>(p => p.Add(c => c.Definition, ChartDefinition.From(Bar, [new ChartSeries("Seats", [3, 1])])));

        cut.Render(p => p.Add(c => c.Definition, ChartDefinition.From(Bar, [new ChartSeries("Seats", [4, 1])])));

        cut.WaitForAssertion(() => ChartModule.VerifyInvoke("updateSeries"));
        Assert.Equal("""[{"name":"Seats","data":[4,1]}]""", ChartModule.VerifyInvoke("updateSeries").Arguments[1]);
        ChartModule.VerifyInvoke("create", calledTimes: 1);
        ChartModule.VerifyNotInvoke("updateOptions");
    }

    [Fact]
    public void SameFigures_Rerendered_SendsNothing()
    {
        var cut = Render<ApexChart>(p => p.Add(c => c.Definition, ChartDefinition.From(Bar, [new ChartSeries("Seats", [3, 1])])));

        cut.Render(p => p.Add(c => c.Definition, ChartDefinition.From(Bar, [new ChartSeries("Seats", [3, 1])])));

        ChartModule.VerifyNotInvoke("updateSeries");
        ChartModule.VerifyNotInvoke("updateOptions");
    }

    [Fact]
    public void NewCategories_UpdatesTheOptionsWithTheSeries()
    {
        var cut = Render<ApexChart>(p => p.Add(c => c.Definition, ChartDefinition.From(Bar, [new ChartSeries("Seats", [3])])));
        var wider = new JsonObject { ["chart"] = new JsonObject { ["type"] = "bar" }, ["xaxis"] = new JsonObject { ["max"] = 400 } };

        cut.Render(p => p.Add(c => c.Definition, ChartDefinition.From(wider, [new ChartSeries("Seats", [3, 2])])));

        cut.WaitForAssertion(() => ChartModule.VerifyInvoke("updateOptions"));
        var update = ChartModule.VerifyInvoke("updateOptions");
        Assert.Equal(400, JsonNode.Parse((string)update.Arguments[1]!)!["xaxis"]!["max"]!.GetValue<int>());
        Assert.Equal("""[{"name":"Seats","data":[3,2]}]""", update.Arguments[2]);
        ChartModule.VerifyInvoke("create", calledTimes: 1);
    }

    [Fact]
    public async Task DisposeAsync_DestroysTheChart()
    {
        Render<ApexChart>(p => p.Add(c => c.Definition, ChartDefinition.From(Bar, [new ChartSeries("Seats", [3])])));

        await DisposeComponentsAsync();

        ChartModule.VerifyInvoke("destroy");
    }
}
