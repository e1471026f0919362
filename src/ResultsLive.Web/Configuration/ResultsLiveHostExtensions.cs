using System.Text.Json;

using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.StackExchangeRedis;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

using ResultsLive.Core.Contracts;
using ResultsLive.Feed;
using ResultsLive.Web.Api;
using ResultsLive.Web.Demo;
using ResultsLive.Web.Ingest;

using StackExchange.Redis;

namespace ResultsLive.Web.Configuration;

/// <summary>Wires the feed into the host: options, the election, the journal (Redis or in-memory), the projection and ingest.</summary>
public static class ResultsLiveHostExtensions
{
    /// <summary>The checks <c>/healthz/ready</c> runs; <c>/healthz/live</c> runs none (the process answering is the check).</summary>
    private const string ReadyTag = "ready";

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
            // A plain host:port, or Sentinel's host:26379,...,serviceName=... (the primary found and followed through a
            // failover). A node that starts before Redis keeps trying instead of crashing.
            services.AddSingleton(sp =>
            {
                var journal = sp.GetRequiredService<IOptions<ResultsLiveOptions>>().Value.Journal;
                return RedisConnections.Connect(
                    redis, journal.ReplicaAcks, journal.ReplicaAckTimeout, sp.GetRequiredService<ILoggerFactory>().CreateLogger<RedisConnections>());
            });
            services.AddSingleton(sp => sp.GetRequiredService<RedisConnections>().Main);

            // Every node must read what another protected (circuit ids, antiforgery tokens), so a browser that the load
            // balancer moves to another node after a failure is not turned away: one key ring, kept in the same Redis.
            services.AddDataProtection().SetApplicationName("ResultsLive");
            services.AddOptions<KeyManagementOptions>().Configure<IServiceProvider>((options, sp) =>
                options.XmlRepository = new RedisXmlRepository(() => sp.GetRequiredService<IConnectionMultiplexer>().GetDatabase(), "resultslive:data-protection-keys"));
            services.AddSingleton<IDeclarationJournal>(sp => new RedisDeclarationJournal(
                sp.GetRequiredService<IConnectionMultiplexer>(),
                sp.GetRequiredService<ElectionContext>().Election.Id,
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<RedisConnections>().Acknowledgement));
        }

        // While the journal cannot take an entry, whoever sends one is told to come back (503, Retry-After), never 500.
        services.AddExceptionHandler<JournalOutageHandler>();
        services.AddHostedService<JournalConsumer>();
        services.AddSingleton<DeclarationIngest>();
        // The demo night declares itself; with several nodes on one journal only one of them should drive it.
        var isDemo = string.IsNullOrWhiteSpace(builder.Configuration[$"{ResultsLiveOptions.Section}:Election:Candidates"]);
        if (isDemo && builder.Configuration.GetValue($"{ResultsLiveOptions.Section}:Demo:AutoDeclare", true))
        {
            services.AddHostedService<DemoNight>();
        }

        services.AddHealthChecks().AddCheck<JournalHealthCheck>("journal", tags: [ReadyTag]);
        return builder;
    }

    /// <summary>
    /// Health as JSON, never with exception text: <c>/healthz/live</c> (the process answers; restart it if not),
    /// <c>/healthz/ready</c> (send it traffic: 503 only until its projection is built, then 200, "Degraded" while Redis is
    /// away, replicas are not acknowledging or entries are quarantined) and <c>/healthz</c>, the same as ready.
    /// </summary>
    public static IEndpointRouteBuilder MapResultsHealth(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/healthz/live", Report(_ => false));
        app.MapHealthChecks("/healthz/ready", Report(check => check.Tags.Contains(ReadyTag)));
        app.MapHealthChecks("/healthz", Report(check => check.Tags.Contains(ReadyTag)));
        return app;
    }

    private static HealthCheckOptions Report(Func<HealthCheckRegistration, bool> predicate) => new()
    {
        Predicate = predicate,
        ResponseWriter = static (context, report) =>
        {
            context.Response.ContentType = "application/json";
            context.Response.Headers.CacheControl = "no-store";
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
    };
}
