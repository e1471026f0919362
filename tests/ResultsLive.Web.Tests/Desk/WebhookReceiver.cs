using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ResultsLive.Web.Tests.Desk;

/// <summary>
/// A real HTTP receiver for webhooks on Kestrel: it checks each delivery's signature, answers as the test says (500 twice,
/// then 200, say), and remembers which delivery ids it acknowledged, deduplicating by id as a real receiver must.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string _secret;
    private readonly Func<string, int, int> _respond;
    private readonly ConcurrentDictionary<string, int> _attempts = new(StringComparer.Ordinal);
    private readonly List<string> _acknowledged = [];
    private readonly ConcurrentQueue<Delivery> _deliveries = new();
    private readonly SemaphoreSlim _arrived = new(0);

    private WebhookReceiver(WebApplication app, string secret, Func<string, int, int> respond)
    {
        _app = app;
        _secret = secret;
        _respond = respond;
    }

    public Uri Url { get; private set; } = null!;

    /// <summary>Every request, in arrival order.</summary>
    public IReadOnlyList<Delivery> Deliveries => [.. _deliveries];

    /// <summary>Each id the first time it was answered with a 2xx, in that order: what the receiver acted on.</summary>
    public IReadOnlyList<string> Acknowledged
    {
        get
        {
            lock (_acknowledged)
            {
                return [.. _acknowledged];
            }
        }
    }

    /// <param name="respond">The status for the n-th request (1-based) carrying a delivery id.</param>
    public static async Task<WebhookReceiver> StartAsync(string secret, Func<string, int, int>? respond = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app, secret, respond ?? ((_, _) => 200));
        app.MapPost("/hook", (Delegate)receiver.ReceiveAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.Url = new Uri(new Uri(address), "/hook");
        return receiver;
    }

    /// <summary>Waits for the condition, checking it after every delivery; fails after <paramref name="timeout"/>.</summary>
    public async Task WaitForAsync(Func<WebhookReceiver, bool> condition, TimeSpan timeout, string what)
    {
        using var cancel = new CancellationTokenSource(timeout);
        while (!condition(this))
        {
            try
            {
                await _arrived.WaitAsync(cancel.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"timed out after {timeout} waiting for {what}; acknowledged {Acknowledged.Count}: {string.Join(", ", Acknowledged)}");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _arrived.Dispose();
    }

    private async Task<IResult> ReceiveAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer);
        var body = buffer.ToArray();
        var id = context.Request.Headers["X-ResultsLive-Delivery"].ToString();
        var signature = context.Request.Headers["X-ResultsLive-Signature"].ToString();
        var expected = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(_secret), body));
        var valid = CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(signature));
        var attempt = _attempts.AddOrUpdate(id, 1, (_, n) => n + 1);
        var status = valid ? _respond(id, attempt) : (int)HttpStatusCode.Unauthorized;
        if (status is >= 200 and < 300)
        {
            lock (_acknowledged)
            {
                if (!_acknowledged.Contains(id))
                {
                    _acknowledged.Add(id);
                }
            }
        }

        _deliveries.Enqueue(new Delivery(id, valid, status, Encoding.UTF8.GetString(body)));
        _arrived.Release();
        return Results.StatusCode(status);
    }

    /// <summary>One request as received: its id, whether its signature checked out, what was answered, and the body.</summary>
    public sealed record Delivery(string Id, bool SignatureValid, int Status, string Body);
}
