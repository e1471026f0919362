using System.Globalization;
using System.Text.Json;

using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

using ResultsLive.Core.Contracts;
using ResultsLive.Web.Api;
using ResultsLive.Web.Configuration;
using ResultsLive.Web.Public.Fragments;

namespace ResultsLive.Web.Public;

/// <summary>
/// The public side's own endpoints: immutable fragments by epoch, part and sequence; <c>/api/v1/latest</c> for pollers;
/// <c>/api/v1/stream</c>, the push channel (Server-Sent Events); and oEmbed for the embeds.
/// </summary>
public static partial class PublicEndpoints
{
    /// <summary>How long a request for a sequence this node has not reached waits for it before a 503.</summary>
    public static readonly TimeSpan AheadWait = TimeSpan.FromSeconds(2);

    private const string Immutable = "public, max-age=31536000, immutable";
    private const string Fresh = "public, max-age=1, stale-while-revalidate=5";
    private const string NoStore = "no-store";

    /// <summary>Each new sequence's national parts are listed by /api/v1/latest, and seats changed in this many sequences before it.</summary>
    private const int LatestSeatWindow = 64;

    public static IEndpointRouteBuilder MapPublicEndpoints(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet(FragmentAddress.Root + "/{epoch}/{part}/{sequence}", GetFragmentAsync).ExcludeFromDescription();
        app.MapGet(FragmentAddress.Root + "/current/{part}", GetCurrentFragment).ExcludeFromDescription();
        var api = app.MapGroup("/api/v1").WithTags("Public");
        api.MapGet("/latest", GetLatest).WithSummary("The current sequence and the addresses of the parts it changed (ETag; max-age 1 s)");
        api.MapGet("/stream", StreamAsync).WithSummary("Server-Sent Events: each new sequence and the addresses of the parts it changed");
        app.MapGet("/oembed", GetOEmbed).WithTags("Public").WithSummary("oEmbed (rich) for /embed/* addresses");
        return app;
    }

    /// <summary>
    /// What every public response shares: HTML and JSON compressed, and the results API's current-state URLs answered with
    /// an ETag, 304 to <c>If-None-Match</c>, and a one-second life a cache can share.
    /// </summary>
    public static IApplicationBuilder UsePublicResponses(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseWhen(context => IsPublic(context.Request.Path), pages => pages.UseResponseCompression());
        return app.Use(async (context, next) =>
        {
            // A public page is the same for every reader, so a cache may keep it for a second and serve it stale a few
            // more while it asks again. Blazor's rendering adds an antiforgery cookie, no-store and X-Frame-Options to
            // every page it renders; a public page has no form to protect, must be cacheable, and embeds must frame.
            context.Response.OnStarting(static state =>
            {
                var http = (HttpContext)state;
                if (http.GetEndpoint()?.Metadata.GetMetadata<PublicPageAttribute>() is not null)
                {
                    var headers = http.Response.Headers;
                    headers.Remove(HeaderNames.SetCookie);
                    headers.Remove(HeaderNames.XFrameOptions);
                    headers.Remove(HeaderNames.Pragma);
                    headers.CacheControl = http.Response.StatusCode == StatusCodes.Status200OK ? Fresh : NoStore;
                }

                return Task.CompletedTask;
            }, context);

            var path = context.Request.Path;
            if (HttpMethods.IsGet(context.Request.Method) && (path.Equals("/api/v1/results") || path.Equals("/api/v1/swingometer") || path.StartsWithSegments("/api/v1/constituencies")))
            {
                // Read before the endpoint reads its own state, so the body is of this sequence or a later one: a tag
                // never promises less than its body has.
                var current = context.RequestServices.GetRequiredService<Feed.LiveResults>().Current;
                var tag = string.Create(CultureInfo.InvariantCulture, $"\"{FragmentAddress.EpochOf(current)}-{current.Sequence}\"");
                context.Response.Headers.ETag = tag;
                context.Response.Headers.CacheControl = Fresh;
                if (Matches(context.Request, tag))
                {
                    context.Response.StatusCode = StatusCodes.Status304NotModified;
                    return;
                }
            }

            await next(context).ConfigureAwait(false);
        });
    }

