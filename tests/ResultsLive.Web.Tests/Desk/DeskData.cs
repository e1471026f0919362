using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;

using Microsoft.Extensions.DependencyInjection;

using ResultsLive.Core.Model;
using ResultsLive.Import;

namespace ResultsLive.Web.Tests.Desk;

/// <summary>The 2024 declarations in the order of the night, and posting them (or a correction of one) to a node.</summary>
internal static class DeskData
{
    private static readonly Lazy<IReadOnlyList<Declaration>> Night = new(() =>
    [
        .. ElectionLoader.Load(new ElectionFiles(
                SharedData.Candidates2024, SharedData.Constituencies2024, SharedData.Notional2019, BaselineKind.Notional, null,
                SharedData.DeclarationTimes2024, new DateOnly(2024, 7, 4)))
            .Results.OrderBy(d => d.DeclaredAt).ThenBy(d => d.Constituency, StringComparer.Ordinal),
    ]);

    public static IReadOnlyList<Declaration> Order => Night.Value;

    public static Declaration Seat(string code) => Order.Single(d => d.Constituency == code);

    /// <summary>The same result under the next revision, with ten more votes for the last candidate: a correction that keeps the winner.</summary>
    public static Declaration Corrected(Declaration declaration, int revision = 2) =>
        declaration with
        {
            Revision = revision,
            Candidates = [.. declaration.Candidates.Select((c, i) => i == declaration.Candidates.Count - 1 ? c with { Votes = c.Votes + 10 } : c)],
        };

    public static JsonObject Body(Declaration declaration) => new()
    {
        ["constituency"] = declaration.Constituency,
        ["revision"] = declaration.Revision,
        ["declaredAt"] = declaration.DeclaredAt.ToString("O", CultureInfo.InvariantCulture),
        ["electorate"] = declaration.Electorate,
        ["invalidVotes"] = declaration.InvalidVotes,
        ["candidates"] = new JsonArray([.. declaration.Candidates.Select(c => (JsonNode)new JsonObject { ["name"] = c.Name, ["party"] = c.Party, ["votes"] = c.Votes })]),
    };

    public static async Task<long> PostAsync(HttpClient ingest, Declaration declaration)
    {
        ArgumentNullException.ThrowIfNull(ingest);
        using var content = new StringContent(Body(declaration).ToJsonString(), System.Text.Encoding.UTF8, "application/json");
        using var response = await ingest.PostAsync(new Uri("/api/v1/declarations", UriKind.Relative), content);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!["sequence"]!.GetValue<long>();
    }

    /// <summary>
    /// Waits until the node's desk log has reached <paramref name="sequence"/>: ingest answers once the projection has an entry,
    /// and the desk follows the journal beside it.
    /// </summary>
    public static async Task WaitForDeskAsync(Hosting.WebNode node, long sequence)
    {
        ArgumentNullException.ThrowIfNull(node);
        var log = node.Services.GetRequiredService<ResultsLive.Web.Desk.DeskLog>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            // The next append's signal first, then the sequence: read the other way round, an append between the two
            // would complete the signal already passed over, and this would wait for one that never comes.
            var appended = log.Appended;
            if (log.Sequence >= sequence)
            {
                return;
            }

            await appended.WaitAsync(timeout.Token);
        }
    }
}
