using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace ResultsLive.Testing;

/// <summary>
/// A TCP proxy on loopback in front of a server (a web node, a redis-server), whose <see cref="DropAll"/> resets every open
/// connection, and whose <see cref="Cut"/> does that and refuses new ones until <see cref="Restore"/>: a real network drop
/// for whoever connects through it, which then has to reconnect and resync on its own.
/// </summary>
public sealed class TcpProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly int _targetPort;
    private readonly ConcurrentDictionary<TcpClient, bool> _open = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _accepting;

    private volatile bool _cut;

    public TcpProxy(Uri target)
        : this((target ?? throw new ArgumentNullException(nameof(target))).Port)
    {
    }

    public TcpProxy(int targetPort)
    {
        _targetPort = targetPort;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public Uri Address => new($"http://127.0.0.1:{Port}/");

    /// <summary>True between <see cref="Cut"/> and <see cref="Restore"/>.</summary>
    public bool IsCut => _cut;

    /// <summary>Resets every connection and refuses new ones (each is reset as soon as it is accepted) until <see cref="Restore"/>.</summary>
    public void Cut()
    {
        _cut = true;
        DropAll();
    }

    /// <summary>Lets connections through again.</summary>
    public void Restore() => _cut = false;

    public int Drops { get; private set; }

    /// <summary>Connections open through the proxy now (each counted once, client side).</summary>
    public int Connections => _open.Count / 2;

    /// <summary>Closes every connection through the proxy; new ones are accepted as before.</summary>
    public void DropAll()
    {
        Drops++;
        foreach (var client in _open.Keys)
        {
            Reset(client);
        }
    }

    /// <summary>Reset rather than close, as a dropped network would; a socket closing on its own may already be gone.</summary>
    private static void Reset(TcpClient client)
    {
        if (client.Client is { } socket)
        {
            try
            {
                socket.LingerState = new LingerOption(true, 0);
            }
            catch (Exception ex) when (ex is ObjectDisposedException or SocketException)
            {
            }
        }

        client.Dispose();
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

            if (_cut)
            {
                Reset(inbound);
                continue;
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
