using Microsoft.AspNetCore.SignalR;

using ResultsLive.Feed;

namespace ResultsLive.Web.Graphics;

/// <summary>
/// The hub output pages connect to (<c>/hubs/graphics</c>). An output joins its channel with the channel's output key and
/// gets the state to rebuild from; from then on every change any node commits reaches it over the Redis backplane, and
/// this node pushes the live layers' data itself.
/// </summary>
public sealed class GraphicsHub(OutputKeys keys, ChannelStates states, OutputConnections outputs, LiveResults live) : Hub<IGraphicsClient>
{
    public const string Path = "/hubs/graphics";

    public static string Group(string channel) => "graphics:" + channel.ToLowerInvariant();

    /// <summary>Joins <paramref name="channel"/> as a program, preview or monitor output; refused (and logged) without its output key.</summary>
    public async Task<OutputSnapshot> Join(string channel, string key, string role)
    {
        var from = Context.GetHttpContext()?.Connection.RemoteIpAddress?.ToString();
        var canonical = keys.Check(channel, key, from) ?? throw new HubException("unknown channel or output key");
        var outputRole = role?.ToLowerInvariant() switch
        {
            "preview" => OutputRole.Preview,
            "monitor" => OutputRole.Monitor,
            _ => OutputRole.Program,
        };

        // Join first, then read: a change between the two is both in the snapshot and pushed (versions sort it out), never in neither.
        await Groups.AddToGroupAsync(Context.ConnectionId, Group(canonical)).ConfigureAwait(false);
        outputs.Add(Context.ConnectionId, canonical, outputRole);
        var state = await states.GetAsync(canonical, Context.ConnectionAborted).ConfigureAwait(false);
        var snapshot = live.Current;
        return new OutputSnapshot(
            canonical,
            snapshot.Mode,
            state.Version,
            [.. GraphicsLayers.All.Select(l => LayerMessage.From(l, LiveLayers.Current(l, state[l], snapshot)))]);
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        outputs.Remove(Context.ConnectionId);
        return base.OnDisconnectedAsync(exception);
    }
}
