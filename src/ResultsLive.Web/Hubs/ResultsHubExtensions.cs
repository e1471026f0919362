using Microsoft.AspNetCore.SignalR;

using ResultsLive.Web.Configuration;

using StackExchange.Redis;

namespace ResultsLive.Web.Hubs;

/// <summary>Registers <see cref="ResultsHub"/> (JSON and MessagePack), its broadcaster, and the Redis backplane when Redis is configured.</summary>
public static class ResultsHubExtensions
{
    public static IHostApplicationBuilder AddResultsHub(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var signalR = builder.Services.AddSignalR().AddMessagePackProtocol();
        var redis = builder.Configuration[$"{ResultsLiveOptions.Section}:Redis"];
        if (!string.IsNullOrWhiteSpace(redis))
        {
            // The backplane carries hub messages that start on one node and must reach clients on every node
            // (operator commands to graphics renderers). Its channels are prefixed so several elections can share a Redis.
            signalR.AddStackExchangeRedis(redis, options =>
            {
                options.Configuration.AbortOnConnectFail = false;
                options.Configuration.ChannelPrefix = RedisChannel.Literal("resultslive:signalr");
            });

            // ...but not the results feed: every node tails the journal and pushes to its own clients (HubBroadcaster).
            // A closed registration wins over the backplane's open-generic one.
            builder.Services.AddSingleton<HubLifetimeManager<ResultsHub>, DefaultHubLifetimeManager<ResultsHub>>();
        }

        builder.Services.AddSingleton<HubConnectionCount>();
        builder.Services.AddHostedService<HubBroadcaster>();
        return builder;
    }
}
