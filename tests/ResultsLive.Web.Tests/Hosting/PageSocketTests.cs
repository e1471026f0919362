using System.Net.WebSockets;

namespace ResultsLive.Web.Tests.Hosting;

/// <summary>The pages' WebSocket, as a browser opens it.</summary>
public sealed class PageSocketTests : IDisposable
{
    private readonly WebNode _node = WebNode.For2024();

    public void Dispose() => _node.Dispose();

    [Fact]
    public async Task BlazorSocket_BrowserOffersDeflate_IsNotCompressed()
    {
        // Compressing every page's render batch on every declaration costs the node half as much CPU again with 100
        // pages open, and zlib state per socket (see Program.cs); the node declines the offer every browser makes.
        using var socket = new ClientWebSocket();
        socket.Options.DangerousDeflateOptions = new WebSocketDeflateOptions();
        socket.Options.CollectHttpResponseDetails = true;
        var address = new UriBuilder(_node.BaseAddress) { Scheme = "ws", Path = "/_blazor" }.Uri;

        await socket.ConnectAsync(address, CancellationToken.None);

        Assert.Equal(WebSocketState.Open, socket.State);
        Assert.NotNull(socket.HttpResponseHeaders);
        Assert.False(socket.HttpResponseHeaders.ContainsKey("Sec-WebSocket-Extensions"), string.Join(", ", socket.HttpResponseHeaders.Keys));
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
    }
}
