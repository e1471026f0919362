using System.Text.Json;

using AngleSharp.Dom;

using Bunit;

using Microsoft.Extensions.DependencyInjection;

using ResultsLive.Core.Model;
using ResultsLive.Feed;
using ResultsLive.Web.Admin.Pages;
using ResultsLive.Web.Audit;
using ResultsLive.Web.Tests.Security;

namespace ResultsLive.Web.Tests.Admin.Pages;

/// <summary>
/// <c>/admin/declare</c> on a real node's ingest: the seat's nominations and next revision filled in, live totals and the
/// result text as the figures are typed, each field's problem beside it, the override's reason when the checks fail, and
/// the commit and status changes journalled under the admin's name and audited as manual entries.
/// </summary>
public sealed class DeclareTests(NewsroomNode newsroom) : AdminPageContext(newsroom.Node), IClassFixture<NewsroomNode>
{
    /// <summary>A datetime-local field's value as Blazor's script sends it: with seconds, whatever the field shows.</summary>
    private const string DeclaredAt = "2024-07-05T03:42:00";

    [Fact]
    public void Render_ASeat_PrefillsItsNominatedCandidatesElectorateAndNextRevision()
    {
        var cut = Render<Declare>(p => p.Add(x => x.Code, "E14001306"));

        var published = Published("E14001306");
        Assert.Equal(published.Candidates.Select(c => c.Name).Order(StringComparer.Ordinal), cut.FindAll("tr[data-candidate]").Select(r => r.GetAttribute("data-candidate")!).Order(StringComparer.Ordinal));
        Assert.Equal(published.Electorate.ToString(System.Globalization.CultureInfo.InvariantCulture), cut.Find("#electorate").GetAttribute("value"));
        Assert.Equal("1", cut.Find("#revision").GetAttribute("value"));
        Assert.Equal("Declare", cut.Find("#declare").TextContent.Trim());
        Assert.Equal("No result declared.", cut.Find("[data-testid=current]").TextContent);
    }

    [Fact]
    public void TypingTheFigures_ShowsLiveTotalsAndTheResultTextBeforeCommit()
    {
        var cut = Render<Declare>(p => p.Add(x => x.Code, "E14001305"));

        Fill(cut, Published("E14001305"));

        Assert.Equal("49,006", cut.Find("[data-testid=valid-votes]").TextContent);
        Assert.Equal("67.3%", cut.Find("[data-testid=turnout]").TextContent);
        Assert.Equal("7,247", cut.Find("[data-testid=majority]").TextContent);
        Assert.Equal("Islington North: Ind gain from Lab. Jeremy Corbyn (Ind) 24,120. Majority 7,247. Turnout 67.3%.", cut.Find("[data-testid=preview]").TextContent);
        Assert.Empty(cut.FindAll(".warnings"));
    }

    [Fact]
    public void NegativeVotes_IsShownBesideThatCandidatesVotes()
    {
        var cut = Render<Declare>(p => p.Add(x => x.Code, "E14001307"));

        cut.Find("#votes-0").Input("-5");

        Assert.Equal("must not be negative, not -5", cut.Find("#votes-0-message").TextContent);
        Assert.Contains("invalid", cut.Find("#votes-0").ClassList);
        Assert.Equal("votes-0-message", cut.Find("#votes-0").GetAttribute("aria-describedby"));
    }

