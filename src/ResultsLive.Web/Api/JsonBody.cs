using System.Text.Json;

using Microsoft.Net.Http.Headers;

using ResultsLive.Core.Contracts;

namespace ResultsLive.Web.Api;

/// <summary>Reads a small JSON request body, turning every way it can be wrong into a named problem (415, 413, 400).</summary>
internal static class JsonBody
{
    public const int MaxBytes = 64 * 1024;

    public static async Task<(T? Value, IResult? Problem)> ReadAsync<T>(HttpRequest request, CancellationToken cancellationToken)
        where T : class
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType)
            || !contentType.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return (null, ApiProblems.Status(
                StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", "Content-Type", $"must be application/json, not '{request.ContentType}'"));
        }

        if (request.ContentLength > MaxBytes)
        {
            return (null, TooLarge());
        }

        // Chunked bodies have no length up front: read at most one byte past the limit to know.
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxBytes)
            {
                return (null, TooLarge());
            }
        }

        try
        {
            var value = JsonSerializer.Deserialize<T>(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), ResultsContract.JsonOptions);
            return value is null
                ? (null, ApiProblems.Status(StatusCodes.Status400BadRequest, "Malformed JSON", "body", "must be a JSON object, not null"))
                : (value, null);
        }
        catch (JsonException ex)
        {
            var field = string.IsNullOrEmpty(ex.Path) || ex.Path == "$" ? "body" : ex.Path.TrimStart('$', '.');
            var where = ex.LineNumber is { } line ? $" (line {line + 1}, byte {ex.BytePositionInLine + 1})" : "";
            return (null, ApiProblems.Status(StatusCodes.Status400BadRequest, "Malformed JSON", field, $"is not valid JSON for this field{where}"));
        }
    }

    private static IResult TooLarge() =>
        ApiProblems.Status(StatusCodes.Status413PayloadTooLarge, "Request body too large", "body", $"must be at most {MaxBytes:N0} bytes");
}
