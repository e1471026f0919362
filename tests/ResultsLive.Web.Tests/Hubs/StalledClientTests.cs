using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

using ResultsLive.Web.Hubs;
using ResultsLive.Web.Tests.Desk;
using ResultsLive.Web.Tests.Hosting;

namespace ResultsLive.Web.Tests.Hubs;

/// <summary>One client that stops reading must not freeze the feed for everyone else on the node.</summary>
public sealed class StalledClientTests : IDisposable
{
    /// <summary>Several times what the buffers between the node and one client hold (each push is about 7 KB).</summary>
    private const int Declarations = 80;

    // The stalled client is kept open for the whole test (SignalR would close it after the send timeout), so the other
    // client's pushes can only have got past it by not waiting for it. The node's sockets send as on a real network path.
    private readonly WebNode _node = WebNode.For2024(
        new Dictionary<string, string?> { ["ResultsLive:Push:SendTimeout"] = "00:10:00" },
        services: StalledHubClient.SmallNodeSendBuffers);

    public void Dispose() => _node.Dispose();

    [Fact]
    public async Task Declared_WhileAClientHasStoppedReading_ReachesEveryOtherClient()
    {
        var connections = _node.Services.GetRequiredService<HubConnectionCount>();
        await using var stalled = await StalledHubClient.SubscribeThenStallAsync(_node.BaseAddress, "national");
        await using var reader = await HubClient.ConnectAsync(_node.BaseAddress);
        await reader.SubscribeAsync("national");

        using var ingest = _node.Ingest();
        var sequences = new List<long>();
        foreach (var declaration in DeskData.Order.Take(Declarations))
        {
            sequences.Add(await DeskData.PostAsync(ingest, declaration));
        }

        // Awaited push by push, the broadcaster stopped after about twenty, until the stalled client was closed.
        await reader.WaitForAsync(c => c.Declared.Count >= Declarations);
        Assert.Equal(sequences, reader.Declared.Select(m => m.GetProperty("sequence").GetInt64()));
        Assert.Equal(2, connections.Current);

        // And the stall was real: the stalled client has pushes it has not taken.
        Assert.InRange(_node.Services.GetServices<IHostedService>().OfType<HubBroadcaster>().Single().PendingPushes, 1, HubFanOut.MaxInFlight);
    }
}
