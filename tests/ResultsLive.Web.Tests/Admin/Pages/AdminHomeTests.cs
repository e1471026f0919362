using Bunit;

using Microsoft.Extensions.DependencyInjection;

using ResultsLive.Feed;
using ResultsLive.Web.Admin.Pages;
using ResultsLive.Web.Shared.Live;
using ResultsLive.Web.Tests.Shared;

namespace ResultsLive.Web.Tests.Admin.Pages;

/// <summary><c>/admin</c>'s list of quarantined journal entries: the count, newest first, and new ones as they are quarantined.</summary>
public sealed class AdminHomeTests : BunitContext
{
    private readonly DemoFeed _feed = new(seats: 20);
    private long _sequence;

    public AdminHomeTests()
    {
        Services.AddSingleton(_feed.Live);
        Services.AddSingleton(TimeProvider.System);
        Services.AddOptions<LiveOptions>();
        Services.AddScoped<LiveView>();
    }

    [Fact]
    public void Render_NothingQuarantined_SaysSo()
    {
        var cut = Render<AdminHome>();

        Assert.Equal("0", cut.Find(".quarantine").GetAttribute("data-count"));
        Assert.StartsWith("None", cut.Find(".quarantine .none").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void QuarantinedEntries_AreListedNewestFirstWithTheirSeatAndReasonAndFollowedLive()
    {
        var seat = _feed.Election.Constituencies[3];
        Quarantine(seat.Code, "a declaration with a revision below 1 or a negative figure");
        var cut = Render<AdminHome>();
        Assert.Equal("1", cut.Find(".quarantine").GetAttribute("data-count"));

        Quarantine(null, "unknown kind 'tombstone'");

        cut.WaitForAssertion(() => Assert.Equal("2", cut.Find(".quarantine").GetAttribute("data-count")));
        var rows = cut.FindAll(".quarantine tbody tr");
        Assert.Equal(["2", "1"], rows.Select(r => r.GetAttribute("data-sequence")));
        Assert.Equal("unknown kind 'tombstone'", rows[0].QuerySelector(".reason")!.TextContent);
        Assert.Equal($"admin/declare/{seat.Code}", rows[1].QuerySelector("a")!.GetAttribute("href"));
        Assert.Equal(seat.Name, rows[1].QuerySelector("a")!.TextContent);
    }

    private void Quarantine(string? constituency, string reason) =>
        Assert.Equal(EntryOutcome.Rejected, _feed.Live.Apply(new JournalEntry(++_sequence, JournalEntryKind.Quarantined, constituency ?? "", DemoFeed.Now, null, null, Problem: reason)));
}
