using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.DependencyInjection;

namespace ResultsLive.Web.Tests.Hubs;

/// <summary>
/// A hub client that makes one call (subscribes, joins) and then stops reading, as a phone whose page froze does, or a
/// preview window that hung, while it goes on sending pings, so the hub's own client timeout never closes it. Its
/// socket's receive buffer is the smallest the kernel allows, so what the node sends it backs up into the node within a
/// few pushes.
/// </summary>
public sealed class StalledHubClient : IAsyncDisposable
{
    private const char RecordSeparator = '\u001e';

    private readonly ClientWebSocket _socket;
    private readonly HttpMessageInvoker _invoker;
    private readonly CancellationTokenSource _stop = new();
    private Task _pinging = Task.CompletedTask;

    private StalledHubClient(ClientWebSocket socket, HttpMessageInvoker invoker)
    {
        _socket = socket;
        _invoker = invoker;
    }

    /// <summary>
    /// Gives the node's sockets a small, fixed send buffer (accepted connections inherit it), as on a real network path:
    /// on loopback the kernel would grow it to megabytes, and filling it would take thousands of pushes.
    /// </summary>
    public static void SmallNodeSendBuffers(IServiceCollection services) =>
        services.Configure<SocketTransportOptions>(options => options.CreateBoundListenSocket = endpoint =>
        {
            var socket = SocketTransportOptions.CreateDefaultBoundListenSocket(endpoint);
            socket.SendBufferSize = 8 * 1024;
            return socket;
        });

    /// <summary>A <c>/hubs/results</c> client that subscribes to <paramref name="scope"/>, then stops reading.</summary>
    public static Task<StalledHubClient> SubscribeThenStallAsync(Uri node, string scope) => InvokeThenStallAsync(node, "hubs/results", "Subscribe", scope);

    /// <summary>
    /// Connects to <paramref name="hubPath"/> over WebSockets (no negotiation, as SignalR clients may), calls
    /// <paramref name="target"/> with <paramref name="arguments"/> and waits for its answer, then stops reading.
    /// </summary>
    public static async Task<StalledHubClient> InvokeThenStallAsync(Uri node, string hubPath, string target, params string[] arguments)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = static async (context, ct) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true, ReceiveBufferSize = 1 };
                try
                {
                    await socket.ConnectAsync(context.DnsEndPoint, ct);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        var invoker = new HttpMessageInvoker(handler);
        var socket = new ClientWebSocket();
        var client = new StalledHubClient(socket, invoker);
        try
        {
            var hub = new UriBuilder(new Uri(node, hubPath)) { Scheme = node.Scheme == "https" ? "wss" : "ws" }.Uri;
            await socket.ConnectAsync(hub, invoker, CancellationToken.None);
            await client.SendAsync("""{"protocol":"json","version":1}""");
            await client.ReadRecordAsync(); // the handshake's answer
            await client.SendAsync(
                $$"""{"type":1,"invocationId":"1","target":{{JsonSerializer.Serialize(target)}},"arguments":{{JsonSerializer.Serialize(arguments)}}}""");
            string answer;
            while (!(answer = await client.ReadRecordAsync()).Contains("\"invocationId\":\"1\"", StringComparison.Ordinal))
            {
                // Pings the node sent before the answer.
            }

            if (answer.Contains("\"error\"", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"{target} was refused: {answer}");
            }

            client._pinging = client.PingAsync();
            return client;
        }
        catch
        {
            await client.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _pinging;
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }

        _socket.Abort();
        _socket.Dispose();
        _invoker.Dispose();
        _stop.Dispose();
    }

    private async Task PingAsync()
    {
        using var every = new PeriodicTimer(TimeSpan.FromSeconds(1));
        while (await every.WaitForNextTickAsync(_stop.Token))
        {
            try
            {
                await SendAsync("""{"type":6}""");
            }
            catch (WebSocketException)
            {
                return; // The node closed the connection.
            }
        }
    }

    private Task SendAsync(string message) =>
        _socket.SendAsync(Encoding.UTF8.GetBytes(message + RecordSeparator), WebSocketMessageType.Text, endOfMessage: true, _stop.Token);

    /// <summary>Reads one whole record (the hub protocol ends each with 0x1E).</summary>
    private async Task<string> ReadRecordAsync()
    {
        var text = new StringBuilder();
        var buffer = new byte[4096];
        while (true)
        {
            var received = await _socket.ReceiveAsync(buffer, _stop.Token);
            text.Append(Encoding.UTF8.GetString(buffer, 0, received.Count));
            if (received.EndOfMessage && text.Length > 0 && text[^1] == RecordSeparator)
            {
                return text.ToString();
            }
        }
    }
}
