using Microsoft.AspNetCore.Diagnostics;

using ResultsLive.Feed;

using StackExchange.Redis;

namespace ResultsLive.Web.Api;

/// <summary>
/// Turns "the journal cannot take this now" (Redis unreachable or failing over, no replica acknowledging in time) into
/// 503 with <c>Retry-After</c>, wherever it happens: ingest, status changes, the exit poll, anything else that writes to
/// Redis on a request. The client sends the same thing again; ingest is idempotent, so an entry that was stored after all
/// comes back as a repeat. The answer names no server and carries no exception text.
/// </summary>
public sealed partial class JournalOutageHandler(IProblemDetailsService problems, ILogger<JournalOutageHandler> logger) : IExceptionHandler
{
    /// <summary>Seconds a client waits before sending again: about what a Sentinel failover takes here (see README).</summary>
    public const int RetryAfterSeconds = 2;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (exception is not (JournalUnavailableException or RedisConnectionException or RedisTimeoutException))
        {
            return false;
        }

        LogUnavailable(logger, exception, httpContext.Request.Method, httpContext.Request.Path);
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails =
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "The results journal is unavailable",
                Detail = $"Nothing was recorded as accepted. Send the same request again after {RetryAfterSeconds} seconds; a repeat of one that was stored is answered with its original sequence.",
            },
        }).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Method} {Path}: the journal is unavailable; answered 503")]
    private static partial void LogUnavailable(ILogger logger, Exception exception, string method, string path);
}
