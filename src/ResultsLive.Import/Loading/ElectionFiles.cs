using ResultsLive.Core.Model;

namespace ResultsLive.Import;

/// <summary>The files one election is loaded from; only the candidate file is required.</summary>
/// <param name="Candidates">The HoC results-by-candidate CSV: seats, nominations, parties and the results.</param>
/// <param name="Constituencies">The HoC results-by-constituency CSV, for electorates and invalid votes.</param>
/// <param name="Baseline">A notional-results CSV, or the previous election's HoC candidate CSV, as <paramref name="BaselineKind"/> says.</param>
/// <param name="Hexmap">A HexJSON map of the seats.</param>
/// <param name="DeclarationTimes">A declaration-times CSV; it needs <paramref name="ElectionDay"/>, because its times have no date.</param>
/// <param name="ElectionDay">Polling day, which dates the declaration times and is the UK clock (GMT or BST) they are read in.</param>
public sealed record ElectionFiles(
    string Candidates,
    string? Constituencies = null,
    string? Baseline = null,
    BaselineKind BaselineKind = BaselineKind.Notional,
    string? Hexmap = null,
    string? DeclarationTimes = null,
    DateOnly? ElectionDay = null);
