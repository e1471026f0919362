using Microsoft.Net.Http.Headers;

using ResultsLive.Web.Api;
using ResultsLive.Web.Configuration;

namespace ResultsLive.Web.Desk;

/// <summary><c>/feeds/results.atom</c> (<c>?filter=notable|gains</c>) and <c>/feeds/constituencies/{code}.atom</c>, with ETag and 304.</summary>
public static class FeedEndpoints
{
    public const string ContentType = "application/atom+xml; charset=utf-8";

    public static IEndpointRouteBuilder MapFeedEndpoints(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var feeds = app.MapGroup("/feeds").WithTags("Feeds");
        feeds.MapGet("/results.atom", (HttpContext context, string? filter, AtomFeeds atom) =>
            filter is null or "notable" or "gains"
                ? Serve(context, atom.Render(filter, null, Self(context)))
                : ApiProblems.Status(StatusCodes.Status400BadRequest, "Invalid query", "filter", "must be notable or gains, or left out for every declaration"))
            .WithSummary("The latest 100 declaration revisions as Atom; ?filter=notable|gains");
        feeds.MapGet("/constituencies/{code}.atom", (HttpContext context, string code, AtomFeeds atom, ElectionContext election) =>
            election.Election.FindConstituency(code) is { } seat
                ? Serve(context, atom.Render(null, seat.Code, Self(context)))
                : ApiProblems.Status(StatusCodes.Status404NotFound, "Unknown constituency", "code", $"'{code}' is not a constituency of {election.Election.Name}"))
            .WithSummary("Every revision of one seat's result as Atom");
        return app;
    }

    private static IResult Serve(HttpContext context, RenderedFeed feed)
    {
        var headers = context.Response.Headers;
        headers.ETag = feed.ETag;
        headers.CacheControl = "public, max-age=1";
        var ifNoneMatch = context.Request.Headers.IfNoneMatch;
        if (ifNoneMatch.Count > 0 && EntityTagHeaderValue.TryParseList(ifNoneMatch, out var tags)
            && tags.Any(t => t.Tag == "*" || (!t.IsWeak && t.Tag == feed.ETag) || (t.IsWeak && t.Tag == feed.ETag)))
        {
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }

        return Results.Bytes(feed.Bytes, ContentType);
    }

    // Relative, never built from the Host header: the rendered feed is cached and served to everyone.
    private static Uri Self(HttpContext context) => new(context.Request.PathBase + context.Request.Path + (context.Request.Query["filter"] is [{ } filter] ? "?filter=" + filter : ""), UriKind.Relative);
}
