using ResultsLive.Core.Model;

namespace ResultsLive.Import;

/// <summary>An election as loaded from files: what is known before the night, the declarations to replay or seed, and the map.</summary>
/// <param name="DeclarationTimes">Each seat's declaration time by GSS code, where the times file has one; empty without a times file.</param>
public sealed record LoadedElection(
    Election Election,
    IReadOnlyList<Declaration> Results,
    HexMap? Hexmap,
    IReadOnlyDictionary<string, DateTimeOffset> DeclarationTimes);