    /// <summary>Paths whose responses are the same for every reader (pages, embeds, the read API), so compressing them leaks nothing.</summary>
    private static bool IsPublic(PathString path) =>
        !StoppingGate.IsLongLived(path) && !path.StartsWithSegments(FragmentAddress.Root) && !path.StartsWithSegments("/_framework")
        && (!path.StartsWithSegments("/api") || path.StartsWithSegments("/api/v1/results") || path.StartsWithSegments("/api/v1/swingometer") || path.StartsWithSegments("/api/v1/constituencies") || path.StartsWithSegments("/api/v1/latest"))
        && !path.StartsWithSegments("/admin") && !path.StartsWithSegments("/desk") && !path.StartsWithSegments("/operator") && !path.StartsWithSegments("/account");

    private static async Task GetFragmentAsync(HttpContext context, string epoch, string part, string sequence, FragmentLedger ledger, FragmentRenderer renderer)
    {
        var json = sequence.EndsWith(".json", StringComparison.Ordinal);
        var number = json ? sequence[..^5] : sequence;
        if (!long.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var at) || at < 0)
        {
            await ProblemAsync(context, StatusCodes.Status404NotFound, "sequence", $"'{number}' is not a sequence number").ConfigureAwait(false);
            return;
        }

        if (!ledger.IsPart(part))
        {
            await ProblemAsync(context, StatusCodes.Status404NotFound, "part", $"'{part}' is not a part of these results").ConfigureAwait(false);
            return;
        }

        if (at > ledger.State.Sequence && !await ledger.WaitForAsync(at, AheadWait, context.RequestAborted).ConfigureAwait(false))
        {
            context.Response.Headers.RetryAfter = "1";
            await ProblemAsync(context, StatusCodes.Status503ServiceUnavailable, "sequence", $"this node has not reached sequence {at} yet").ConfigureAwait(false);
            return;
        }

        if (!string.Equals(epoch, ledger.State.Epoch, StringComparison.Ordinal))
        {
            await ProblemAsync(context, StatusCodes.Status404NotFound, "epoch", $"'{epoch}' is not the journal's epoch").ConfigureAwait(false);
            return;
        }

        var version = ledger.Find(part, at);
        if (version?.Snapshot is null)
        {
            await ProblemAsync(context, StatusCodes.Status404NotFound, "sequence", $"{part} as of {at} is no longer held; ask {FragmentAddress.Current(part)}").ConfigureAwait(false);
            return;
        }

        var fragment = json ? await renderer.JsonAsync(version).ConfigureAwait(false) : await renderer.HtmlAsync(version).ConfigureAwait(false);
        var headers = context.Response.Headers;
        headers.CacheControl = Immutable;
        headers.ETag = fragment.ETag;
        headers.Vary = "Accept-Encoding";
        headers.AccessControlAllowOrigin = "*";
        headers["X-Part-Version"] = version.Sequence.ToString(CultureInfo.InvariantCulture);
        if (Matches(context.Request, fragment.ETag))
        {
            context.Response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        context.Response.ContentType = fragment.ContentType;
        var accepts = context.Request.Headers.AcceptEncoding.ToString();
        var (body, encoding) = accepts.Contains("br", StringComparison.OrdinalIgnoreCase) ? (fragment.Brotli, "br")
            : accepts.Contains("gzip", StringComparison.OrdinalIgnoreCase) ? (fragment.Gzip, "gzip")
            : (fragment.Body, null);
        if (encoding is not null)
        {
            headers.ContentEncoding = encoding;
        }

        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
    }

