using ResultsLive.Web.Api;

namespace ResultsLive.Web.Configuration;

/// <summary>
/// Once the node is stopping, a new long-lived connection (a hub, a Blazor circuit, a stream) is refused with 503,
/// <c>Retry-After</c> and <c>Connection: close</c> instead of accepted.
/// </summary>
/// <remarks>
/// SignalR closes the connections it has when stopping begins; one accepted after that (a client reconnecting at once,
/// over an HTTP connection kept alive from before) was never closed, and held the node's shutdown to the host's 30 s
/// limit. Refused, the client tries again and reaches a node that is running: another, or this one started again.
/// </remarks>
public static class StoppingGate
{
    public static IApplicationBuilder UseStoppingGate(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var stopping = app.ApplicationServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        return app.Use(async (context, next) =>
        {
            if (stopping.IsCancellationRequested && IsLongLived(context.Request.Path))
            {
                context.Response.Headers.RetryAfter = "1";
                context.Response.Headers.Connection = "close";
                await ApiProblems.Status(StatusCodes.Status503ServiceUnavailable, "Node stopping", "node",
                    "this node is stopping; connect again (another node, or this one once it has started again)").ExecuteAsync(context).ConfigureAwait(false);
                return;
            }

            await next(context).ConfigureAwait(false);
        });
    }

    /// <summary>Paths whose requests last as long as the connection: hubs, Blazor circuits, the stream.</summary>
    internal static bool IsLongLived(PathString path) =>
        path.StartsWithSegments("/hubs") || path.StartsWithSegments("/_blazor") || path.StartsWithSegments("/api/v1/stream");
}
