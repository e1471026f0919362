using System.Security.Claims;

using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

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
/// <c>/admin/exit-poll</c>: the exit poll typed in at 22:00 (seats per party in the election's order, the source and the
/// time), checked as it is typed by ingest's own validator, entered through <see cref="DeclarationIngest"/> as a journal
/// entry; the one in force is shown with who entered it.
/// </summary>
public sealed partial class ExitPollEntry : IDisposable
{
    /// <summary>A party is offered when it contests at least this share of the seats (or held one at the baseline).</summary>
    private const double ContestedShare = 0.05;

    private IDisposable? _following;
    private bool _attempted;

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

    /// <summary>One row per party offered, in the election's order, with <see cref="Party.OtherCode"/> last.</summary>
    private List<PartyRow> Rows { get; } = [];

    private string? Source { get; set; }

    /// <summary>When it was published, in UK time.</summary>
    private DateTime? PublishedAt { get; set; }

    private IReadOnlyList<ValidationProblem> Problems { get; set; } = [];

    private string? Notice { get; set; }

    private bool NoticeIsError { get; set; }

    private bool Busy { get; set; }

    private bool Interactive { get; set; }

    private int Total => Rows.Sum(r => Math.Max(0, r.Seats ?? 0));

    public void Dispose() => _following?.Dispose();

    protected override void OnInitialized()
    {
        var snapshot = Live.Snapshot;
        var election = snapshot.Election;
        var current = snapshot.ExitPoll;
        foreach (var code in Offered(election, current))
        {
            var party = code == Party.OtherCode ? PartyCatalog.Get(Party.OtherCode) : Format.Party(election, code);
            Rows.Add(new PartyRow(party, current?.SeatsFor(code)));
        }

        Source = current?.Source;
        PublishedAt = FormFields.ToUkTime(current?.PublishedAt ?? Time.GetUtcNow());
    }

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender)
        {
            Interactive = true;
            StateHasChanged();
            _following = Live.Follow(() => InvokeAsync(StateHasChanged), change => change.Entry.Kind == JournalEntryKind.ExitPoll);
        }
    }

    /// <summary>The parties named (each with seats entered), as ingest would get them, and the row each came from.</summary>
    private (ExitPoll ExitPoll, List<int> RowOf) Build()
    {
        var rowOf = new List<int>();
        var parties = new List<ExitPollSeats>();
        for (var i = 0; i < Rows.Count; i++)
        {
            if (Rows[i].Seats is { } seats)
            {
                parties.Add(new ExitPollSeats(Rows[i].Party.Code, seats));
                rowOf.Add(i);
            }
        }

        return (new ExitPoll(parties, Source ?? "", FormFields.FromUkTime(PublishedAt) ?? default), rowOf);
    }

    /// <summary>Checks what is typed with ingest's validator; a field's problem shows once it is filled in, or once sent.</summary>
    private void Recheck()
    {
        var (exitPoll, rowOf) = Build();
        var (problems, _) = ExitPollValidator.Validate(Live.Snapshot.Election, exitPoll);

        // The validator names parties by their place in what is sent; the form by row.
        Problems =
        [
            .. problems
                .Select(p => FormFields.Index(p.Field, "parties") is { } sent && sent < rowOf.Count ? p with { Field = $"rows[{rowOf[sent]}]" } : p)
                .Where(p => _attempted || p.Field switch
                {
                    "source" => !string.IsNullOrWhiteSpace(Source),
                    "parties" => rowOf.Count > 0,
                    _ => true,
                }),
        ];
    }

    private async Task EnterAsync()
    {
        if (Busy)
        {
            return;
        }

        _attempted = true;
        Recheck();
        if (Problems.Count > 0)
        {
            (Notice, NoticeIsError) = ("Nothing was sent: put right what is marked below.", true);
            return;
        }

        var user = AuthenticationState is null ? new ClaimsPrincipal() : (await AuthenticationState).User;
        var (exitPoll, _) = Build();
        Busy = true;
        try
        {
            var outcome = await Ingest.SetExitPollAsync(exitPoll, new Provenance(user.ActorName()), CancellationToken.None);
            if (outcome.IsRejected)
            {
                Problems = outcome.Problems;
                (Notice, NoticeIsError) = ("Nothing was sent: ingest rejected what is marked below.", true);
                return;
            }

            await Audit.ExitPollAsync(user, exitPoll, outcome.Append!.Sequence);
            (Notice, NoticeIsError) = ($"The exit poll is in: sequence {outcome.Append.Sequence}. It is on the public scoreboard and in /api/v1/results.", false);
            _attempted = false;
        }
        finally
        {
            Busy = false;
        }
    }

    private string? ErrorFor(string field) => Problems.Where(p => p.Field == field).Select(p => p.Reason).FirstOrDefault();

    /// <summary>The exit poll entry in force: its sequence and who entered it, from what the projection applied.</summary>
    private static AppliedEntry? Entered(LiveSnapshot snapshot) =>
        snapshot.ExitPoll is null ? null : snapshot.EntriesAfter(0, int.MaxValue).LastOrDefault(e => e.Kind == JournalEntryKind.ExitPoll);

    /// <summary>
    /// The parties an exit poll names: those that held a seat at the baseline or contest a twentieth of the seats, in the
    /// election's order, with any the poll in force names, and <see cref="Party.OtherCode"/> for the rest. Independents are
    /// individuals, so they are among the others.
    /// </summary>
    private static List<string> Offered(Election election, ExitPoll? current)
    {
        var contested = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var seat in election.Constituencies)
        {
            foreach (var party in election.NominationsFor(seat.Code).Select(n => n.Party).Distinct(StringComparer.OrdinalIgnoreCase))
            {
                contested[party] = contested.GetValueOrDefault(party) + 1;
            }
        }

        var held = election.Baseline.Seats.Values.Select(b => b.Winner).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var named = current?.Parties.Select(p => p.Party).ToHashSet(StringComparer.OrdinalIgnoreCase) ?? [];
        return
        [
            .. election.Parties
                .Where(p => !p.IsIndependent && p.Code != Party.OtherCode)
                .Where(p => named.Contains(p.Code) || held.Contains(p.Code) || contested.GetValueOrDefault(p.Code) >= election.SeatCount * ContestedShare)
                .Select(p => p.Code),
            Party.OtherCode,
        ];
    }

    /// <summary>One party's line in the form.</summary>
    private sealed class PartyRow(Party party, int? seats)
    {
        public Party Party { get; } = party;

        public int? Seats { get; set; } = seats;
    }
}
