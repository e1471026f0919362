using System.Globalization;
using System.Text;

using ResultsLive.Core.Model;

namespace ResultsLive.Core.Validation;

/// <summary>
/// Checks a declaration against the election and reports every problem at once, never just the first. These problems are
/// <see cref="ProblemKind.Invalid"/>: no override passes them, because the arithmetic or the election cannot take them.
/// Figures that are merely unlikely are <see cref="PlausibilityChecks"/>' business.
/// </summary>
public static class DeclarationValidator
{
    /// <summary>
    /// The highest revision: every correction must be higher than the one before, so a mistyped revision near 2^31 (or a
    /// date such as 20240705) would leave the seat no room for the next one. A million is more corrections than any night has.
    /// </summary>
    public const int MaxRevision = 1_000_000;

    /// <summary>
    /// The largest electorate, vote count or number of rejected ballots there can be: ten million, a hundred times the
    /// largest constituency, so no real figure comes near it, and small enough that a seat's votes add up within 32 bits.
    /// </summary>
    public const int MaxFigure = 10_000_000;

    public static ValidationResult Validate(Election election, Declaration declaration)
    {
        ArgumentNullException.ThrowIfNull(election);
        ArgumentNullException.ThrowIfNull(declaration);

        var problems = new List<ValidationProblem>();
        if (declaration.Revision < 1)
        {
            problems.Add(new("revision", $"must be 1 or more, not {declaration.Revision}"));
        }
        else if (declaration.Revision > MaxRevision)
        {
            problems.Add(new("revision", Text($"must be at most {MaxRevision:N0}, not {declaration.Revision:N0}: each correction takes the next revision, so leave room for them")));
        }

        if (declaration.Electorate < 0)
        {
            problems.Add(new("electorate", "must not be negative"));
        }
        else if (declaration.Electorate == 0)
        {
            problems.Add(new("electorate", "must be more than 0: turnout is valid votes over the electorate"));
        }
        else if (declaration.Electorate > MaxFigure)
        {
            problems.Add(new("electorate", Text($"must be at most {MaxFigure:N0}, not {declaration.Electorate:N0}")));
        }

        if (declaration.InvalidVotes < 0)
        {
            problems.Add(new("invalidVotes", "must not be negative"));
        }
        else if (declaration.InvalidVotes > MaxFigure)
        {
            problems.Add(new("invalidVotes", Text($"must be at most {MaxFigure:N0}, not {declaration.InvalidVotes:N0}")));
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
            else if (candidate.Votes > MaxFigure)
            {
                problems.Add(new($"candidates[{i}].votes", Text($"must be at most {MaxFigure:N0}, not {candidate.Votes:N0}")));
            }

            validVotes += Math.Clamp(candidate.Votes, 0, MaxFigure);
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

        // Every figure is bounded, but a seat with hundreds of nominations could still add up past what the arithmetic holds.
        if (validVotes > int.MaxValue)
        {
            problems.Add(new("candidates", Text($"valid votes add up to {validVotes:N0}, more than a count can hold ({int.MaxValue:N0})")));
        }
        else if (validVotes == 0 && candidates.Count > 0 && candidates.All(c => c is { Votes: 0 }))
        {
            problems.Add(new("candidates", "no candidate has a vote: a declared result has a winner"));
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

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static string Describe(IEnumerable<Nomination> nominations) =>
        string.Join(", ", nominations.Select(n => $"{n.Name} ({n.Party})"));
}
