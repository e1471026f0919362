using System.Text.Json;

using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

using ResultsLive.Core.Contracts;
using ResultsLive.Feed;
using ResultsLive.Web.Demo;
using ResultsLive.Web.Ingest;

using StackExchange.Redis;

namespace ResultsLive.Web.Configuration;

/// <summary>Wires the feed into the host: options, the election, the journal (Redis or in-memory), the projection and ingest.</summary>
public static class ResultsLiveHostExtensions
{
    public static IHostApplicationBuilder AddResultsLive(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<ResultsLiveOptions>().BindConfiguration(ResultsLiveOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ResultsLiveOptions>, ResultsLiveOptionsValidator>();
        services.AddSingleton(TimeProvider.System);

        services.AddSingleton(sp => ElectionContext.Load(sp.GetRequiredService<IOptions<ResultsLiveOptions>>().Value));
        services.AddSingleton(sp =>
        {
            var election = sp.GetRequiredService<ElectionContext>();
            return new LiveResults(election.Election, election.Mode, logger: sp.GetRequiredService<ILogger<LiveResults>>());
        });

        var redis = builder.Configuration[$"{ResultsLiveOptions.Section}:Redis"];
        if (string.IsNullOrWhiteSpace(redis))
        {
            services.AddSingleton<IDeclarationJournal>(sp => new InMemoryDeclarationJournal(sp.GetRequiredService<TimeProvider>()));
        }
        else
        {
            // AbortOnConnectFail=false: a node that starts before Redis keeps trying instead of crashing.
            var configuration = ConfigurationOptions.Parse(redis);
            configuration.AbortOnConnectFail = false;
            var multiplexer = new Lazy<IConnectionMultiplexer>(() => ConnectionMultiplexer.Connect(configuration));
            services.AddSingleton(_ => multiplexer.Value);

            // Every node must read what another protected (circuit ids, antiforgery tokens), so a browser that the load
            // balancer moves to another node after a failure is not turned away: one key ring, kept in the same Redis.
            services.AddDataProtection()
                .SetApplicationName("ResultsLive")
                .PersistKeysToStackExchangeRedis(() => multiplexer.Value.GetDatabase(), "resultslive:data-protection-keys");
            services.AddSingleton<IDeclarationJournal>(sp => new RedisDeclarationJournal(
                sp.GetRequiredService<IConnectionMultiplexer>(), sp.GetRequiredService<ElectionContext>().Election.Id, sp.GetRequiredService<TimeProvider>()));
        }

        services.AddHostedService<JournalConsumer>();
        services.AddSingleton<DeclarationIngest>();
        // The demo night declares itself; with several nodes on one journal only one of them should drive it.
        var isDemo = string.IsNullOrWhiteSpace(builder.Configuration[$"{ResultsLiveOptions.Section}:Election:Candidates"]);
        if (isDemo && builder.Configuration.GetValue($"{ResultsLiveOptions.Section}:Demo:AutoDeclare", true))
        {
            services.AddHostedService<DemoNight>();
        }

        services.AddHealthChecks().AddCheck<JournalHealthCheck>("journal");
        return builder;
    }

    /// <summary><c>/healthz</c> as JSON: status, the journal's kind and reachability, and the projection's sequence.</summary>
    public static IEndpointRouteBuilder MapResultsHealth(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/healthz", new HealthCheckOptions
        {
            ResponseWriter = static (context, report) =>
            {
                context.Response.ContentType = "application/json";
                var entries = report.Entries.ToDictionary(
                    e => e.Key,
                    e => new { status = e.Value.Status.ToString(), description = e.Value.Description, data = e.Value.Data });
                return context.Response.WriteAsync(
                    JsonSerializer.Serialize(new { status = report.Status.ToString(), entries }, ResultsContract.JsonOptions));
            },
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status200OK,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
        });
        return app;
    }
}
