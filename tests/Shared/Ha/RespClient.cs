using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ResultsLive.Testing;

/// <summary>
/// One Redis command over a fresh connection, its reply parsed (simple and bulk strings, integers, arrays, nulls): what
/// the topology fixture asks Sentinels and servers, free of any client library's own idea of a Sentinel.
/// </summary>
public static class RespClient
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    /// <summary>The reply: a string, a long, an array of replies, or null; an error reply throws <see cref="InvalidOperationException"/>.</summary>
    public static async Task<object?> CallAsync(int port, IReadOnlyList<string> command, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(Timeout);
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, port, timeout.Token).ConfigureAwait(false);
        var stream = client.GetStream();
        var request = new StringBuilder().Append(CultureInfo.InvariantCulture, $"*{command.Count}\r\n");
        foreach (var part in command)
        {
            request.Append(CultureInfo.InvariantCulture, $"${Encoding.UTF8.GetByteCount(part)}\r\n{part}\r\n");
        }

        await stream.WriteAsync(Encoding.UTF8.GetBytes(request.ToString()), timeout.Token).ConfigureAwait(false);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return await ReadAsync(reader, timeout.Token).ConfigureAwait(false);
    }

    private static async Task<object?> ReadAsync(StreamReader reader, CancellationToken ct)
    {
        var line = await reader.ReadLineAsync(ct).ConfigureAwait(false) ?? throw new IOException("the server closed the connection");
        var rest = line[1..];
        switch (line[0])
        {
            case '+':
                return rest;
            case '-':
                throw new InvalidOperationException(rest);
            case ':':
                return long.Parse(rest, CultureInfo.InvariantCulture);
            case '$':
                return rest == "-1" ? null : await reader.ReadLineAsync(ct).ConfigureAwait(false);
            case '*':
                var count = int.Parse(rest, CultureInfo.InvariantCulture);
                if (count < 0)
                {
                    return null;
                }

                var items = new object?[count];
                for (var i = 0; i < count; i++)
                {
                    items[i] = await ReadAsync(reader, ct).ConfigureAwait(false);
                }

                return items;
            default:
                throw new IOException($"not a RESP reply: {line}");
        }
    }
}
