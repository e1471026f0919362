using ResultsLive.Core.Model;

namespace ResultsLive.Core.Arithmetic;

/// <summary>Turns a validated declaration into a <see cref="SeatResult"/> against the election's baseline.</summary>
public static class SeatCalculator
{
    public static SeatResult Calculate(Election election, Declaration declaration)
    {
        ArgumentNullException.ThrowIfNull(election);
        ArgumentNullException.ThrowIfNull(declaration);

        var constituency = election.FindConstituency(declaration.Constituency)
            ?? throw new ArgumentException($"'{declaration.Constituency}' is not a constituency of {election.Name}", nameof(declaration));
        if (declaration.Candidates.Count == 0)
        {
            throw new ArgumentException("a declaration needs at least one candidate", nameof(declaration));
        }

        var baseline = election.Baseline.For(constituency.Code);
        var valid = checked((int)declaration.ValidVotes);

        // Stable order: ties keep the order they were declared in, so the result never flickers between renders.
        var ordered = declaration.Candidates
            .Select((c, i) => (Candidate: c, Index: i))
            .OrderByDescending(x => x.Candidate.Votes)
            .ThenBy(x => x.Index)
            .Select(x => x.Candidate)
            .ToArray();

        var candidates = new CandidateResult[ordered.Length];
        for (var i = 0; i < ordered.Length; i++)
        {
            var c = ordered[i];
            var share = Share(c.Votes, valid);
            double? change = baseline is null || Party.IsIndependentCode(c.Party) ? null : share - baseline.ShareOf(c.Party);
            candidates[i] = new CandidateResult(c.Name, c.Party, c.Votes, share, change, Elected: i == 0);
        }

        var majority = candidates.Length > 1 ? candidates[0].Votes - candidates[1].Votes : candidates[0].Votes;
        double? turnout = declaration.Electorate > 0 ? valid * 100.0 / declaration.Electorate : null;

        return new SeatResult(
            constituency,
            declaration.Revision,
            declaration.DeclaredAt,
            declaration.Electorate,
            valid,
            declaration.InvalidVotes,
            turnout,
            turnout - baseline?.Turnout,
            candidates,
            majority,
            Share(majority, valid),
            baseline?.Winner,
            ResultText.HoldOrGain(candidates[0].Party, baseline?.Winner),
            SeatSwing(candidates));
    }

    /// <summary>Butler swing between the first and second placed; null when either is an independent or has no baseline.</summary>
    private static Swing? SeatSwing(CandidateResult[] candidates)
    {
        if (candidates.Length < 2)
        {
            return null;
        }

        var (first, second) = (candidates[0], candidates[1]);
        return first.ShareChange is { } a && second.ShareChange is { } b ? Swing.Butler(first.Party, a, second.Party, b) : null;
    }

    private static double Share(long votes, long total) => total > 0 ? votes * 100.0 / total : 0;
}
