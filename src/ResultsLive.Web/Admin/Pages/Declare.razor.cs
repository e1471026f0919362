using System.Globalization;
using System.Security.Claims;

using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

using ResultsLive.Core.Arithmetic;
using ResultsLive.Core.Model;
using ResultsLive.Core.Validation;
using ResultsLive.Feed;
using ResultsLive.Web.Audit;
using ResultsLive.Web.Ingest;
using ResultsLive.Web.Security;
using ResultsLive.Web.Shared.Live;
using ResultsLive.Web.Shared.Markup;

namespace ResultsLive.Web.Admin.Pages;

/// <summary>
/// <c>/admin/declare</c>: a seat's result entered or corrected by hand when the feed fails, and its status set by hand. The
/// figures are checked as they are typed by the same code as ingest (<see cref="DeclarationIngest.Check"/>), the result
/// text is previewed by the same arithmetic, and the commit goes through <see cref="DeclarationIngest"/> like the API's.
/// </summary>
public sealed partial class Declare : IDisposable
{
    private const int MaxMatches = 8;

    /// <summary>Seat names match whatever the case and accents ("Ynys Mon" finds Ynys Môn).</summary>
    private const CompareOptions Loose = CompareOptions.IgnoreCase | CompareOptions.IgnoreNonSpace;
    private static readonly SeatStatus[] StatusChoices = [SeatStatus.Counting, SeatStatus.Recount, SeatStatus.Declared, SeatStatus.Awaiting];
    private static readonly CompareInfo Compare = CultureInfo.InvariantCulture.CompareInfo;

    private IDisposable? _following;
    private string? _loaded;
    private bool _attempted;
    private bool _confirmWithdraw;
    private IReadOnlyList<ValidationProblem> _problems = [];

    [Inject]
    public required LiveView Live { get; init; }

    [Inject]
    public required DeclarationIngest Ingest { get; init; }

    [Inject]
    public required AuditRecorder Audit { get; init; }

    [Inject]
    public required TimeProvider Time { get; init; }

    [Inject]
    public required ResultsMarkup Markup { get; init; }

    [CascadingParameter]
    public Task<AuthenticationState>? AuthenticationState { get; set; }

    /// <summary>The seat's code, from <c>/admin/declare/{code}</c>.</summary>
    [Parameter]
    public string? Code { get; set; }

    private string Query { get; set; } = "";

    private IReadOnlyList<Constituency> Matches { get; set; } = [];

    private Constituency? Seat { get; set; }

    private ManualDeclaration? Form { get; set; }

    /// <summary>The result text the figures would give, once they are complete and nothing in them is invalid.</summary>
    private string? Preview { get; set; }

    private IReadOnlyList<ValidationProblem> Warnings => [.. _problems.Where(p => p.Kind == ProblemKind.Implausible)];

    private bool HasInvalid => _problems.Any(p => p.Kind != ProblemKind.Implausible);

    private string? Notice { get; set; }

    private bool NoticeIsError { get; set; }

    private bool Busy { get; set; }

    /// <summary>True once the page runs in its circuit (after prerendering): its inputs answer from then on.</summary>
    private bool Interactive { get; set; }

    public void Dispose() => _following?.Dispose();

