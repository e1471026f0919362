using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

using ResultsLive.Core.Contracts;
using ResultsLive.Core.Model;

namespace ResultsLive.Cli.Ingest;

/// <summary>What the ingest API said about one declaration.</summary>
internal enum IngestStatus
{
    Accepted,
    Repeated,
    Rejected,
}

/// <summary>The answer to one post: accepted with a sequence, repeated with the original one, or rejected with the problem.</summary>
internal sealed record IngestReply(IngestStatus Status, long? Sequence, int HttpStatus, string? Problem);

/// <summary>
/// Posts declarations to a ResultsLive node. Ingest is idempotent per (constituency, revision), so a post whose
/// answer was lost can safely be sent again: transient failures are retried with backoff.
/// </summary>
internal sealed class IngestClient : IDisposable
{
    private static readonly TimeSpan[] Backoff = [TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(300), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4)];

    private readonly HttpClient _http;
    private int _retries;

    public IngestClient(Uri baseAddress, string apiKey, HttpMessageHandler? handler = null)
    {
        _http = handler is null ? new HttpClient() : new HttpClient(handler);
        _http.BaseAddress = baseAddress;
        _http.Timeout = TimeSpan.FromSeconds(15);
        _http.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
    }

    /// <summary>How many attempts were retried, over the client's life.</summary>
    public int Retries => Volatile.Read(ref _retries);

    public Task<IngestReply> DeclareAsync(Declaration declaration, CancellationToken cancellationToken) =>
        PostAsync(JsonSerializer.Serialize(DeclarationBody.From(declaration), ResultsContract.JsonOptions), cancellationToken);

    public async Task<IngestReply> PostAsync(string json, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                using var content = new StringContent(json, Encoding.UTF8);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                using var response = await _http.PostAsync("api/v1/declarations", content, cancellationToken).ConfigureAwait(false);
                var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                if (IsTransient(response.StatusCode) && attempt < Backoff.Length)
                {
                    await RetryAfterAsync(attempt, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                return Interpret(response.StatusCode, body);
            }
            catch (HttpRequestException) when (attempt < Backoff.Length)
            {
                await RetryAfterAsync(attempt, cancellationToken).ConfigureAwait(false);
            }
            catch (TaskCanceledException) when (attempt < Backoff.Length && !cancellationToken.IsCancellationRequested)
            {
                // HttpClient's own timeout: the node may have taken the declaration; resending is safe.
                await RetryAfterAsync(attempt, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public void Dispose() => _http.Dispose();

    private static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)status >= 500;

    private static IngestReply Interpret(HttpStatusCode status, string body)
    {
        var code = (int)status;
        if (status is HttpStatusCode.Accepted or HttpStatusCode.OK)
        {
            var sequence = JsonDocument.Parse(body).RootElement.GetProperty("sequence").GetInt64();
            return new IngestReply(status == HttpStatusCode.Accepted ? IngestStatus.Accepted : IngestStatus.Repeated, sequence, code, null);
        }

        return new IngestReply(IngestStatus.Rejected, null, code, Describe(body));
    }

    /// <summary>The problem details' own words: the detail line, which names each field and its reason.</summary>
    private static string Describe(string body)
    {
        try
        {
            using var problem = JsonDocument.Parse(body);
            return problem.RootElement.TryGetProperty("detail", out var detail) && detail.GetString() is { Length: > 0 } text
                ? text
                : problem.RootElement.TryGetProperty("title", out var title) ? title.GetString() ?? body : body;
        }
        catch (JsonException)
        {
            return body;
        }
    }

    private async Task RetryAfterAsync(int attempt, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _retries);
        await Task.Delay(Backoff[attempt], cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The wire shape of <c>POST /api/v1/declarations</c>.</summary>
    private sealed record DeclarationBody(
        string Constituency, int Revision, DateTimeOffset DeclaredAt, int Electorate, int InvalidVotes, IReadOnlyList<CandidateVotes> Candidates)
    {
        public static DeclarationBody From(Declaration d) => new(d.Constituency, d.Revision, d.DeclaredAt, d.Electorate, d.InvalidVotes, d.Candidates);
    }
}
