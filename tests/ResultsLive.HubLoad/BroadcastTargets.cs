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

    /// <summary>Causes one push to every <c>national</c> subscriber; returns the sequence the push carries.</summary>
    Task<long> DeclareAsync(CancellationToken ct);
}

/// <summary>
/// ResultsLive itself: each call ingests the next real 2024 declaration through <c>POST /api/v1/declarations</c>, so the
/// push goes the whole way (validation, Redis journal, projection, broadcaster) and latency is measured from ingest.
/// </summary>
internal sealed class ResultsLiveTarget(WebNodeProcess node, string apiKey) : IBroadcastTarget, IDisposable
{
    private readonly string[] _declarations = LoadDeclarations();
    private readonly HttpClient _http = Http.Create(node.Url, apiKey);
    private int _next;

    public string Name => "ResultsLive";

    public Uri HubUrl => new(node.Url, "hubs/results");

    public int ProcessId => node.ProcessId;

    public Task<long> DeclareAsync(CancellationToken ct)
    {
        // Each seat once, in file order; past the 650th, corrections (revision 2, 3, …) of the same figures, as IngestLoad does.
        var item = _next++;
        var body = _declarations[item % _declarations.Length];
        var revision = 1 + (item / _declarations.Length);
        if (revision > 1)
        {
            body = body.Replace("\"revision\":1", $"\"revision\":{revision}", StringComparison.Ordinal);
        }

        return Http.PostForSequenceAsync(_http, "api/v1/declarations", body, ct);
    }

    public void Dispose() => _http.Dispose();

    private static string[] LoadDeclarations()
    {
        var loaded = ElectionLoader.Load(new ElectionFiles(SharedData.Candidates2024, SharedData.Constituencies2024));
        return [.. loaded.Results.Select(d => JsonSerializer.Serialize(d, ResultsContract.JsonOptions))];
    }
}

/// <summary>The baseline: a bare SignalR hub that broadcasts the payload it is given, with the sequence the tool chooses.</summary>
internal sealed class BareHubTarget(BareHubProcess server, DeclaredMessage payload) : IBroadcastTarget, IDisposable
{
    private readonly HttpClient _http = Http.Create(server.Url, apiKey: null);
    private long _sequence;

    public string Name => "bare hub";

    public Uri HubUrl => new(server.Url, BareHubServer.HubPath.TrimStart('/'));

    public int ProcessId => server.ProcessId;

    public Task<long> DeclareAsync(CancellationToken ct)
    {
        var body = JsonSerializer.Serialize(payload with { Sequence = ++_sequence }, ResultsContract.JsonOptions);
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
