using System.Text.Json;

using ResultsLive.Core.Contracts;
using ResultsLive.Core.Model;

namespace ResultsLive.Feed;

/// <summary>The canonical body of a declaration: what "an identical repeat" is compared on, and what the journal stores.</summary>
internal static class DeclarationJson
{
    /// <summary>The public wire format, candidates in the order given, so equal declarations give equal strings.</summary>
    public static string Canonical(Declaration declaration) => JsonSerializer.Serialize(declaration, ResultsContract.JsonOptions);

    public static Declaration Parse(string json) =>
        JsonSerializer.Deserialize<Declaration>(json, ResultsContract.JsonOptions)
        ?? throw new InvalidDataException("a journal entry holds an empty declaration");

    /// <summary>Idempotency is per seat whatever the spelling of its code; GSS codes are upper case.</summary>
    public static string SeatKey(string constituency) => constituency.Trim().ToUpperInvariant();
}
