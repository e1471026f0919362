using ResultsLive.Core.Arithmetic;
using ResultsLive.Core.Model;
using ResultsLive.Core.Validation;

namespace ResultsLive.Web.Admin;

/// <summary>
/// What the manual-entry form holds while a result is typed: a seat's nominated candidates with their votes, the other
/// figures, and the override reason, each empty until entered. It turns into the <see cref="Declaration"/> ingest takes.
/// </summary>
public sealed class ManualDeclaration
{
    private int? _revision;

    public ManualDeclaration(Constituency seat, IReadOnlyList<Nomination> nominations, SeatResult? current, int nextRevision, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(seat);
        ArgumentNullException.ThrowIfNull(nominations);
        Seat = seat;
        _revision = nextRevision;

        // A correction starts from the figures declared; a first declaration from the electorate known before the night.
        Candidates = [.. nominations.Select(n => new ManualCandidate(n.Name, n.Party, current?.Candidates.FirstOrDefault(c => Same(c, n))?.Votes))];
        Electorate = current?.Electorate ?? (seat.Electorate > 0 ? seat.Electorate : null);
        InvalidVotes = current?.InvalidVotes;
        DeclaredAt = now;
    }

    public Constituency Seat { get; }

    /// <summary>The revision to send; follows the seat's next one until the person types another.</summary>
    public int? Revision
    {
        get => _revision;
        set
        {
            _revision = value;
            RevisionTyped = true;
        }
    }

    /// <summary>True once the revision was typed rather than filled in.</summary>
    public bool RevisionTyped { get; private set; }

    /// <summary>When it was declared, in UK time (what the returning officer's clock said).</summary>
    public DateTime? DeclaredAt { get; set; }

    public int? Electorate { get; set; }

    public int? InvalidVotes { get; set; }

    public IReadOnlyList<ManualCandidate> Candidates { get; }

    /// <summary>Why implausible figures stand, when the checks flag any.</summary>
    public string? OverrideReason { get; set; }

    public long ValidVotes => Candidates.Sum(c => (long)Math.Max(0, c.Votes ?? 0));

    /// <summary>Valid votes over the electorate, in percent (the Library's definition), once both are known.</summary>
    public double? Turnout => Electorate is > 0 && ValidVotes > 0 ? ValidVotes * 100.0 / Electorate.Value : null;

    /// <summary>The first's votes less the second's, once every candidate's votes are in.</summary>
    public long? Majority
    {
        get
        {
            if (!AllVotesEntered || Candidates.Count == 0)
            {
                return null;
            }

            var top = Candidates.Select(c => (long)c.Votes!.Value).OrderDescending().Take(2).ToArray();
            return top.Length > 1 ? top[0] - top[1] : top[0];
        }
    }

    public bool AllVotesEntered => Candidates.All(c => c.Votes is not null);

    /// <summary>True when every field is filled in, so the declaration is what the person means to send.</summary>
    public bool IsComplete => Revision is not null && DeclaredAt is not null && Electorate is not null && InvalidVotes is not null && AllVotesEntered;

    /// <summary>Sets the revision the form proposes (the seat's next), unless the person has typed one.</summary>
    public void Propose(int revision)
    {
        if (!RevisionTyped)
        {
            _revision = revision;
        }
    }

    /// <summary>
    /// The declaration as typed, empty fields as 0 so that what is entered can be checked while the rest is still being
    /// typed; <see cref="IsEntered"/> says which problems to show yet.
    /// </summary>
    public Declaration ToDeclaration() =>
        new(
            Seat.Code,
            Revision ?? 0,
            DeclaredAtInUkTime ?? DateTimeOffset.MinValue,
            Electorate ?? 0,
            InvalidVotes ?? 0,
            [.. Candidates.Select(c => new CandidateVotes(c.Name, c.Party, c.Votes ?? 0))]);

    /// <summary>The declaration time with UK time's offset on that day, or null when none (or none that can be placed) is entered.</summary>
    public DateTimeOffset? DeclaredAtInUkTime => FormFields.FromUkTime(DeclaredAt);

    /// <summary>The problems for fields not yet filled in: shown once the person tries to declare.</summary>
    public IReadOnlyList<ValidationProblem> Missing()
    {
        var missing = new List<ValidationProblem>();
        Require(Revision, "revision");
        if (DeclaredAtInUkTime is null)
        {
            missing.Add(new("declaredAt", DeclaredAt is null ? "is required" : "is not a time that can be placed"));
        }
        Require(Electorate, "electorate");
        Require(InvalidVotes, "invalidVotes");
        for (var i = 0; i < Candidates.Count; i++)
        {
            Require(Candidates[i].Votes, $"candidates[{i}].votes");
        }

        return missing;

        void Require(object? value, string field)
        {
            if (value is null)
            {
                missing.Add(new(field, "is required"));
            }
        }
    }

    /// <summary>
    /// Whether a problem is about what was typed rather than what is still missing: its field is filled in and, for a check
    /// that compares figures (turnout, rejected ballots' share), so are the figures it compares.
    /// </summary>
    public bool IsEntered(ValidationProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var comparing = problem.Kind == ProblemKind.Implausible;
        return problem.Field switch
        {
            "revision" => Revision is not null,
            "declaredAt" => DeclaredAt is not null,
            "electorate" => Electorate is not null,
            "invalidVotes" => InvalidVotes is not null && (!comparing || AllVotesEntered),
            "candidates" => AllVotesEntered && (!comparing || Electorate is not null),
            var field when FormFields.Index(field, "candidates") is { } i => i < Candidates.Count && Candidates[i].Votes is not null && (!comparing || Electorate is not null),
            _ => true,
        };
    }

    private static bool Same(CandidateResult result, Nomination nomination) =>
        string.Equals(result.Name, nomination.Name, StringComparison.Ordinal) && string.Equals(result.Party, nomination.Party, StringComparison.Ordinal);
}

/// <summary>One nominated candidate's line in the manual-entry form.</summary>
public sealed class ManualCandidate(string name, string party, int? votes)
{
    public string Name { get; } = name;

    public string Party { get; } = party;

    public int? Votes { get; set; } = votes;
}
