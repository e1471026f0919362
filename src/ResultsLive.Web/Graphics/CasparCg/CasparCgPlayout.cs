using System.Collections.Concurrent;

using Microsoft.Extensions.Options;

namespace ResultsLive.Web.Graphics.CasparCg;

/// <summary>
/// Plays a channel out on its CasparCG server too, when one is configured: every committed change becomes the AMCP
/// commands for the same template and data (CG ADD then PLAY on a take, UPDATE, NEXT, STOP on an Out, CLEAR on Clear all),
/// sent by the node that made the change. Replies and failures are kept per channel for the console and the API.
/// </summary>
public sealed partial class CasparCgPlayout(IOptions<GraphicsOptions> options, ILogger<CasparCgPlayout> logger) : IAsyncDisposable
{
    /// <summary>How long a command may wait for CasparCG before the gallery is told it failed.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    private readonly ConcurrentDictionary<string, AmcpClient> _clients = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, IReadOnlyList<PlayoutResult>> _last = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Raised after a channel's commands were sent (or failed), so the console can show the replies.</summary>
    public event Action<string>? Sent;

    public bool IsConfigured(string channel) => options.Value.Find(channel)?.CasparCG is { IsConfigured: true };

    /// <summary>The replies to the last commands this node sent for <paramref name="channel"/>.</summary>
    public IReadOnlyList<PlayoutResult> Last(string channel) => _last.TryGetValue(channel, out var results) ? results : [];

    /// <summary>
    /// The command lines that take a CasparCG channel from <paramref name="before"/> to <paramref name="after"/>, per layer in
    /// order; each inner list stops at its first failure when sent (no PLAY after a failed ADD).
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<string>> Commands(CasparCgOptions caspar, ChannelState before, ChannelState after, bool cut)
    {
        ArgumentNullException.ThrowIfNull(caspar);
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var commands = new List<IReadOnlyList<string>>();
        foreach (var layer in GraphicsLayers.All)
        {
            var channel = caspar.Channel;
            var video = layer.CasparLayer();
            var was = before[layer];
            var now = after[layer];
            if (was.OnAir is not null && now.OnAir is null)
            {
                commands.Add([cut ? Amcp.Clear(channel, video) : Amcp.Stop(channel, video)]);
            }
            else if (now.OnAir is { } item && (was.OnAir is null || was.OnAir.Id != item.Id))
            {
                commands.Add([Amcp.Add(channel, video, caspar.TemplatePath.TrimEnd('/') + "/" + item.Template, Data(item.Data)), Amcp.Play(channel, video)]);
            }
            else if (now.OnAir is { } same && was.OnAir is { } shown)
            {
                var layerCommands = new List<string>();
                if (!string.Equals(same.Data, shown.Data, StringComparison.Ordinal))
                {
                    layerCommands.Add(Amcp.Update(channel, video, Data(same.Data)));
                }

                for (var page = was.Page; page < now.Page; page++)
                {
                    layerCommands.Add(Amcp.Next(channel, video));
                }

                if (layerCommands.Count > 0)
                {
                    commands.Add(layerCommands);
                }
            }
        }

        return commands;
    }

    /// <summary>Sends what takes the channel's CasparCG from one state to the next; nothing when none is configured.</summary>
    public async Task<IReadOnlyList<PlayoutResult>> ApplyAsync(string channel, ChannelState before, ChannelState after, bool cut, CancellationToken ct)
    {
        if (options.Value.Find(channel)?.CasparCG is not { IsConfigured: true } caspar)
        {
            return [];
        }

        return await SendAsync(channel, caspar, Commands(caspar, before, after, cut), ct).ConfigureAwait(false);
    }

    /// <summary>A live layer's new data on air (the bug, the ticker): CG UPDATE.</summary>
    public async Task<IReadOnlyList<PlayoutResult>> UpdateAsync(string channel, GraphicsLayer layer, string data, CancellationToken ct)
    {
        if (options.Value.Find(channel)?.CasparCG is not { IsConfigured: true } caspar)
        {
            return [];
        }

        return await SendAsync(channel, caspar, [[Amcp.Update(caspar.Channel, layer.CasparLayer(), Data(data))]], ct).ConfigureAwait(false);
    }

    /// <summary>
    /// CasparCG passes data to a template only when it starts with <c>{</c> or <c>&lt;</c> (anything else names a saved dataset),
    /// so rows (the gains, the ticker) travel as <c>{"rows": [...]}</c>, which the templates' runtime unwraps.
    /// </summary>
    public static string Data(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return json.StartsWith('[') ? "{\"rows\":" + json + "}" : json;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients.Values)
        {
            await client.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task<IReadOnlyList<PlayoutResult>> SendAsync(string channel, CasparCgOptions caspar, IReadOnlyList<IReadOnlyList<string>> commands, CancellationToken ct)
    {
        if (commands.Count == 0)
        {
            return [];
        }

        var client = _clients.GetOrAdd(channel, _ => new AmcpClient(caspar.Host!, caspar.Port, Timeout));
        var results = new List<PlayoutResult>();
        foreach (var layerCommands in commands)
        {
            foreach (var command in layerCommands)
            {
                var result = await SendOneAsync(client, command, ct).ConfigureAwait(false);
                results.Add(result);
                if (!result.IsSuccess)
                {
                    LogFailed(channel, client.Endpoint, Shorten(command), result.Reply);
                    break;
                }
            }
        }

        _last[channel] = results;
        Sent?.Invoke(channel);
        return results;
    }

    private static async Task<PlayoutResult> SendOneAsync(AmcpClient client, string command, CancellationToken ct)
    {
        try
        {
            var reply = await client.SendAsync(command, ct).ConfigureAwait(false);
            return new PlayoutResult(command, reply.Code, reply.ToString());
        }
        catch (AmcpException ex)
        {
            return new PlayoutResult(command, null, ex.Message);
        }
    }

    private static string Shorten(string command) => command.Length > 120 ? command[..120] + "…" : command;

    [LoggerMessage(Level = LogLevel.Error, Message = "CasparCG playout of channel {Channel} at {Endpoint} failed: {Command} -> {Reply}")]
    private partial void LogFailed(string channel, string endpoint, string command, string reply);
}
