using System.Text.Json;
using System.Text.Json.Nodes;

namespace ResultsLive.Web.Shared.Charts;

/// <summary>One ApexCharts series: a name and its values, in the order of the chart's categories.</summary>
public sealed record ChartSeries(string Name, IReadOnlyList<double> Data);

/// <summary>
/// A chart as the browser gets it: ApexCharts options and series, already serialised. Built once per snapshot and shared
/// by every page showing it, so an open page holds two references rather than its own copy of the options.
/// </summary>
public sealed record ChartDefinition(string Options, string Series)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static ChartDefinition From(JsonObject options, IReadOnlyList<ChartSeries> series)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new(options.ToJsonString(), JsonSerializer.Serialize(series, Json));
    }

    /// <summary>The options as a JSON tree, for reading them in tests and diagnostics.</summary>
    public JsonObject ParseOptions() => JsonNode.Parse(Options)!.AsObject();

    public IReadOnlyList<ChartSeries> ParseSeries() => JsonSerializer.Deserialize<List<ChartSeries>>(Series, Json)!;
}
