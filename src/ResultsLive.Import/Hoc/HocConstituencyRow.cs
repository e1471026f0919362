namespace ResultsLive.Import;

/// <summary>One seat's line in the House of Commons Library's results-by-constituency file: its place, electorate and totals.</summary>
/// <param name="Result">The Library's summary against the notional baseline, e.g. "Ind gain from Lab".</param>
public sealed record HocConstituencyRow(
    string Code,
    string Name,
    string Region,
    string Nation,
    string ConstituencyType,
    int Electorate,
    int ValidVotes,
    int InvalidVotes,
    int Majority,
    string Result,
    string FirstParty,
    string SecondParty);
