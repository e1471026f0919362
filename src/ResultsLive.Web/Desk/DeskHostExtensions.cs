using Microsoft.Extensions.Options;

using ResultsLive.Web.Configuration;
using ResultsLive.Web.Desk.Webhooks;

using StackExchange.Redis;

namespace ResultsLive.Web.Desk;

/// <summary>Wires the editor desk into the host: its log of declarations, shared state, webhooks, feeds, hub and alerts API.</summary>
public static class DeskHostExtensions
{
    public static IHostApplicationBuilder AddResultsLiveDesk(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<DeskOptions>()
            .BindConfiguration(DeskOptions.Section)
            .Configure<IConfiguration>((options, configuration) => options.ExpectedTimes = configuration[$"{ResultsLiveOptions.Section}:Election:ExpectedTimes"])
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<DeskOptions>, DeskOptionsValidator>();

        services.AddSingleton<DeskLog>();
        services.AddSingleton<DeskNode>();
        services.AddSingleton<DeskAudit>();
        services.AddSingleton<AtomFeeds>();
        services.AddSingleton<ExpectedTimes>();
        services.AddHttpContextAccessor();
        services.AddScoped<DeskEditor>();
        services.AddHostedService<DeskProjection>();

        if (string.IsNullOrWhiteSpace(builder.Configuration[$"{ResultsLiveOptions.Section}:Redis"]))
        {
            services.AddSingleton<IDeskStore, InMemoryDeskStore>();
            services.AddSingleton<IWebhookLedger, InMemoryWebhookLedger>();
        }
        else
        {
            services.AddSingleton<IDeskStore>(sp => new RedisDeskStore(
                sp.GetRequiredService<IConnectionMultiplexer>(), sp.GetRequiredService<ElectionContext>().Election.Id,
                sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<RedisDeskStore>>()));
            services.AddSingleton<IWebhookLedger>(sp => new RedisWebhookLedger(
                sp.GetRequiredService<IConnectionMultiplexer>(), sp.GetRequiredService<ElectionContext>().Election.Id));
        }

        services.AddHostedService<DeskStoreStarter>();
        services.AddHttpClient(WebhookDispatcher.HttpClientName);
        services.AddHostedService<WebhookDispatcher>();
        services.AddHostedService<DeskBroadcaster>();
        return builder;
    }

    /// <summary>Loads the desk's shared state (and seeds the configured watch list) before the node serves.</summary>
    private sealed class DeskStoreStarter(IDeskStore store, IOptions<DeskOptions> options) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => store.StartAsync(options.Value.Watchlist, cancellationToken);

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
