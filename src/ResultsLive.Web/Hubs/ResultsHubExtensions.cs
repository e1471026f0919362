using Microsoft.Extensions.Options;

using ResultsLive.Web.Configuration;

namespace ResultsLive.Web.Hubs;

/// <summary>Registers <see cref="ResultsHub"/> (JSON and MessagePack) and its broadcaster, and maps it.</summary>
public static class ResultsHubExtensions
{
    public static IHostApplicationBuilder AddResultsHub(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        // No Redis backplane here: every node tails the journal and pushes the feed to its own clients (HubBroadcaster),
        // so through a backplane each client would get every change once per node. Only the graphics hub, whose operator
        // commands start on one node and must reach outputs on every node, goes through Redis (GraphicsHostExtensions).
        builder.Services.AddSignalR().AddMessagePackProtocol();
        builder.Services.AddSingleton<HubConnectionCount>();
        builder.Services.AddHostedService<HubBroadcaster>();
        return builder;
    }

    /// <summary>Maps the hub at <see cref="ResultsHub.Path"/>; a connection that cannot take a push within <c>ResultsLive:Push:SendTimeout</c> is closed.</summary>
    public static IEndpointConventionBuilder MapResultsHub(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var push = app.Services.GetRequiredService<IOptions<ResultsLiveOptions>>().Value.Push;
        return app.MapHub<ResultsHub>(ResultsHub.Path, options => options.TransportSendTimeout = push.SendTimeout);
    }
}
