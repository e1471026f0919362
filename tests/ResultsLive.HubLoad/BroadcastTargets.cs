using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

using ResultsLive.Core.Contracts;
using ResultsLive.Import;
using ResultsLive.Testing;

namespace ResultsLive.HubLoad;

/// <summary>A hub under load and the way to make it push one <c>Declared</c> message to every subscriber.</summary>
internal interface IBroadcastTarget
{
    string Name { get; }

    Uri HubUrl { get; }

    /// <summary>The server's process, for its memory.</summary>
    int ProcessId { get; }

    /// <summary>
    /// Causes one push to every <c>national</c> subscriber, the one for <paramref name="slot"/> (see
    /// <see cref="ResultsLiveTarget"/>); returns the sequence the push carries.
    /// </summary>
    Task<long> DeclareAsync(int slot, CancellationToken ct);
}

/// <summary>
/// ResultsLive itself: each push goes the whole way (<c>POST /api/v1/declarations</c>, validation, Redis journal,
/// projection, broadcaster), so latency is measured from ingest.
/// </summary>
/// <remarks>
/// A push carries the national results, which grow through the night as seats bring in parties: 4.6 KB after the first
/// 2024 seat, 9 KB after 42, 20 KB after all 650. Were every push a new seat, ResultsLive's pushes would grow while the
/// bare hub repeated the first one, and later rounds would compare unequal work. So the tool's seats (its slots) are
/// declared once before anything is measured (<see cref="PrimeAsync"/>), and every measured push is a correction of one
/// of them (revision 2, 3, …, the same figures): the national results stay as they are, and slot <c>n</c>'s push is the
/// same size in every round, the one the bare hub is then given for slot <c>n</c>.
/// </remarks>
internal sealed class ResultsLiveTarget(WebNodeProcess node, string apiKey, int slots) : IBroadcastTarget, IDisposable
{
    private readonly string[] _declarations = LoadDeclarations(slots);
    private readonly int[] _revisions = new int[slots];
    private readonly HttpClient _http = Http.Create(node.Url, apiKey);

    public string Name => "ResultsLive";

    public Uri HubUrl => new(node.Url, "hubs/results");

    public int ProcessId => node.ProcessId;

    /// <summary>Declares each slot's seat (revision 1), the night's first seats in file order, before any client connects.</summary>
    public async Task PrimeAsync(CancellationToken ct)
    {
        for (var slot = 0; slot < _declarations.Length; slot++)
        {
            await DeclareAsync(slot, ct).ConfigureAwait(false);
        }
    }

    public Task<long> DeclareAsync(int slot, CancellationToken ct)
    {
        var revision = ++_revisions[slot];
        var body = _declarations[slot].Replace("\"revision\":1", $"\"revision\":{revision}", StringComparison.Ordinal);
        return Http.PostForSequenceAsync(_http, "api/v1/declarations", body, ct);
    }

    public void Dispose() => _http.Dispose();

    private static string[] LoadDeclarations(int slots)
    {
        var loaded = ElectionLoader.Load(new ElectionFiles(SharedData.Candidates2024, SharedData.Constituencies2024));
        return [.. loaded.Results.Take(slots).Select(d => JsonSerializer.Serialize(d, ResultsContract.JsonOptions))];
    }
}

/// <summary>
/// The baseline: a bare SignalR hub that broadcasts the payload it is given, with the sequence the tool chooses. For each
/// slot it is given what ResultsLive pushed for that slot, so the two hubs push the same bytes.
/// </summary>
internal sealed class BareHubTarget(BareHubProcess server, IReadOnlyList<DeclaredMessage> payloads) : IBroadcastTarget, IDisposable
{
    private readonly HttpClient _http = Http.Create(server.Url, apiKey: null);
    private long _sequence;

    public string Name => "bare hub";

    public Uri HubUrl => new(server.Url, BareHubServer.HubPath.TrimStart('/'));

    public int ProcessId => server.ProcessId;

    public Task<long> DeclareAsync(int slot, CancellationToken ct)
    {
        var body = JsonSerializer.Serialize(payloads[slot] with { Sequence = ++_sequence }, ResultsContract.JsonOptions);
        return Http.PostForSequenceAsync(_http, BareHubServer.BroadcastPath.TrimStart('/'), body, ct);
    }

    public void Dispose() => _http.Dispose();
}

/// <summary>The POST both targets share: JSON in, <c>202 {"sequence": n}</c> out.</summary>
internal static class Http
{
    public static HttpClient Create(Uri baseAddress, string? apiKey)
    {
        var http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
        if (apiKey is not null)
        {
            http.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        }

        return http;
    }

    public static async Task<long> PostForSequenceAsync(HttpClient http, string path, string body, CancellationToken ct)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await http.PostAsync(new Uri(path, UriKind.Relative), content, ct).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Accepted)
        {
            var problem = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
            throw new InvalidOperationException($"POST {path} answered {(int)response.StatusCode}, not 202: {problem}");
        }

        var answer = await response.Content.ReadFromJsonAsync<SequenceResponse>(ResultsContract.JsonOptions, ct).ConfigureAwait(false);
        return answer?.Sequence ?? throw new InvalidOperationException($"POST {path} answered 202 without a sequence");
    }
}
