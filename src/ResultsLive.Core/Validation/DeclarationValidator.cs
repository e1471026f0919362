using System.Text;

using ResultsLive.Core.Model;

namespace ResultsLive.Core.Validation;

/// <summary>Checks a declaration against the election and reports every problem at once, never just the first.</summary>
public static class DeclarationValidator
{
    public static ValidationResult Validate(Election election, Declaration declaration)
    {
        ArgumentNullException.ThrowIfNull(election);
        ArgumentNullException.ThrowIfNull(declaration);

        var problems = new List<ValidationProblem>();
        if (declaration.Revision < 1)
        {
            problems.Add(new("revision", $"must be 1 or more, not {declaration.Revision}"));
        }

        if (declaration.Electorate < 0)
        {
            problems.Add(new("electorate", "must not be negative"));
        }

        if (declaration.InvalidVotes < 0)
        {
            problems.Add(new("invalidVotes", "must not be negative"));
        }

        var constituency = election.FindConstituency(declaration.Constituency ?? "");
        if (constituency is null)
        {
            problems.Add(new("constituency", $"'{declaration.Constituency}' is not a constituency of {election.Name}", ProblemKind.NotFound));
            return new(problems, null);
        }

        var candidates = declaration.Candidates ?? [];
        if (candidates.Count == 0)
        {
            problems.Add(new("candidates", "must list every nominated candidate"));
        }

        var nominations = election.NominationsFor(constituency.Code);
        var matched = new CandidateVotes[candidates.Count];
        var seen = new Dictionary<Nomination, int>();
        long validVotes = 0;
        for (var i = 0; i < candidates.Count; i++)
        {
            var candidate = candidates[i];
            if (candidate is null)
            {
                problems.Add(new($"candidates[{i}]", "is missing"));
                continue;
            }

            if (candidate.Votes < 0)
            {
                problems.Add(new($"candidates[{i}].votes", $"must not be negative, not {candidate.Votes}"));
            }

            validVotes += Math.Max(0, candidate.Votes);
            var nomination = nominations.FirstOrDefault(n => SameCandidate(n, candidate));
            if (nomination is null)
            {
                problems.Add(new(
                    $"candidates[{i}]",
                    $"'{candidate.Name}' ({candidate.Party}) was not nominated in {constituency.Name}; nominated: {Describe(nominations)}"));
                continue;
            }

            if (seen.TryGetValue(nomination, out var first))
            {
                problems.Add(new($"candidates[{i}]", $"'{nomination.Name}' ({nomination.Party}) is listed twice (also candidates[{first}])"));
                continue;
            }

            seen[nomination] = i;
            matched[i] = new CandidateVotes(nomination.Name, nomination.Party, candidate.Votes);
        }

        var missing = nominations.Where(n => !seen.ContainsKey(n)).ToList();
        if (missing.Count > 0 && candidates.Count > 0)
        {
            problems.Add(new("candidates", $"nominated candidates are missing: {Describe(missing)}"));
        }

        if (declaration.Electorate > 0 && validVotes > declaration.Electorate)
        {
            problems.Add(new("candidates", $"valid votes {validVotes:N0} are more than the electorate {declaration.Electorate:N0}"));
        }

        return problems.Count > 0
            ? new(problems, null)
            : new(problems, declaration with { Constituency = constituency.Code, Candidates = matched });
    }

    /// <summary>Candidates match by party and name, ignoring case and runs of white space.</summary>
    public static bool SameCandidate(Nomination nomination, CandidateVotes candidate) =>
        string.Equals(Fold(nomination.Party), Fold(candidate.Party), StringComparison.OrdinalIgnoreCase)
        && string.Equals(Fold(nomination.Name), Fold(candidate.Name), StringComparison.OrdinalIgnoreCase);

    /// <summary>A name or party as candidates are matched: trimmed, each run of white space one space (case is kept).</summary>
    public static string Fold(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var builder = new StringBuilder(text.Length);
        var space = false;
        foreach (var ch in text.Trim())
        {
            if (char.IsWhiteSpace(ch))
            {
                space = true;
                continue;
            }

            if (space)
            {
                builder.Append(' ');
                space = false;
            }

            builder.Append(ch);
        }

        return builder.ToString();
    }

    private static string Describe(IEnumerable<Nomination> nominations) =>
        string.Join(", ", nominations.Select(n => $"{n.Name} ({n.Party})"));
}
