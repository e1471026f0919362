using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace ResultsLive.Web.Tests.Hosting;

/// <summary>
/// A TCP proxy on loopback in front of a node, whose <see cref="DropAll"/> cuts every open connection: a real network
/// drop for a client, which then has to reconnect and resync on its own.
/// </summary>
public sealed class LoopbackProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly int _targetPort;
    private readonly ConcurrentDictionary<TcpClient, bool> _open = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _accepting;

    public LoopbackProxy(Uri target)
    {
        ArgumentNullException.ThrowIfNull(target);
        _targetPort = target.Port;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public Uri Address => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");

    public int Drops { get; private set; }

    /// <summary>Connections open through the proxy now (each counted once, client side).</summary>
    public int Connections => _open.Count / 2;

    /// <summary>Closes every connection through the proxy; new ones are accepted as before.</summary>
    public void DropAll()
    {
        Drops++;
        foreach (var client in _open.Keys)
        {
            // Reset rather than close, as a dropped network would; a socket closing on its own may already be gone.
            if (client.Client is { } socket)
            {
                try
                {
                    socket.LingerState = new LingerOption(true, 0);
                }
                catch (ObjectDisposedException)
                {
                }
            }

            client.Dispose();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Stop();
        DropAll();
        try
        {
            await _accepting;
        }
        catch (OperationCanceledException)
        {
        }

        _stopping.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            TcpClient inbound;
            try
            {
                inbound = await _listener.AcceptTcpClientAsync(_stopping.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = PipeAsync(inbound);
        }
    }

    private async Task PipeAsync(TcpClient inbound)
    {
        using var outbound = new TcpClient();
        try
        {
            await outbound.ConnectAsync(IPAddress.Loopback, _targetPort);
            _open[inbound] = true;
            _open[outbound] = true;
            var a = inbound.GetStream().CopyToAsync(outbound.GetStream());
            var b = outbound.GetStream().CopyToAsync(inbound.GetStream());
            await Task.WhenAny(a, b);
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException)
        {
            // A dropped connection ends here.
        }
        finally
        {
            _open.TryRemove(inbound, out _);
            _open.TryRemove(outbound, out _);
            inbound.Dispose();
        }
    }
}
