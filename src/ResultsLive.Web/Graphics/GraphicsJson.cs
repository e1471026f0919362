using System.Text.Json;
using System.Text.Json.Serialization;

using ResultsLive.Core.Contracts;

namespace ResultsLive.Web.Graphics;

/// <summary>The wire format of channel state in Redis and in the control API: the public contract's, layers by their JSON names.</summary>
public static class GraphicsJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(ResultsContract.JsonOptions);
        // First, ahead of the contract's enum converter, which would otherwise claim GraphicsLayer too.
        options.Converters.Insert(0, new LayerKeyConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    /// <summary>Writes <see cref="GraphicsLayer"/> as its JSON name, also as a dictionary key (<c>"lowerThird": {...}</c>).</summary>
    private sealed class LayerKeyConverter : JsonConverter<GraphicsLayer>
    {
        public override GraphicsLayer Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            GraphicsLayers.Parse(reader.GetString()) ?? throw new JsonException($"'{reader.GetString()}' is not a layer");

        public override void Write(Utf8JsonWriter writer, GraphicsLayer value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.Name());

        public override GraphicsLayer ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            Read(ref reader, typeToConvert, options);

        public override void WriteAsPropertyName(Utf8JsonWriter writer, GraphicsLayer value, JsonSerializerOptions options) =>
            writer.WritePropertyName(value.Name());
    }
}