    [Fact]
    public async Task Commit_ImplausibleElectorate_NeedsAReasonThenIsJournalledWithItAndAuditedAsOverride()
    {
        var code = "E14001308";
        var published = Published(code);
        var cut = Render<Declare>(p => p.Add(x => x.Code, code));
        Fill(cut, published with { Electorate = published.Electorate * 10 });
        Assert.Contains("more than 10% away", cut.Find("#electorate-message").TextContent, StringComparison.Ordinal);
        Assert.Contains(cut.FindAll(".warnings li"), li => li.GetAttribute("data-field") == "electorate");
        var sequence = Live.Current.Sequence;

        await cut.Find("form.declare-form").SubmitAsync();

        Assert.Equal("is required: say why the figures stand (who confirmed them, how)", cut.Find("#override-reason-message").TextContent);
        Assert.Equal(sequence, Live.Current.Sequence);

        cut.Find("#override-reason").Input("Returning officer read it out twice");
        await cut.Find("form.declare-form").SubmitAsync();

        cut.WaitForAssertion(() => Assert.StartsWith("Declared: revision 1", cut.Find("[data-testid=notice]").TextContent, StringComparison.Ordinal));
        var entry = Live.Current.EntriesAfter(sequence, 10).Single(e => e.Constituency == code);
        Assert.Equal(new Provenance("user:alice", "Returning officer read it out twice"), entry.Provenance);
        var trail = Node.Services.GetRequiredService<IAuditTrail>();
        var overrides = await trail.ReadAsync(new AuditFilter(Actor: "user:alice", Action: AuditActions.Override, Target: code), new AuditPaging());
        Assert.EndsWith("overrode electorate, candidates; reason: Returning officer read it out twice", Assert.Single(overrides.Events).Event.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Commit_PlausibleFigures_GoThroughIngestUnderTheAdminsNameAndTheRevisionMovesOn()
    {
        var code = "E14001309";
        var cut = Render<Declare>(p => p.Add(x => x.Code, code));
        Fill(cut, Published(code));

        await cut.Find("form.declare-form").SubmitAsync();

        cut.WaitForAssertion(() => Assert.StartsWith("Declared: revision 1, sequence ", cut.Find("[data-testid=notice]").TextContent, StringComparison.Ordinal));
        using var seat = await Node.GetJsonAsync($"/api/v1/constituencies/{code}");
        Assert.Equal(("declared", 1), (seat.RootElement.GetProperty("status").GetString(), seat.RootElement.GetProperty("revision").GetInt32()));
        Assert.Equal(new DateTimeOffset(2024, 7, 5, 3, 42, 0, TimeSpan.FromHours(1)), seat.RootElement.GetProperty("declaredAt").GetDateTimeOffset());
        var manual = await Node.Services.GetRequiredService<IAuditTrail>().ReadAsync(new AuditFilter(Actor: "user:alice", Action: AuditActions.ManualEntry, Target: code), new AuditPaging());
        Assert.StartsWith("revision 1, sequence ", Assert.Single(manual.Events).Event.Detail, StringComparison.Ordinal);
        cut.WaitForAssertion(() => Assert.Equal("2", cut.Find("#revision").GetAttribute("value")));
        Assert.Equal("Declare correction", cut.Find("#declare").TextContent.Trim());
    }

    [Fact]
    public async Task Status_RecountByHand_IsJournalledAndAudited()
    {
        var code = "E14001310";
        var cut = Render<Declare>(p => p.Add(x => x.Code, code));

        await cut.Find("button[data-status=recount]").ClickAsync(new());

        cut.WaitForAssertion(() => Assert.Equal("Recount", cut.Find("[data-testid=status]").TextContent));
        Assert.Equal(SeatStatus.Recount, Live.Current.Status(code));
        var manual = await Node.Services.GetRequiredService<IAuditTrail>().ReadAsync(new AuditFilter(Action: AuditActions.ManualEntry, Target: code), new AuditPaging());
        Assert.StartsWith("status recount, sequence ", Assert.Single(manual.Events).Event.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_AwaitingOnADeclaredSeat_AsksBeforeWithdrawingTheResult()
    {
        var code = "E14001311";
        var cut = Render<Declare>(p => p.Add(x => x.Code, code));
        Fill(cut, Published(code));
        await cut.Find("form.declare-form").SubmitAsync();
        cut.WaitForAssertion(() => Assert.Equal("Declared", cut.Find("[data-testid=status]").TextContent));

        await cut.Find("button[data-status=awaiting]").ClickAsync(new());

        Assert.NotNull(Live.Current.Seat(code));
        await cut.Find("[data-testid=confirm-withdraw]").ClickAsync(new());
        cut.WaitForAssertion(() => Assert.Equal("Awaiting", cut.Find("[data-testid=status]").TextContent));
        Assert.Null(Live.Current.Seat(code));
    }

    [Fact]
    public void Search_PartOfAName_ListsTheSeatsWithLinksToTheirForms()
    {
        var cut = Render<Declare>();

        cut.Find("#seat-search").Input("islington");

        Assert.Equal(
            [("Islington North", "admin/declare/E14001305"), ("Islington South and Finsbury", "admin/declare/E14001306")],
            cut.FindAll(".matches a").Select(a => (a.QuerySelector("strong")!.TextContent, a.GetAttribute("href"))));
    }

    [Fact]
    public void Render_UnknownSeat_SaysSo()
    {
        var cut = Render<Declare>(p => p.Add(x => x.Code, "E99999999"));

        Assert.Equal("'E99999999' is not a constituency of General election 2024.", cut.Find("[data-testid=notice]").TextContent);
        Assert.Empty(cut.FindAll("form"));
    }

    /// <summary>Types a declaration's figures into the form as a person would, field by field.</summary>
    private static void Fill(IRenderedComponent<Declare> cut, Declaration declaration)
    {
        cut.Find("#declared-at").Change(DeclaredAt);
        cut.Find("#electorate").Input(declaration.Electorate.ToString(System.Globalization.CultureInfo.InvariantCulture));
        cut.Find("#invalid-votes").Input(declaration.InvalidVotes.ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (var candidate in declaration.Candidates)
        {
            var row = cut.FindAll("tr[data-candidate]").Single(r => r.GetAttribute("data-candidate") == candidate.Name);
            row.QuerySelector("input")!.Input(candidate.Votes.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }
}
