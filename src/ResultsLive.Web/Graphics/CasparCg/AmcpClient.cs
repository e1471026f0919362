using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace ResultsLive.Web.Graphics.CasparCg;

/// <summary>
/// One AMCP connection to a CasparCG server: commands go one at a time, each waits for its reply, and a broken connection is
/// opened again for the next command. A command that cannot be delivered or answered fails with the reason, never hangs.
/// </summary>
public sealed class AmcpClient(string host, int port, TimeSpan timeout) : IAsyncDisposable
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private TcpClient? _tcp;
    private StreamReader? _reader;
    private Stream? _stream;

    public string Endpoint => string.Create(CultureInfo.InvariantCulture, $"{host}:{port}");

    /// <summary>Sends <paramref name="command"/> (no line ending) and reads CasparCG's reply.</summary>
    public async Task<AmcpReply> SendAsync(string command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
            deadline.CancelAfter(timeout);
            try
            {
                if (_stream is null)
                {
                    await ConnectAsync(deadline.Token).ConfigureAwait(false);
                }

                await _stream!.WriteAsync(Utf8.GetBytes(command + "\r\n"), deadline.Token).ConfigureAwait(false);
                await _stream.FlushAsync(deadline.Token).ConfigureAwait(false);
                return await ReadReplyAsync(deadline.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or InvalidDataException && !ct.IsCancellationRequested)
            {
                // Whatever state the connection is in, the next command starts on a fresh one.
                Disconnect();
                throw new AmcpException(ex is OperationCanceledException ? $"no reply from {Endpoint} within {timeout.TotalSeconds:0.#} s" : $"{Endpoint}: {ex.Message}", ex);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public ValueTask DisposeAsync()
    {
        Disconnect();
        _gate.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task ConnectAsync(CancellationToken ct)
    {
        var tcp = new TcpClient { NoDelay = true };
        try
        {
            await tcp.ConnectAsync(host, port, ct).ConfigureAwait(false);
        }
        catch
        {
            tcp.Dispose();
            throw;
        }

        _tcp = tcp;
        _stream = tcp.GetStream();
        _reader = new StreamReader(_stream, Utf8, detectEncodingFromByteOrderMarks: false, bufferSize: 4096, leaveOpen: true);
    }

    /// <summary>
    /// AMCP replies: <c>200</c> then data lines up to an empty line; <c>201</c> and <c>400</c> then one more line; anything
    /// else is the status line alone.
    /// </summary>
    private async Task<AmcpReply> ReadReplyAsync(CancellationToken ct)
    {
        var status = await ReadLineAsync(ct).ConfigureAwait(false);
        if (status.Length < 3 || !int.TryParse(status.AsSpan(0, 3), NumberStyles.None, CultureInfo.InvariantCulture, out var code))
        {
            throw new InvalidDataException($"not an AMCP reply: '{status}'");
        }

        var text = status.Length > 4 ? status[4..] : "";
        var data = new List<string>();
        if (code == 200)
        {
            for (var line = await ReadLineAsync(ct).ConfigureAwait(false); line.Length > 0; line = await ReadLineAsync(ct).ConfigureAwait(false))
            {
                data.Add(line);
            }
        }
        else if (code is 201 or 400)
        {
            data.Add(await ReadLineAsync(ct).ConfigureAwait(false));
        }

        return new AmcpReply(code, text, data);
    }

    private async Task<string> ReadLineAsync(CancellationToken ct) =>
        await _reader!.ReadLineAsync(ct).ConfigureAwait(false) ?? throw new IOException("CasparCG closed the connection");

    private void Disconnect()
    {
        _reader?.Dispose();
        _stream?.Dispose();
        _tcp?.Dispose();
        _reader = null;
        _stream = null;
        _tcp = null;
    }
}

/// <summary>A command that did not reach CasparCG, or got no answer.</summary>
public sealed class AmcpException(string message, Exception? inner) : Exception(message, inner);
