namespace ResultsLive.Import;

/// <summary>One candidate's line in the House of Commons Library's results-by-candidate file.</summary>
/// <param name="Share">The candidate's share of valid votes as a fraction (0.4922), as the file gives it.</param>
/// <param name="SittingMp">The file's <c>Sitting MP</c> column: an MP of the outgoing parliament standing again.</param>
/// <param name="Change">The change in the party's share since the notional baseline, as a fraction; null where the party did not stand then.</param>
public sealed record HocCandidateRow(
    string Code,
    string ConstituencyName,
    string Region,
    string Nation,
    string ConstituencyType,
    string PartyName,
    string PartyCode,
    string FirstName,
    string Surname,
    int Votes,
    double Share,
    double? Change,
    bool SittingMp = false)
{
    /// <summary>The name as a result is announced: "Jeremy Corbyn".</summary>
    public string Name => $"{FirstName} {Surname}".Trim();
}
