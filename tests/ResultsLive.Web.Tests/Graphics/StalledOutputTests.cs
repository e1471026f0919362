using System.Collections.Concurrent;
using System.Text.Json;

using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

using ResultsLive.Web.Graphics;
using ResultsLive.Web.Hubs;
using ResultsLive.Web.Tests.Desk;
using ResultsLive.Web.Tests.Hosting;
using ResultsLive.Web.Tests.Hubs;

namespace ResultsLive.Web.Tests.Graphics;

/// <summary>An output that stops reading (a preview window that hung) must not freeze the live graphics on every other output.</summary>
public sealed class StalledOutputTests : IDisposable
{
    /// <summary>Several times what the buffers between the node and one output hold (the bug's data is the national results, 5 KB and more).</summary>
    private const int Declarations = 40;

    // As in StalledClientTests: the stalled output is kept open for the whole test, and the node's sockets send as on a real network path.
    private readonly WebNode _node = WebNode.For2024(
        new Dictionary<string, string?>(GraphicsSettings.Channels()) { ["ResultsLive:Push:SendTimeout"] = "00:10:00" },
        services: StalledHubClient.SmallNodeSendBuffers);

    public void Dispose() => _node.Dispose();

    [Fact]
    public async Task LiveData_WhileAnOutputHasStoppedReading_ReachesEveryOtherOutput()
    {
        using var control = _node.Operator();
        await control.CommandAsync("cue", """{"layer":"bug","template":"bug"}""");
        await control.CommandAsync("take");
        await using var stalled = await StalledHubClient.InvokeThenStallAsync(
            _node.BaseAddress, "hubs/graphics", "Join", GraphicsSettings.Channel, GraphicsSettings.OutputKey, "preview");
        var received = new ConcurrentQueue<long>();
        await using var program = new HubConnectionBuilder().WithUrl(new Uri(_node.BaseAddress, "hubs/graphics")).Build();
        program.On<JsonElement>("LiveData", m => received.Enqueue(m.GetProperty("sequence").GetInt64()));
        await program.StartAsync();
        await program.InvokeAsync<JsonElement>("Join", GraphicsSettings.Channel, GraphicsSettings.OutputKey, "program");

        using var ingest = _node.Ingest();
        foreach (var declaration in DeskData.Order.Take(Declarations))
        {
            // One at a time, so that each is a send of its own (the live layers send a burst as one). Awaited send by send,
            // the live layers stopped once the stalled output's buffers were full, until it was closed.
            var sequence = await DeskData.PostAsync(ingest, declaration);
            await Poll.UntilAsync(() => received.Any(s => s >= sequence), $"the program output's live data for sequence {sequence}");
        }

        Assert.Equal(new OutputCount(Program: 1, Preview: 1), _node.Services.GetRequiredService<OutputConnections>().Counts()[GraphicsSettings.Channel]);

        // And the stall was real: the stalled output has live data it has not taken.
        Assert.InRange(_node.Services.GetServices<IHostedService>().OfType<LiveLayers>().Single().PendingSends, 1, HubFanOut.MaxInFlight);
    }
}
