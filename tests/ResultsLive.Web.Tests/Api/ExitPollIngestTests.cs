using System.Text.Json;

using Microsoft.Extensions.DependencyInjection;

using ResultsLive.Core.Model;
using ResultsLive.Feed;
using ResultsLive.Web.Ingest;
using ResultsLive.Web.Tests.Hosting;

namespace ResultsLive.Web.Tests.Api;

/// <summary>
/// The exit poll through <see cref="DeclarationIngest.SetExitPollAsync"/> (what the exit poll's endpoint and admin page
/// will call) into <c>GET /api/v1/results</c> and the journal's entries: validated, stored with who sent it, replaced by a revision.
/// </summary>
public sealed class ExitPollIngestTests : IDisposable
{
    private static readonly DateTimeOffset TenPm = new(2024, 7, 4, 22, 0, 0, TimeSpan.FromHours(1));

    private readonly WebNode _node = WebNode.For2024();

    public void Dispose() => _node.Dispose();

    [Fact]
    public async Task SetExitPoll_Valid_IsInTheNationalResultsAndTheJournalEntries()
    {
        using (var before = await _node.GetJsonAsync("/api/v1/results"))
        {
            Assert.Equal(JsonValueKind.Null, before.RootElement.GetProperty("exitPoll").ValueKind);
        }

        var ingest = _node.Services.GetRequiredService<DeclarationIngest>();
        var first = await ingest.SetExitPollAsync(Poll(("Lab", 410), ("con", 131), ("LD", 61), ("Oth", 48)), Provenance.User("alice"), CancellationToken.None);
        var revised = await ingest.SetExitPollAsync(Poll(("Lab", 405), ("Con", 136)), Provenance.User("alice"), CancellationToken.None);

        using var results = await _node.GetJsonAsync("/api/v1/results");
        using var entries = await _node.GetJsonAsync("/api/v1/declarations?after=0");
        Assert.False(first.IsRejected);
        Assert.Equal((1L, 2L), (first.Append!.Sequence, revised.Append!.Sequence));
        var exitPoll = results.RootElement.GetProperty("exitPoll");
        Assert.Equal(
            [("Lab", 405), ("Con", 136)],
            exitPoll.GetProperty("parties").EnumerateArray().Select(p => (p.GetProperty("party").GetString(), p.GetProperty("seats").GetInt32())));
        Assert.Equal("BBC/ITV News/Sky News exit poll", exitPoll.GetProperty("source").GetString());
        Assert.Equal(TenPm, exitPoll.GetProperty("publishedAt").GetDateTimeOffset());
        Assert.Equal(0, results.RootElement.GetProperty("declared").GetInt32());
        var entry = entries.RootElement[0];
        Assert.Equal(("exitPoll", "Con", 131), (entry.GetProperty("kind").GetString(), entry.GetProperty("exitPoll").GetProperty("parties")[1].GetProperty("party").GetString(), entry.GetProperty("exitPoll").GetProperty("parties")[1].GetProperty("seats").GetInt32()));
    }

    [Fact]
    public async Task SetExitPoll_Invalid_NamesEveryProblemAndChangesNothing()
    {
        var ingest = _node.Services.GetRequiredService<DeclarationIngest>();

        var outcome = await ingest.SetExitPollAsync(
            Poll(("Lab", 410), ("Whig", 12), ("Con", -3), ("LAB", 1), ("SNP", 300)) with { Source = " " }, Provenance.User("alice"), CancellationToken.None);

        Assert.True(outcome.IsRejected);
        Assert.Null(outcome.Append);
        Assert.Equal(
            ["source", "parties[1].party", "parties[2].seats", "parties[3].party", "parties"],
            outcome.Problems.Select(p => p.Field));
        Assert.Contains("'Whig' is not a party", outcome.Problems[1].Reason, StringComparison.Ordinal);
        Assert.Contains("723 seats in all, more than the 650", outcome.Problems[4].Reason, StringComparison.Ordinal);
        using var results = await _node.GetJsonAsync("/api/v1/results");
        Assert.Equal((0L, JsonValueKind.Null), (results.RootElement.GetProperty("sequence").GetInt64(), results.RootElement.GetProperty("exitPoll").ValueKind));
    }

    private static ExitPoll Poll(params (string Party, int Seats)[] parties) =>
        new([.. parties.Select(p => new ExitPollSeats(p.Party, p.Seats))], "BBC/ITV News/Sky News exit poll", TenPm);
}