    private static IResult GetCurrentFragment(HttpContext context, string part, FragmentLedger ledger)
    {
        if (!ledger.IsPart(part))
        {
            context.Response.Headers.CacheControl = NoStore;
            return ApiProblems.Status(StatusCodes.Status404NotFound, "Unknown part", "part", $"'{part}' is not a part of these results");
        }

        context.Response.Headers.CacheControl = Fresh;
        context.Response.Headers.AccessControlAllowOrigin = "*";
        return Results.Redirect(ledger.State.Url(part));
    }

    /// <summary>
    /// oEmbed for an embed's address (or a seat's page, which has one): type rich, its HTML the text blockquote that
    /// embed.js makes live, so a consumer that strips scripts still shows the result as text.
    /// </summary>
    private static IResult GetOEmbed(HttpContext context, string? url, string? format, int? maxwidth, FragmentLedger ledger)
    {
        context.Response.Headers.CacheControl = Fresh;
        if (format is not null && !string.Equals(format, "json", StringComparison.OrdinalIgnoreCase))
        {
            return ApiProblems.Status(StatusCodes.Status501NotImplemented, "Format not offered", "format", "only json is offered");
        }

        if (string.IsNullOrWhiteSpace(url) || !Uri.TryCreate(url, UriKind.Absolute, out var address) || address.Scheme is not ("http" or "https"))
        {
            return ApiProblems.Status(StatusCodes.Status400BadRequest, "Not an address", "url", "an absolute http or https address of an embed or a seat's page is needed");
        }

        var path = address.AbsolutePath.Trim('/');
        if (path.StartsWith(PublicSurface.SeatPath, StringComparison.Ordinal))
        {
            path = "embed/seat/" + path[PublicSurface.SeatPath.Length..];
        }

        var snapshot = ledger.State.Snapshot;
        if (Embeds.EmbedCode.For(path, snapshot) is not { } embed)
        {
            return ApiProblems.Status(StatusCodes.Status404NotFound, "No embed", "url", $"'{address.AbsolutePath}' has no embed");
        }

        var origin = $"{context.Request.Scheme}://{context.Request.Host}";
        return Results.Json(
            new OEmbedResponse("1.0", "rich", embed.Title, "ResultsLive", origin, embed.Blockquote(origin), maxwidth, embed.Height, 60),
            ResultsContract.JsonOptions);
    }

    private static IResult GetLatest(HttpContext context, FragmentLedger ledger)
    {
        var state = ledger.State;
        var tag = $"\"{state.Epoch}-{state.Sequence}\"";
        context.Response.Headers.ETag = tag;
        context.Response.Headers.CacheControl = Fresh;
        context.Response.Headers.AccessControlAllowOrigin = "*";
        if (Matches(context.Request, tag))
        {
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }

        var parts = PublicPart.National.ToDictionary(p => p, state.Url, StringComparer.Ordinal);
        var recent = state.NewsAfter(Math.Max(0, state.Sequence - LatestSeatWindow)) ?? [];
        foreach (var change in recent.SelectMany(n => n.Changed).Where(c => PublicPart.SeatCode(c.Part) is not null))
        {
            parts[change.Part] = state.Url(change.Part);
        }

        var changed = recent.Count > 0 && recent[^1].Sequence == state.Sequence ? recent[^1].Changed.Select(c => c.Part).ToList() : [];
        return Results.Json(new LatestResponse(state.Epoch, state.Sequence, changed, parts, recent.Count == 0 ? state.Sequence : Math.Max(0, state.Sequence - LatestSeatWindow)), ResultsContract.JsonOptions);
    }

