using Microsoft.AspNetCore.Http.Connections;
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

    /// <summary>Maps the hub at <see cref="ResultsHub.Path"/>; a connection that cannot take a push in time is closed (<see cref="SendTimeout"/>).</summary>
    public static IEndpointConventionBuilder MapResultsHub(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.MapHub<ResultsHub>(ResultsHub.Path, SendTimeout(app.Services));
    }

    /// <summary>
    /// For every hub the node pushes to: a connection that cannot take one message within <c>ResultsLive:Push:SendTimeout</c>
    /// is closed by SignalR (its <c>TransportSendTimeout</c>); its client reconnects and catches up.
    /// </summary>
    public static Action<HttpConnectionDispatcherOptions> SendTimeout(IServiceProvider services)
    {
        var timeout = services.GetRequiredService<IOptions<ResultsLiveOptions>>().Value.Push.SendTimeout;
        return options => options.TransportSendTimeout = timeout;
    }
}
