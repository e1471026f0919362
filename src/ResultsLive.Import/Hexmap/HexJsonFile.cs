using System.Text.Json;

namespace ResultsLive.Import;

/// <summary>Reads a HexJSON file (the Open Innovations/ODI format) into a <see cref="HexMap"/>.</summary>
/// <remarks>Only the layout and each hex's name, coordinates and region are read; colours and boundary lines are the renderer's business.</remarks>
public static class HexJsonFile
{
    private static readonly JsonDocumentOptions Options = new()
    {
        AllowTrailingCommas = true,
        CommentHandling = JsonCommentHandling.Skip,
    };

    public static HexMap Read(string path)
    {
        using var stream = File.OpenRead(path);
        using var document = Parse(stream, path);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new ImportException(path, null, "$", "expected a JSON object with \"layout\" and \"hexes\"");
        }

        var layout = String(path, root, "layout", "layout");
        if (!root.TryGetProperty("hexes", out var hexes) || hexes.ValueKind != JsonValueKind.Object)
        {
            throw new ImportException(path, null, "hexes", "expected an object of hexes keyed by constituency code");
        }

        var map = new Dictionary<string, Hex>(StringComparer.Ordinal);
        foreach (var hex in hexes.EnumerateObject())
        {
            var where = $"hexes.{hex.Name}";
            if (hex.Value.ValueKind != JsonValueKind.Object)
            {
                throw new ImportException(path, null, where, "expected an object with n, q and r");
            }

            if (ImportChecks.GssCodeProblem(hex.Name) is { } codeProblem)
            {
                throw new ImportException(path, null, where, codeProblem);
            }

            // The map draws in winners' colours, not the file's; a colour that is there must still be one, as it may be shown.
            if (hex.Value.TryGetProperty("colour", out _) && ImportChecks.ColourProblem(String(path, hex.Value, "colour", where)) is { } colourProblem)
            {
                throw new ImportException(path, null, where + ".colour", colourProblem);
            }

            var region = hex.Value.TryGetProperty("region", out _) ? String(path, hex.Value, "region", where) : "";
            map[hex.Name] = new Hex(
                hex.Name,
                String(path, hex.Value, "n", where),
                Integer(path, hex.Value, "q", where),
                Integer(path, hex.Value, "r", where),
                region);
        }

        return new HexMap(layout, map);
    }

    private static JsonDocument Parse(Stream stream, string path)
    {
        try
        {
            return JsonDocument.Parse(stream, Options);
        }
        catch (JsonException ex)
        {
            // System.Text.Json counts lines and positions from 0; people count from 1.
            var line = ex.LineNumber is { } l ? (int)l + 1 : (int?)null;
            var position = ex.BytePositionInLine is { } p ? $" at position {p + 1}" : "";
            var reason = ex.Message.Split(" Path:", 2)[0].Split(" LineNumber:", 2)[0].Trim();
            throw new ImportException(path, line, null, $"the file is not valid JSON{position}: {reason}", ex);
        }
    }

    private static string String(string path, JsonElement owner, string property, string where)
    {
        var location = where == property ? property : $"{where}.{property}";
        return owner.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw new ImportException(path, null, location, "expected a string");
    }

    private static int Integer(string path, JsonElement owner, string property, string where) =>
        owner.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number)
            ? number
            : throw new ImportException(path, null, $"{where}.{property}", "expected a whole number");
}
