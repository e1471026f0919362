using System.Text.Json.Nodes;

using Bunit;

using Microsoft.AspNetCore.Components;

using ResultsLive.Web.Shared.Charts;

namespace ResultsLive.Web.Tests.Shared.Charts;

public sealed class ApexChartTests : ComponentTestContext
{
    private static readonly JsonObject Bar = new() { ["chart"] = new JsonObject { ["type"] = "bar" } };

    [Fact]
    public void FirstRender_ImportsTheCollocatedModuleAndCreatesTheChartFromTheElementsAttributes()
    {
        var definition = ChartDefinition.From(Bar, [new ChartSeries("Seats", [3, 1])]);

        var cut = Render<ApexChart>(p => p.Add(c => c.Definition, definition).Add(c => c.Height, 240));

        Assert.Equal(ApexChart.ModulePath, JSInterop.VerifyInvoke("import").Arguments[0]);
        var chart = cut.Find("div.apex-chart");
        Assert.Equal(chart.GetAttribute("blazor:elementReference"), ((ElementReference)ChartModule.VerifyInvoke("create").Arguments[0]!).Id);
        Assert.Equal("bar", JsonNode.Parse(chart.GetAttribute("data-options")!)!["chart"]!["type"]!.GetValue<string>());
        Assert.Equal("""[{"name":"Seats","data":[3,1]}]""", chart.GetAttribute("data-series"));
        Assert.Equal("240", chart.GetAttribute("data-height"));
        Assert.Equal("min-height: 240px", chart.GetAttribute("style"));
    }

    [Fact]
    public void NewFigures_ChangeTheSeriesAttributeInPlace_WithoutAnotherInteropCall()
    {
        var cut = Render<ApexChart>(p => p.Add(c => c.Definition, ChartDefinition.From(Bar, [new ChartSeries("Seats", [3, 1])])));
        var before = cut.Find("div.apex-chart");

        cut.Render(p => p.Add(c => c.Definition, ChartDefinition.From(Bar, [new ChartSeries("Seats", [4, 1])])));

        var after = cut.Find("div.apex-chart");
        Assert.Equal("""[{"name":"Seats","data":[4,1]}]""", after.GetAttribute("data-series"));
        Assert.Equal(before.GetAttribute("blazor:elementReference"), after.GetAttribute("blazor:elementReference"));
        Assert.Single(ChartModule.Invocations);
        ChartModule.VerifyInvoke("create", calledTimes: 1);
    }

    [Fact]
    public void NewCategoriesAndHeight_ChangeTheOptionsAndHeightAttributes()
    {
        var cut = Render<ApexChart>(p => p.Add(c => c.Definition, ChartDefinition.From(Bar, [new ChartSeries("Seats", [3])])).Add(c => c.Height, 200));
        var wider = new JsonObject { ["chart"] = new JsonObject { ["type"] = "bar" }, ["xaxis"] = new JsonObject { ["max"] = 400 } };

        cut.Render(p => p.Add(c => c.Definition, ChartDefinition.From(wider, [new ChartSeries("Seats", [3, 2])])).Add(c => c.Height, 260));

        var chart = cut.Find("div.apex-chart");
        Assert.Equal(400, JsonNode.Parse(chart.GetAttribute("data-options")!)!["xaxis"]!["max"]!.GetValue<int>());
        Assert.Equal("""[{"name":"Seats","data":[3,2]}]""", chart.GetAttribute("data-series"));
        Assert.Equal("260", chart.GetAttribute("data-height"));
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
