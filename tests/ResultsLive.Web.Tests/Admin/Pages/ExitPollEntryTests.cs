using Bunit;

using Microsoft.Extensions.DependencyInjection;

using ResultsLive.Web.Admin.Pages;
using ResultsLive.Web.Audit;
using ResultsLive.Web.Tests.Security;

namespace ResultsLive.Web.Tests.Admin.Pages;

/// <summary>
/// <c>/admin/exit-poll</c> on a real node's ingest: the parties in the election's order with the rest as Other, the total
/// kept within the seats, and the poll entered (in the election's order, as the page lists it) as a journal entry under the admin's name, audited and shown as in force.
/// </summary>
public sealed class ExitPollEntryTests(NewsroomNode newsroom) : AdminPageContext(newsroom.Node), IClassFixture<NewsroomNode>
{
    [Fact]
    public void Render_OffersThePartiesInTheElectionsOrderWithIndependentsAmongTheOthersLast()
    {
        var cut = Render<ExitPollEntry>();

        var offered = cut.FindAll("tr[data-party]").Select(r => r.GetAttribute("data-party")!).ToList();
        Assert.Equal(["Lab", "Con", "RUK", "LD", "Green", "SNP"], offered.Take(6));
        Assert.Equal("Oth", offered[^1]);
        Assert.Contains("PC", offered);
        Assert.DoesNotContain("Ind", offered);
    }

    [Fact]
    public void TotalOverTheSeats_IsShownBesideTheTotal()
    {
        var cut = Render<ExitPollEntry>();
        // The form starts from the poll in force, which another test of this node may have entered.
        foreach (var party in cut.FindAll("tr[data-party]").Select(r => r.GetAttribute("data-party")!).ToList())
        {
            cut.Find($"#seats-{party}").Input("0");
        }

        cut.Find("#seats-Lab").Input("600");
        cut.Find("#seats-Con").Input("100");

        Assert.Equal("700 of 650", cut.Find("[data-testid=total]").TextContent);
        Assert.Equal("forecasts 700 seats in all, more than the 650 there are", cut.Find("#parties-message").TextContent);
    }

    [Fact]
    public async Task Enter_The2024ExitPoll_IsInTheResultsUnderTheAdminsNameAndAudited()
    {
        var cut = Render<ExitPollEntry>();
        foreach (var (party, seats) in new[] { ("Lab", 410), ("Con", 131), ("LD", 61), ("RUK", 13), ("SNP", 10), ("PC", 4), ("Green", 2), ("Oth", 19) })
        {
            cut.Find($"#seats-{party}").Input(seats.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        cut.Find("#source").Input("Ipsos for BBC, ITV News and Sky News");
        // As Blazor's script sends a datetime-local field: with seconds.
        cut.Find("#published-at").Change("2024-07-04T22:00:00");
        Assert.Equal("650 of 650", cut.Find("[data-testid=total]").TextContent);

        await cut.Find("form.entry").SubmitAsync();

        cut.WaitForAssertion(() => Assert.StartsWith("The exit poll is in: sequence ", cut.Find("[data-testid=notice]").TextContent, StringComparison.Ordinal));
        using var results = await Node.GetJsonAsync("/api/v1/results");
        var exitPoll = results.RootElement.GetProperty("exitPoll");
        Assert.Equal(410, exitPoll.GetProperty("parties")[0].GetProperty("seats").GetInt32());
        Assert.Equal(new DateTimeOffset(2024, 7, 4, 22, 0, 0, TimeSpan.FromHours(1)), exitPoll.GetProperty("publishedAt").GetDateTimeOffset());
        cut.WaitForAssertion(() => Assert.Contains("entered by user:alice", cut.Find("[data-testid=in-force]").TextContent, StringComparison.Ordinal));
        var audited = await Node.Services.GetRequiredService<IAuditTrail>().ReadAsync(new AuditFilter(Actor: "user:alice", Action: AuditActions.ExitPoll), new AuditPaging());
        Assert.Contains(audited.Events, e => e.Event.Detail!.EndsWith("Lab 410, Con 131, RUK 13, LD 61, Green 2, SNP 10, PC 4, Oth 19; Ipsos for BBC, ITV News and Sky News", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Enter_WithoutASource_IsRefusedBesideTheSourceAndSendsNothing()
    {
        var cut = Render<ExitPollEntry>();
        cut.Find("#seats-Lab").Input("410");
        cut.Find("#source").Input("");
        var sequence = Live.Current.Sequence;

        await cut.Find("form.entry").SubmitAsync();

        Assert.Equal("must say whose exit poll it is", cut.Find("#source-message").TextContent);
        Assert.Equal(sequence, Live.Current.Sequence);
    }
}
