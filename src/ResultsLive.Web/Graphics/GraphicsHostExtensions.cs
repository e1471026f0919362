using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.StackExchangeRedis;
using Microsoft.Extensions.Options;

using ResultsLive.Web.Configuration;
using ResultsLive.Web.Graphics.CasparCg;
using ResultsLive.Web.Hubs;

using StackExchange.Redis;

namespace ResultsLive.Web.Graphics;

/// <summary>Wires broadcast graphics into the host: channels, shared channel state, the graphics hub and its backplane, playout.</summary>
public static class GraphicsHostExtensions
{
    public static IHostApplicationBuilder AddResultsLiveGraphics(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<GraphicsOptions>().BindConfiguration(GraphicsOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<GraphicsOptions>, GraphicsOptionsValidator>();
        services.AddSingleton<IPostConfigureOptions<GraphicsOptions>, DemoChannel>();
        services.AddHostedService<DemoChannel.Announcement>();

        var redis = builder.Configuration[$"{ResultsLiveOptions.Section}:Redis"];
        if (string.IsNullOrWhiteSpace(redis))
        {
            services.AddSingleton<IChannelStateStore, InMemoryChannelStateStore>();
        }
        else
        {
            services.AddSingleton(sp => new RedisChannelStateStore(
                sp.GetRequiredService<IConnectionMultiplexer>(),
                sp.GetRequiredService<ElectionContext>().Election.Id,
                sp.GetRequiredService<ILogger<RedisChannelStateStore>>()));
            services.AddSingleton<IChannelStateStore>(sp => sp.GetRequiredService<RedisChannelStateStore>());

            // The backplane for this hub only: a take on node A reaches the outputs connected to node B. Blazor's hub and the
            // results hub (every node pushes the feed to its own clients) do not go through Redis.
            services.Configure<RedisOptions>(options =>
            {
                options.Configuration = ConfigurationOptions.Parse(redis);
                options.Configuration.AbortOnConnectFail = false;
                options.Configuration.ChannelPrefix = RedisChannel.Literal("resultslive:signalr");
            });
            services.AddSingleton<HubLifetimeManager<GraphicsHub>, RedisHubLifetimeManager<GraphicsHub>>();
        }

        // Outputs speak JSON only: the template data travels as the JSON string its update() is given.
        services.AddSignalR().AddHubOptions<GraphicsHub>(options => options.SupportedProtocols = ["json"]);

        services.AddSingleton<ChannelStates>();
        services.AddSingleton<OutputKeys>();
        services.AddSingleton<OutputConnections>();
        services.AddSingleton<CasparCgPlayout>();
        services.AddSingleton<IGraphicsAudit, AuditTrailGraphicsAudit>();
        services.AddSingleton<GraphicsControl>();
        services.AddSingleton<GraphicsNodes>();
        services.AddHostedService(sp => sp.GetRequiredService<GraphicsNodes>());
        services.AddHostedService<LiveLayers>();
        services.AddHostedService<ChannelStateSubscription>();
        return builder;
    }

    /// <summary>
    /// The output pages, the graphics hub and the control API. An output that cannot take a message within
    /// <c>ResultsLive:Push:SendTimeout</c> is closed, as on <c>/hubs/results</c>; it reconnects and rebuilds from the state.
    /// </summary>
    public static IEndpointRouteBuilder MapResultsLiveGraphics(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapOutputPages();
        app.MapHub<GraphicsHub>(GraphicsHub.Path, ResultsHubExtensions.SendTimeout(app.ServiceProvider));
        app.MapGraphicsApi();
        return app;
    }

    /// <summary>
    /// Lets templates read the public results API from another origin: a template loaded from CasparCG's template folder
    /// (file:) or from SPX's server fetches its seat's JSON from a node. Read-only, no credentials.
    /// </summary>
    public static IApplicationBuilder UseGraphicsTemplateAccess(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            var path = context.Request.Path;
            if (HttpMethods.IsGet(context.Request.Method)
                && (path.StartsWithSegments("/api/v1/results") || path.StartsWithSegments("/api/v1/swingometer") || path.StartsWithSegments("/api/v1/constituencies") || path.StartsWithSegments("/api/v1/declarations")))
            {
                context.Response.Headers.AccessControlAllowOrigin = "*";
            }

            return next(context);
        });

    /// <summary>Subscribes to the other nodes' channel changes at start-up, before the first console or output asks.</summary>
    private sealed class ChannelStateSubscription(IChannelStateStore store, ChannelStates states) : IHostedService
    {
        public async Task StartAsync(CancellationToken cancellationToken)
        {
            _ = states;
            if (store is RedisChannelStateStore redis)
            {
                try
                {
                    await redis.StartAsync().ConfigureAwait(false);
                }
                catch (RedisException)
                {
                    // Redis not up yet: the subscription is made on the first read or change instead.
                }
            }
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
