using System.Net;
using System.Text.Json;

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ResultsLive.Web.Tests.Hosting;

/// <summary>A node that has begun stopping refuses new long-lived connections, so none can hold its shutdown open.</summary>
public sealed class StoppingGateTests
{
    [Fact]
    public async Task Stopping_NewHubCircuitAndStreamConnectionsAreRefusedWithRetryAfter_TheRestStillAnswers()
    {
        // The last service to start is the first to stop: held, it keeps the node in the stopping state with Kestrel
        // still listening, as a node is while its other services finish.
        var held = new HeldStop();
        using var node = WebNode.For2024(new Dictionary<string, string?>(), services: s => s.AddHostedService(_ => held));
        using var client = node.CreateClient();
        using (var running = await client.PostAsync(new Uri("/hubs/results/negotiate?negotiateVersion=1", UriKind.Relative), null))
        {
            Assert.Equal(HttpStatusCode.OK, running.StatusCode);
        }

        node.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication();
        await held.Stopping.Task.WaitAsync(TimeSpan.FromSeconds(30));

        foreach (var (method, path) in new[]
        {
            (HttpMethod.Post, "/hubs/results/negotiate?negotiateVersion=1"),
            (HttpMethod.Post, "/hubs/graphics/negotiate?negotiateVersion=1"),
            (HttpMethod.Post, "/_blazor/negotiate?negotiateVersion=1"),
            (HttpMethod.Get, "/api/v1/stream"),
        })
        {
            using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
            using var refused = await client.SendAsync(request);

            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.Equal("1", refused.Headers.RetryAfter!.ToString());
            Assert.True(refused.Headers.ConnectionClose, path);
            var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement;
            Assert.True(problem.GetProperty("errors").TryGetProperty("node", out _), path);
        }

        // Requests that end by themselves are still answered while the node finishes.
        using var results = await client.GetAsync(new Uri("/api/v1/results", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, results.StatusCode);
        held.Release.TrySetResult();
    }

    private sealed class HeldStop : IHostedService
    {
        public TaskCompletionSource Stopping { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken)
        {
            Stopping.TrySetResult();
            return Release.Task.WaitAsync(cancellationToken);
        }
    }
}
