using System.Globalization;

using ResultsLive.Core.Model;

namespace ResultsLive.Core.Validation;

/// <summary>
/// The checks that stop a fat finger reaching air: figures that could be true but almost never are. Each problem is
/// <see cref="ProblemKind.Implausible"/>, names its field and the range expected, and may be passed by an override with a
/// written reason; what is wrong whatever anyone says stays <see cref="DeclarationValidator"/>'s (<see cref="ProblemKind.Invalid"/>).
/// </summary>
/// <remarks>
/// Every bound is far outside what a real declaration shows, so a true result never needs an override on an ordinary night:
/// in 2024 electorates were 21,325 to 85,204 and each matched the Library's figure, turnout (valid votes over the
/// electorate) ran from 40.0% to 75.2%, and rejected ballots were at most 3.4% of those cast.
/// </remarks>
public static class PlausibilityChecks
{
    /// <summary>
    /// How far a declared electorate may be from the seat's configured one: registers move by a percent or two between the
    /// figures published before the night and the count, so 10% is a slipped digit, not a late registration.
    /// </summary>
    public const double ElectorateTolerance = 0.10;

    /// <summary>
    /// The largest electorate expected where the election does not say what a seat's is: the 2023 review set seats at
    /// 69,724 to 77,062 electors (a few island seats apart), and the largest before it, the Isle of Wight, had about 113,000.
    /// </summary>
    public const int MaxElectorate = 150_000;

    /// <summary>Turnout below this is a digit lost (4,900 typed for 49,000): 2024's lowest was 40%.</summary>
    public const double MinTurnout = 15;

    /// <summary>Turnout above this is more votes than electors.</summary>
    public const double MaxTurnout = 100;

    /// <summary>Rejected ballots above this share of the ballots cast are a digit too many: 2024's highest was 3.4%.</summary>
    public const double MaxInvalidShare = 10;

    /// <summary>How far ahead of this node's clock a declaration may be timed (clocks and feeds drift by minutes, never hours).</summary>
    public static readonly TimeSpan ClockTolerance = TimeSpan.FromHours(1);

    /// <summary>The longest override reason: one sentence, short enough to be shown whole beside the entry and in the audit trail.</summary>
    public const int MaxReasonLength = 120;

    /// <summary>
    /// Everything ingest checks, at once: the validator's problems, which no override passes, and the implausible figures,
    /// which one may. <see cref="ValidationResult.Accepted"/> is set whenever nothing is invalid, however implausible.
    /// </summary>
    /// <param name="now">This node's clock, for a declaration timed in the future.</param>
    public static ValidationResult Validate(Election election, Declaration declaration, DateTimeOffset now)
    {
        var validation = DeclarationValidator.Validate(election, declaration);
        var implausible = Check(election, validation.Accepted ?? declaration, now);
        return implausible.Count == 0 ? validation : new ValidationResult([.. validation.Problems, .. implausible], validation.Accepted);
    }

    /// <summary>
    /// The implausible figures in a declaration, each naming its field and the range expected. Safe on a declaration the
    /// validator rejected (a missing candidate, an unknown seat): what cannot be judged is skipped.
    /// </summary>
    public static IReadOnlyList<ValidationProblem> Check(Election election, Declaration declaration, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(election);
        ArgumentNullException.ThrowIfNull(declaration);

        var problems = new List<ValidationProblem>();
        var electorate = declaration.Electorate;
        var seat = election.FindConstituency(declaration.Constituency ?? "");
        if (electorate > 0 && electorate <= DeclarationValidator.MaxFigure)
        {
            if (seat is { Electorate: > 0 } known)
            {
                var (low, high) = ElectorateRange(known.Electorate);
                if (electorate < low || electorate > high)
                {
                    problems.Add(Implausible("electorate", $"{electorate:N0} is more than 10% away from {known.Name}'s electorate of {known.Electorate:N0}: expected {low:N0} to {high:N0}"));
                }
            }
            else if (electorate > MaxElectorate)
            {
                problems.Add(Implausible("electorate", $"{electorate:N0} is more than any constituency has: expected at most {MaxElectorate:N0}"));
            }
        }

        var candidates = declaration.Candidates ?? [];
        long valid = 0;
        for (var i = 0; i < candidates.Count; i++)
        {
            if (candidates[i] is not { Votes: >= 0 and <= DeclarationValidator.MaxFigure } candidate)
            {
                continue;
            }

            valid += candidate.Votes;
            if (electorate > 0 && candidate.Votes > electorate)
            {
                problems.Add(Implausible($"candidates[{i}].votes", $"{candidate.Votes:N0} is more than the electorate: expected 0 to {electorate:N0}"));
            }
        }

        if (electorate > 0 && valid > 0)
        {
            var turnout = valid * 100.0 / electorate;
            if (turnout > MaxTurnout)
            {
                problems.Add(Implausible("candidates", $"valid votes {valid:N0} are more than the electorate {electorate:N0} (a turnout of {turnout:0.0}%): expected a turnout of {MinTurnout:0}% to {MaxTurnout:0}%, at most {electorate:N0} votes"));
            }
            else if (turnout < MinTurnout)
            {
                problems.Add(Implausible("candidates", $"valid votes {valid:N0} are a turnout of {turnout:0.0}% of the electorate {electorate:N0}: expected {MinTurnout:0}% to {MaxTurnout:0}%, at least {MinimumVotes(electorate):N0} votes"));
            }
        }

        var invalid = declaration.InvalidVotes;
        if (invalid > 0 && invalid <= DeclarationValidator.MaxFigure && valid > 0 && invalid * 100.0 / (valid + invalid) > MaxInvalidShare)
        {
            problems.Add(Implausible("invalidVotes", $"{invalid:N0} rejected ballots are {invalid * 100.0 / (valid + invalid):0.0}% of the {valid + invalid:N0} cast: expected at most {MaxInvalidShare:0}%, {MaximumInvalid(valid):N0}"));
        }

        if (declaration.DeclaredAt - now > ClockTolerance)
        {
            problems.Add(Implausible("declaredAt", $"{declaration.DeclaredAt:yyyy-MM-dd'T'HH:mm:sszzz} is later than this node's clock ({now.ToOffset(declaration.DeclaredAt.Offset):yyyy-MM-dd'T'HH:mm:sszzz}): expected no later than an hour from now"));
        }

        return problems;
    }

    /// <summary>The problem with an override's reason, or null when it will do: required, one line of plain text, bounded.</summary>
    public static ValidationProblem? CheckOverrideReason(string? reason)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            return new("override.reason", "is required: say why the figures stand (who confirmed them, how)");
        }

        if (reason.Trim().Length > MaxReasonLength)
        {
            return new("override.reason", $"must be at most {MaxReasonLength} characters, not {reason.Trim().Length}");
        }

        return reason.Any(char.IsControl) ? new("override.reason", "must be one line of plain text, without control characters") : null;
    }

    /// <summary>The electorates within <see cref="ElectorateTolerance"/> of a seat's configured one.</summary>
    public static (int Low, int High) ElectorateRange(int configured) =>
        ((int)Math.Ceiling(configured * (1 - ElectorateTolerance)), (int)Math.Floor(configured * (1 + ElectorateTolerance)));

    private static long MinimumVotes(int electorate) => (long)Math.Ceiling(electorate * MinTurnout / 100);

    private static long MaximumInvalid(long valid) => (long)Math.Floor(valid * MaxInvalidShare / (100 - MaxInvalidShare));

    private static ValidationProblem Implausible(string field, FormattableString reason) =>
        new(field, reason.ToString(CultureInfo.InvariantCulture), ProblemKind.Implausible);
}
