using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

using ResultsLive.Web.Desk;
using ResultsLive.Web.Tests.Hosting;

namespace ResultsLive.Web.Tests.Desk;

/// <summary>The desk's configuration: mistakes stop the node with every one listed; the expected times make the board.</summary>
public sealed class DeskConfigurationTests
{
    [Fact]
    public void Start_BadWebhooks_FailsListingEveryProblem()
    {
        var error = Assert.ThrowsAny<Exception>(() =>
        {
            using var node = WebNode.For2024(new Dictionary<string, string?>
            {
                ["ResultsLive:Desk:Webhooks:0:Url"] = "ftp://example.invalid/hook",
                ["ResultsLive:Desk:Webhooks:0:Secret"] = "short",
                ["ResultsLive:Desk:Webhooks:0:Filter"] = "everything",
                ["ResultsLive:Desk:Webhooks:0:Format"] = "xml",
                ["ResultsLive:Desk:Notability:BigSwing"] = "0",
            });
        });

        var message = (error as OptionsValidationException ?? error.InnerException as OptionsValidationException)?.Message ?? error.ToString();
        Assert.Contains("Webhooks:0:Url must be an absolute http or https address", message, StringComparison.Ordinal);
        Assert.Contains("Webhooks:0:Secret is required and must be at least 16 characters", message, StringComparison.Ordinal);
        Assert.Contains("Webhooks:0:Filter must be all, notable or watchlist", message, StringComparison.Ordinal);
        Assert.Contains("Webhooks:0:Format must be json, slack or teams", message, StringComparison.Ordinal);
        Assert.Contains("Notability:BigSwing must be more than 0", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Board_ReplayInTestMode_NowIsTheLatestDeclarationAndSeatsPastTheirTimeAreOverdue()
    {
        var file = Path.Combine(Path.GetTempPath(), $"expected-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(file, "code,expected\nE14001305,2024-07-05T03:30:00+01:00\nE14001295,2024-07-04T23:15:00+01:00\nE14001065,2024-07-05T04:00:00+01:00\nE14001071,2024-07-05T05:00:00+01:00\n");
        try
        {
            using var node = WebNode.For2024(new Dictionary<string, string?> { ["ResultsLive:Election:ExpectedTimes"] = file });
            using var ingest = node.Ingest();
            await DeskData.WaitForDeskAsync(node, await DeskData.PostAsync(ingest, DeskData.Seat("E14001295")));
            var expected = node.Services.GetRequiredService<ExpectedTimes>();

            var board = expected.Board(code => code == "E14001295");

            // Houghton declared at 23:17 on the night: Islington North (03:30) is not yet due; nothing is overdue.
            Assert.Equal(new DateTimeOffset(2024, 7, 4, 23, 17, 0, TimeSpan.FromHours(1)), expected.Now());
            Assert.Empty(board);

            await DeskData.WaitForDeskAsync(node, await DeskData.PostAsync(ingest, DeskData.Seat("E14001305")));
            board = expected.Board(code => code is "E14001295" or "E14001305");

            // Now 03:42: the seat due at 04:00 is within 30 minutes, the one due at 05:00 is not.
            Assert.Equal(["E14001065"], board.Select(b => b.Code));
            Assert.False(board[0].Overdue);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