    protected override void OnParametersSet()
    {
        if (string.Equals(_loaded, Code, StringComparison.Ordinal))
        {
            return;
        }

        _loaded = Code;
        Notice = null;
        Seat = Code is null ? null : Live.Snapshot.Election.FindConstituency(Code);
        if (Code is not null && Seat is null)
        {
            (Notice, NoticeIsError) = ($"'{Code}' is not a constituency of {Live.Snapshot.Election.Name}.", true);
        }

        Load();
    }

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender)
        {
            Interactive = true;
            StateHasChanged();

            // Only this seat's entries move the page: its status, its revision, what is declared now.
            _following = Live.Follow(() => InvokeAsync(Refresh), change => Seat is { } seat && string.Equals(change.Entry.Constituency, seat.Code, StringComparison.OrdinalIgnoreCase));
        }
    }

    private void Search(ChangeEventArgs e)
    {
        Query = e.Value?.ToString() ?? "";
        var query = Query.Trim();
        if (query.Length < 2)
        {
            Matches = [];
            return;
        }

        Matches =
        [
            .. Live.Snapshot.Election.Constituencies
                .Select(c => (Seat: c, At: Compare.IndexOf(c.Name, query, Loose)))
                .Where(x => x.At >= 0 || x.Seat.Code.StartsWith(query, StringComparison.OrdinalIgnoreCase))
                .OrderBy(x => x.At < 0 ? 2 : x.At == 0 ? 0 : 1)
                .ThenBy(x => x.Seat.Name, StringComparer.OrdinalIgnoreCase)
                .Take(MaxMatches)
                .Select(x => x.Seat),
        ];
    }

    /// <summary>Fills the form for the chosen seat: its nominations, and what it has declared (a correction starts from that).</summary>
    private void Load()
    {
        _attempted = false;
        _confirmWithdraw = false;
        if (Seat is null)
        {
            Form = null;
            _problems = [];
            Preview = null;
            return;
        }

        var snapshot = Live.Snapshot;
        Form = new ManualDeclaration(
            Seat,
            snapshot.Election.NominationsFor(Seat.Code),
            snapshot.Seat(Seat.Code),
            NextRevision(snapshot, Seat.Code),
            FormFields.ToUkTime(Time.GetUtcNow()));
        Recheck();
    }

    private Task Refresh()
    {
        if (Form is not null && Seat is not null)
        {
            Form.Propose(NextRevision(Live.Snapshot, Seat.Code));
            Recheck();
        }

        StateHasChanged();
        return Task.CompletedTask;
    }

    /// <summary>Checks what is typed as ingest would, and previews the result text when nothing in it is invalid.</summary>
    private void Recheck()
    {
        if (Form is null)
        {
            return;
        }

        var result = Ingest.Check(Form.ToDeclaration());
        var shown = result.Problems.Where(p => Form.IsEntered(p));
        _problems = _attempted ? [.. Form.Missing(), .. shown.Where(p => !Form.Missing().Any(m => m.Field == p.Field))] : [.. shown];
        Preview = Form.IsComplete && result.Accepted is { } accepted ? SeatCalculator.Calculate(Live.Snapshot.Election, accepted).Text : null;
    }

    private async Task CommitAsync()
    {
        if (Form is null || Seat is null || Busy)
        {
            return;
        }

        _attempted = true;
        Recheck();
        if (!Form.IsComplete || HasInvalid)
        {
            (Notice, NoticeIsError) = ("Nothing was sent: put right the figures marked below.", true);
            return;
        }

        var reason = Warnings.Count > 0 ? Form.OverrideReason?.Trim() : null;
        if (Warnings.Count > 0 && PlausibilityChecks.CheckOverrideReason(reason) is { } badReason)
        {
            _problems = [.. _problems, badReason];
            (Notice, NoticeIsError) = ("Nothing was sent: these figures fail the plausibility checks, so they need a reason to stand.", true);
            return;
        }

        var user = await UserAsync();
        var declaration = Form.ToDeclaration();
        Busy = true;
        try
        {
            var outcome = await Ingest.DeclareAsync(declaration, new Provenance(user.ActorName(), reason), CancellationToken.None);
            if (outcome.IsRejected)
            {
                _problems = outcome.Problems;
                (Notice, NoticeIsError) = ("Nothing was sent: ingest rejected the figures marked below.", true);
                return;
            }

            await Audit.DeclaredAsync(user, AuditActions.ManualEntry, declaration, outcome, reason);
            var append = outcome.Append!;
            (Notice, NoticeIsError) = append.Outcome switch
            {
                AppendOutcome.Appended => ($"Declared: revision {declaration.Revision}, sequence {append.Sequence}{(outcome.Overridden.Count > 0 ? ", with the override recorded" : "")}.", false),
                AppendOutcome.Repeated => ($"Revision {declaration.Revision} was already declared with these figures (sequence {append.Sequence}): nothing changed.", false),
                AppendOutcome.Conflict => ($"Revision {declaration.Revision} was already declared with other figures. A correction takes revision {append.CurrentRevision + 1}: it is filled in; check the figures and declare again.", true),
                _ => ($"Revision {declaration.Revision} is older than revision {append.CurrentRevision}, already declared. A correction takes revision {append.CurrentRevision + 1}: it is filled in.", true),
            };
            if (append.Outcome is AppendOutcome.Appended or AppendOutcome.Repeated)
            {
                Form.OverrideReason = null;
                _attempted = false;
                Form.Propose(NextRevision(Live.Snapshot, Seat.Code));
            }
            else if (append.CurrentRevision is { } current)
            {
                Form.Revision = current + 1;
            }

            Recheck();
        }
        finally
        {
            Busy = false;
        }
    }

    private async Task SetStatusAsync(SeatStatus status)
    {
        if (Seat is null || Busy)
        {
            return;
        }

        // Back to awaiting takes a declared result out of every total: ask once more.
        if (status == SeatStatus.Awaiting && Live.Snapshot.Seat(Seat.Code) is not null && !_confirmWithdraw)
        {
            _confirmWithdraw = true;
            return;
        }

        _confirmWithdraw = false;
        var user = await UserAsync();
        Busy = true;
        try
        {
            var outcome = await Ingest.SetStatusAsync(Seat.Code, status, new Provenance(user.ActorName()), CancellationToken.None);
            if (outcome.IsRejected)
            {
                (Notice, NoticeIsError) = (string.Join(" ", outcome.Problems.Select(p => $"{p.Field}: {p.Reason}")), true);
                return;
            }

            await Audit.StatusAsync(user, AuditActions.ManualEntry, Seat.Code, status, outcome.Append!.Sequence);
            (Notice, NoticeIsError) = ($"{Seat.Name} is now {Format.Status(status).ToLowerInvariant()} (sequence {outcome.Append.Sequence}).", false);
        }
        finally
        {
            Busy = false;
        }
    }

    private async Task<ClaimsPrincipal> UserAsync() => AuthenticationState is null ? new ClaimsPrincipal() : (await AuthenticationState).User;

    private string? ErrorFor(string field) =>
        _problems.Where(p => p.Field == field && p.Kind != ProblemKind.Implausible).Select(p => p.Reason).FirstOrDefault();

    private string? WarningFor(string field) =>
        _problems.Where(p => p.Field == field && p.Kind == ProblemKind.Implausible).Select(p => p.Reason).FirstOrDefault();

    private string? FieldClass(string field) =>
        ErrorFor(field) is not null ? "invalid" : WarningFor(field) is not null ? "implausible" : null;

    /// <summary>A field as the form labels it, for the list of warnings.</summary>
    private string FieldName(string field) => field switch
    {
        "candidates" => "Valid votes",
        "electorate" => "Electorate",
        "invalidVotes" => "Rejected ballots",
        "declaredAt" => "Declared at",
        "revision" => "Revision",
        _ when FormFields.Index(field, "candidates") is { } i && Form is { } form && i < form.Candidates.Count => form.Candidates[i].Name,
        _ => field,
    };

    /// <summary>The <c>aria-describedby</c> of a field: its message, when it has one.</summary>
    private string? DescribedBy(string field, string id) => ErrorFor(field) is not null || WarningFor(field) is not null ? id : null;

    /// <summary>
    /// The seat's next revision: one above the highest it has had, counting a withdrawn one (it stays taken), from what the
    /// projection applied. A seat that has declared nothing starts at 1.
    /// </summary>
    private static int NextRevision(LiveSnapshot snapshot, string code)
    {
        var highest = 0;
        foreach (var entry in snapshot.EntriesAfter(0, int.MaxValue))
        {
            if (entry.Seat is { } seat && string.Equals(seat.Constituency.Code, code, StringComparison.Ordinal))
            {
                highest = Math.Max(highest, seat.Revision);
            }
        }

        return highest + 1;
    }

    private static string Share(long votes, long valid) => valid > 0 ? Format.Percent(votes * 100.0 / valid) : "–";
}
