using ResultsLive.Core.Model;

namespace ResultsLive.Core.Arithmetic;

/// <summary>One candidate's line in a declared result. <see cref="ShareChange"/> is null for independents ("new").</summary>
public sealed record CandidateResult(string Name, string Party, int Votes, double Share, double? ShareChange, bool Elected);

/// <summary>A declared seat with all its arithmetic done once: shares, majority, turnout, gain or hold, swing and the text.</summary>
public sealed record SeatResult(
    Constituency Constituency,
    int Revision,
    DateTimeOffset DeclaredAt,
    int Electorate,
    int ValidVotes,
    int InvalidVotes,
    double? Turnout,
    double? TurnoutChange,
    IReadOnlyList<CandidateResult> Candidates,
    int Majority,
    double MajorityShare,
    string? BaselineWinner,
    string Result,
    Swing? Swing)
{
    /// <summary>Candidates are held in descending order of votes, so the winner is first.</summary>
    public CandidateResult Winner => Candidates[0];

    public CandidateResult? RunnerUp => Candidates.Count > 1 ? Candidates[1] : null;

    public bool IsGain => BaselineWinner is not null && !string.Equals(BaselineWinner, Winner.Party, StringComparison.OrdinalIgnoreCase);

    /// <summary>The one line newsrooms paste, e.g. "Islington North: Ind gain from Lab. Jeremy Corbyn (Ind) 24,120. Majority 7,247. Turnout 67.3%."</summary>
    public string Text => ResultText.Line(this);
}
