using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ResultsLive.Web.Tests.Graphics.CasparCg;

/// <summary>
/// An AMCP server on a loopback port that parses commands as CasparCG 2.3 does (its tokenizer: spaces split, double quotes
/// group, a backslash escapes the next character, <c>\n</c> is a line feed) and answers with its codes: 202 CG OK, 400 ERROR
/// for an unknown command, 401 for a channel it does not have, 402 for missing parameters, 403 when no template is on the
/// layer, 404 for a template it cannot find. It records every line exactly as received and the tokens of each.
/// </summary>
internal sealed class FakeCasparCg : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly ConcurrentQueue<IReadOnlyList<string>> _tokens = new();
    private readonly HashSet<string> _templates;
    private readonly Dictionary<(int Channel, int Layer), string> _loaded = [];
    private readonly Dictionary<(int Channel, int Layer), string> _data = [];
    private readonly SemaphoreSlim _received = new(0);
    private readonly Task _accepting;

    public FakeCasparCg(params string[] templates)
    {
        _templates = new HashSet<string>(templates, StringComparer.OrdinalIgnoreCase);
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>The command lines received, without their line endings, in order.</summary>
    public IReadOnlyList<string> Lines => [.. _lines];

    /// <summary>Each received line's tokens, as CasparCG's parser splits and unescapes them.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Tokens => [.. _tokens];

    /// <summary>What is loaded on each channel-layer (the template of the last successful CG ADD).</summary>
    public IReadOnlyDictionary<(int Channel, int Layer), string> Loaded
    {
        get
        {
            lock (_loaded)
            {
                return new Dictionary<(int, int), string>(_loaded);
            }
        }
    }

    /// <summary>The data each channel-layer's template was last given, as CasparCG would pass it to <c>update()</c>.</summary>
    public IReadOnlyDictionary<(int Channel, int Layer), string> Data
    {
        get
        {
            lock (_loaded)
            {
                return new Dictionary<(int, int), string>(_data);
            }
        }
    }

    /// <summary>Waits until <paramref name="count"/> lines in all have arrived.</summary>
    public async Task WaitForLinesAsync(int count)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (_lines.Count < count)
        {
            await _received.WaitAsync(timeout.Token);
        }
    }

    /// <summary>CasparCG's tokenizer (AMCPProtocolStrategy::tokenize), character for character.</summary>
    public static List<string> Tokenize(string message)
    {
        var tokens = new List<string>();
        var current = new StringBuilder();
        var inQuote = false;
        var escape = false;
        foreach (var c in message)
        {
            if (escape)
            {
                switch (c)
                {
                    case '\\':
                        current.Append('\\');
                        break;
                    case '"':
                        current.Append('"');
                        break;
                    case 'n':
                        current.Append('\n');
                        break;
                    default:
                        break;
                }

                escape = false;
                continue;
            }

            if (c == '\\')
            {
                escape = true;
                continue;
            }

            if (c == ' ' && !inQuote)
            {
                if (current.Length > 0)
                {
                    tokens.Add(current.ToString());
                    current.Clear();
                }

                continue;
            }

            if (c == '"')
            {
                inQuote = !inQuote;
                if (current.Length > 0 || !inQuote)
                {
                    tokens.Add(current.ToString());
                    current.Clear();
                }

                continue;
            }

            current.Append(c);
        }

        if (current.Length > 0)
        {
            tokens.Add(current.ToString());
        }

        return tokens;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _accepting;
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        _stop.Dispose();
        _received.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            var stream = client.GetStream();
            using var reader = new StreamReader(stream, new UTF8Encoding(false));
            try
            {
                while (await reader.ReadLineAsync(_stop.Token) is { } line)
                {
                    var reply = Answer(line);
                    _lines.Enqueue(line);
                    _received.Release();
                    var bytes = Encoding.UTF8.GetBytes(reply);
                    await stream.WriteAsync(bytes, _stop.Token);
                }
            }
            catch (Exception ex) when (ex is OperationCanceledException or IOException)
            {
            }
        }
    }

    private string Answer(string line)
    {
        var tokens = Tokenize(line);
        _tokens.Enqueue(tokens);
        if (tokens.Count == 0)
        {
            return $"400 ERROR\r\n{line}\r\n";
        }

        var command = tokens[0].ToUpperInvariant();
        if (command != "CG")
        {
            return $"400 ERROR\r\n{line}\r\n";
        }

        if (tokens.Count < 2 || !TryChannel(tokens[1], out var channel, out var layer))
        {
            return $"400 ERROR\r\n{line}\r\n";
        }

        if (channel is < 1 or > 2)
        {
            return "401 CG ERROR\r\n";
        }

        var sub = tokens.Count > 2 ? tokens[2].ToUpperInvariant() : "";
        var parameters = tokens.Skip(3).ToList();
        static int Minimum(string name) => name switch
        {
            "ADD" => 3,
            "UPDATE" => 2,
            "PLAY" or "STOP" or "NEXT" or "REMOVE" => 1,
            "CLEAR" => 0,
            _ => -1,
        };

        var minimum = Minimum(sub);
        if (minimum < 0)
        {
            return $"400 ERROR\r\n{line}\r\n";
        }

        if (parameters.Count < minimum)
        {
            return "402 CG ERROR\r\n";
        }

        lock (_loaded)
        {
            switch (sub)
            {
                case "ADD":
                    if (!int.TryParse(parameters[0], out _) || parameters[2] is not ("0" or "1"))
                    {
                        return "403 CG ADD FAILED\r\n";
                    }

                    if (!_templates.Contains(parameters[1]))
                    {
                        return "404 CG ADD FAILED\r\n";
                    }

                    // Data that starts with neither { nor < names a saved dataset; CasparCG adds the template without data
                    // when there is none of that name.
                    _loaded[(channel, layer)] = parameters[1];
                    _data[(channel, layer)] = parameters.Count > 3 && parameters[3] is ['{', ..] or ['<', ..] ? parameters[3] : "";
                    return "202 CG OK\r\n";
                case "UPDATE" when parameters[1] is not ['{', ..] and not ['<', ..]:
                    return "404 CG UPDATE FAILED\r\n";
                case "UPDATE" when _loaded.ContainsKey((channel, layer)):
                    _data[(channel, layer)] = parameters[1];
                    return "202 CG OK\r\n";
                case "PLAY" or "STOP" or "NEXT" or "UPDATE" or "REMOVE" when !_loaded.ContainsKey((channel, layer)):
                    return $"403 CG {sub} FAILED\r\n";
                case "CLEAR":
                    _loaded.Remove((channel, layer));
                    return "202 CG OK\r\n";
                default:
                    return "202 CG OK\r\n";
            }
        }
    }

    private static bool TryChannel(string spec, out int channel, out int layer)
    {
        var parts = spec.Split('-');
        layer = 9999;
        return int.TryParse(parts[0], out channel) && (parts.Length == 1 || int.TryParse(parts[1], out layer));
    }
}
