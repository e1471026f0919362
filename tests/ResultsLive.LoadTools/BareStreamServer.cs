using System.Globalization;

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ResultsLive.LoadTools;

/// <summary>
/// The baseline for the pages' push channel, run in a child process by <c>bare-stream-server PORT</c>: Kestrel with one
/// Server-Sent Events endpoint at the node's path and nothing else. Whatever is posted to <c>/broadcast</c> (a whole
/// event's bytes) goes to every open stream, written and flushed as the node writes its own.
/// </summary>
internal static class BareStreamServer
{
    public const string BroadcastPath = "/broadcast";

    public static async Task<int> RunAsync(int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}"));
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var app = builder.Build();
        var events = new BareEvents();
        app.MapGet("/healthz", static () => "ok");
        app.MapGet("/api/v1/stream", (HttpContext context, IHostApplicationLifetime lifetime) => events.StreamAsync(context, lifetime.ApplicationStopping));
        app.MapPost(BroadcastPath, async (HttpRequest request) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body, request.HttpContext.RequestAborted).ConfigureAwait(false);
            events.Add(body.ToArray());
            return Results.Accepted();
        });
        await app.RunAsync().ConfigureAwait(false);
        return 0;
    }

    /// <summary>The events so far and a signal for the next, as the node's ledger keeps its news.</summary>
    private sealed class BareEvents
    {
        private readonly Lock _gate = new();
        private readonly List<byte[]> _events = [];
        private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Add(byte[] item)
        {
            TaskCompletionSource woken;
            lock (_gate)
            {
                _events.Add(item);
                woken = _next;
                _next = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            woken.TrySetResult();
        }

        public async Task StreamAsync(HttpContext context, CancellationToken stopping)
        {
            var response = context.Response;
            response.ContentType = "text/event-stream";
            response.Headers.CacheControl = "no-store";
            using var ending = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
            var ct = ending.Token;
            int cursor;
            lock (_gate)
            {
                cursor = _events.Count;
            }

            try
            {
                await response.WriteAsync("retry: 2000\n\nevent: reset\ndata: {}\n\n", ct).ConfigureAwait(false);
                await response.Body.FlushAsync(ct).ConfigureAwait(false);
                while (!ct.IsCancellationRequested)
                {
                    Task next;
                    byte[][] news;
                    lock (_gate)
                    {
                        next = _next.Task;
                        news = [.. _events.Skip(cursor)];
                        cursor = _events.Count;
                    }

                    foreach (var item in news)
                    {
                        await response.Body.WriteAsync(item, ct).ConfigureAwait(false);
                    }

                    await response.Body.FlushAsync(ct).ConfigureAwait(false);
                    await next.WaitAsync(ct).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                // The reader went away, or the server is stopping.
            }
        }
    }
}
