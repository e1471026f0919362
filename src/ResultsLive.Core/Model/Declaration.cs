namespace ResultsLive.Core.Model;

/// <summary>A returning officer's declaration (or a correction of one, under a higher revision).</summary>
public sealed record Declaration(
    string Constituency,
    int Revision,
    DateTimeOffset DeclaredAt,
    int Electorate,
    int InvalidVotes,
    IReadOnlyList<CandidateVotes> Candidates)
{
    public long ValidVotes => Candidates.Sum(c => (long)c.Votes);
}

/// <summary>One candidate's votes in a declaration.</summary>
public sealed record CandidateVotes(string Name, string Party, int Votes);