    private static async Task StreamAsync(HttpContext context, FragmentLedger ledger, StreamAudience audience, IHostApplicationLifetime lifetime)
    {
        var response = context.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = NoStore;

        // nginx (and CDNs that honour it) pass each event on at once instead of buffering the response.
        response.Headers["X-Accel-Buffering"] = "no";

        // Public data without credentials: an embed in a sandboxed (opaque-origin) frame may listen too.
        response.Headers.AccessControlAllowOrigin = "*";

        // Ends when the reader goes, or when the node stops: a stream never ends by itself, and a node shutting down
        // must not wait for its readers (they reconnect, with Last-Event-ID, to whichever node answers).
        using var ending = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
        var ct = ending.Token;
        // One state for the whole start: the cursor, its epoch and the reset (if any) agree.
        var state = ledger.State;
        var cursor = ResumeFrom(context.Request, state);
        try
        {
            await response.WriteAsync("retry: 2000\n\n", ct).ConfigureAwait(false);
            if (cursor is null)
            {
                cursor = state.Sequence;
                await response.Body.WriteAsync(StreamAudience.ResetEvent(state), ct).ConfigureAwait(false);
            }

            await response.Body.FlushAsync(ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The reader went away.
            return;
        }

        await audience.ListenAsync(response.BodyWriter, cursor.Value, state.Epoch, ct).ConfigureAwait(false);
    }

    /// <summary>Where a returning reader's stream picks up: after its Last-Event-ID, if that is this epoch's and still held.</summary>
    private static long? ResumeFrom(HttpRequest request, LedgerState state)
    {
        var last = request.Headers["Last-Event-ID"] is { Count: > 0 } header ? header.ToString() : request.Query["lastEventId"].ToString();
        if (last.Split(':') is [var epoch, var number]
            && string.Equals(epoch, state.Epoch, StringComparison.Ordinal)
            && long.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var sequence)
            && sequence <= state.Sequence
            && state.NewsAfter(sequence) is not null)
        {
            return sequence;
        }

        return null;
    }

    private static bool Matches(HttpRequest request, string tag) =>
        request.Headers.IfNoneMatch is { Count: > 0 } values
        && values.Any(v => v is not null && v.Split(',').Any(t => t.Trim() == "*" || string.Equals(t.Trim().Replace("W/", "", StringComparison.Ordinal), tag.Replace("W/", "", StringComparison.Ordinal), StringComparison.Ordinal)));

    private static async Task ProblemAsync(HttpContext context, int status, string field, string reason)
    {
        context.Response.Headers.CacheControl = NoStore;
        await ApiProblems.Status(status, status == StatusCodes.Status503ServiceUnavailable ? "Not reached yet" : "Not found", field, reason).ExecuteAsync(context).ConfigureAwait(false);
    }
}

/// <summary><c>/api/v1/latest</c>: the sequence, the parts it changed, and the current address of every national part and recently changed seat.</summary>
/// <param name="SeatsSince">Seats changed after this sequence are in <paramref name="Parts"/>; a poller further behind asks /fragments/current/ for its seat.</param>
public sealed record LatestResponse(string Epoch, long Sequence, IReadOnlyList<string> Changed, IReadOnlyDictionary<string, string> Parts, long SeatsSince);

/// <summary>oEmbed 1.0's answer for a rich embed.</summary>
public sealed record OEmbedResponse(
    [property: System.Text.Json.Serialization.JsonPropertyName("version")] string Version,
    [property: System.Text.Json.Serialization.JsonPropertyName("type")] string Type,
    [property: System.Text.Json.Serialization.JsonPropertyName("title")] string Title,
    [property: System.Text.Json.Serialization.JsonPropertyName("provider_name")] string ProviderName,
    [property: System.Text.Json.Serialization.JsonPropertyName("provider_url")] string ProviderUrl,
    [property: System.Text.Json.Serialization.JsonPropertyName("html")] string Html,
    [property: System.Text.Json.Serialization.JsonPropertyName("width")] int? Width,
    [property: System.Text.Json.Serialization.JsonPropertyName("height")] int Height,
    [property: System.Text.Json.Serialization.JsonPropertyName("cache_age")] int CacheAge);
