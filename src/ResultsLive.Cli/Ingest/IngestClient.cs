using System.Diagnostics;
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
/// Posts declarations to one or more ResultsLive nodes. Ingest is idempotent per (constituency, revision), so a post
/// whose answer was lost can safely be sent again: transient failures (a node that does not answer, 408, 429, 5xx) are
/// retried, waiting as long as a 503's <c>Retry-After</c> says (Redis failing over) or backing off, and sent to the next
/// node (which may be able to take it when this one cannot), until <see cref="GiveUpAfter"/> has passed without an answer.
/// </summary>
internal sealed class IngestClient : IDisposable
{
    private static readonly TimeSpan[] Backoff = [TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(300), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4)];

    /// <summary>A Retry-After longer than this is not believed: the client comes back sooner and asks again.</summary>
    private static readonly TimeSpan LongestRetryAfter = TimeSpan.FromSeconds(10);

    private readonly HttpClient _http;
    private readonly IReadOnlyList<Uri> _nodes;
    private readonly Lock _lock = new();
    private int _next;
    private int _retries;
    private long _failingSince;
    private TimeSpan _longestOutage;

    public IngestClient(Uri baseAddress, string apiKey, HttpMessageHandler? handler = null)
        : this([baseAddress], apiKey, handler)
    {
    }

    public IngestClient(IReadOnlyList<Uri> nodes, string apiKey, HttpMessageHandler? handler = null, TimeSpan? giveUpAfter = null)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        if (nodes.Count == 0)
        {
            throw new ArgumentException("at least one node is needed", nameof(nodes));
        }

        _nodes = nodes;
        _http = handler is null ? new HttpClient() : new HttpClient(handler);
        _http.Timeout = TimeSpan.FromSeconds(15);
        _http.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        GiveUpAfter = giveUpAfter ?? TimeSpan.FromMinutes(2);
    }

    /// <summary>How long one declaration is retried without an answer before the client gives up on it.</summary>
    public TimeSpan GiveUpAfter { get; }

    /// <summary>How many attempts were retried, over the client's life.</summary>
    public int Retries => Volatile.Read(ref _retries);

    /// <summary>The longest stretch from a failed attempt to the next answered one: how long ingest was unavailable.</summary>
    public TimeSpan LongestOutage
    {
        get
        {
            lock (_lock)
            {
                return _longestOutage;
            }
        }
    }

    public Task<IngestReply> DeclareAsync(Declaration declaration, CancellationToken cancellationToken) =>
        PostAsync(JsonSerializer.Serialize(DeclarationBody.From(declaration), ResultsContract.JsonOptions), cancellationToken);

    public async Task<IngestReply> PostAsync(string json, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var node = NextNode();
        for (var attempt = 0; ; attempt++)
        {
            var giveUp = Stopwatch.GetElapsedTime(started) >= GiveUpAfter;
            try
            {
                using var content = new StringContent(json, Encoding.UTF8);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                using var response = await _http.PostAsync(new Uri(_nodes[node], "api/v1/declarations"), content, cancellationToken).ConfigureAwait(false);
                var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                if (IsTransient(response.StatusCode) && !giveUp)
                {
                    // A node that cannot take it now (starting, or cut off from Redis) may be alone in that: try the next.
                    Failed();
                    node = (node + 1) % _nodes.Count;
                    await RetryAfterAsync(attempt, response.Headers.RetryAfter?.Delta, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                Answered();
                return Interpret(response.StatusCode, body);
            }
            catch (HttpRequestException) when (!giveUp)
            {
                // The node does not answer at all (killed, restarting): the next one may.
                Failed();
                node = (node + 1) % _nodes.Count;
                await RetryAfterAsync(attempt, null, cancellationToken).ConfigureAwait(false);
            }
            catch (TaskCanceledException) when (!giveUp && !cancellationToken.IsCancellationRequested)
            {
                // HttpClient's own timeout: the node may have taken the declaration; resending is safe.
                Failed();
                node = (node + 1) % _nodes.Count;
                await RetryAfterAsync(attempt, null, cancellationToken).ConfigureAwait(false);
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

    private async Task RetryAfterAsync(int attempt, TimeSpan? retryAfter, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _retries);
        var wait = retryAfter is { } told && told > TimeSpan.Zero ? TimeSpan.FromTicks(Math.Min(told.Ticks, LongestRetryAfter.Ticks)) : Backoff[Math.Min(attempt, Backoff.Length - 1)];
        await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Posts are spread over the nodes in turn.</summary>
    private int NextNode()
    {
        lock (_lock)
        {
            return _next++ % _nodes.Count;
        }
    }

    private void Failed()
    {
        lock (_lock)
        {
            if (_failingSince == 0)
            {
                _failingSince = Stopwatch.GetTimestamp();
            }
        }
    }

    private void Answered()
    {
        lock (_lock)
        {
            if (_failingSince != 0)
            {
                var outage = Stopwatch.GetElapsedTime(_failingSince);
                _longestOutage = outage > _longestOutage ? outage : _longestOutage;
                _failingSince = 0;
            }
        }
    }

    /// <summary>The wire shape of <c>POST /api/v1/declarations</c>.</summary>
    private sealed record DeclarationBody(
        string Constituency, int Revision, DateTimeOffset DeclaredAt, int Electorate, int InvalidVotes, IReadOnlyList<CandidateVotes> Candidates)
    {
        public static DeclarationBody From(Declaration d) => new(d.Constituency, d.Revision, d.DeclaredAt, d.Electorate, d.InvalidVotes, d.Candidates);
    }
}
