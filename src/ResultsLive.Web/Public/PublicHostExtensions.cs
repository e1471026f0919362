using Microsoft.AspNetCore.ResponseCompression;

using ResultsLive.Web.Public.Fragments;

namespace ResultsLive.Web.Public;

/// <summary>Wires the public side's fragments, its ledger's background loop and its compression into the host.</summary>
public static class PublicHostExtensions
{
    public static IServiceCollection AddPublicSide(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton<FragmentLedger>();
        services.AddSingleton<FragmentRenderer>();
        services.AddSingleton<PublicParts>();
        services.AddHostedService<FragmentFollower>();
        services.AddResponseCompression(options =>
        {
            // Public responses only (UsePublicResponses decides which): the same bytes for every reader, no secrets in them.
            options.EnableForHttps = true;
            options.Providers.Add<BrotliCompressionProvider>();
            options.Providers.Add<GzipCompressionProvider>();
            options.MimeTypes = ["text/html", "application/json", "application/problem+json", "text/css", "application/javascript", "text/javascript", "image/svg+xml"];
        });
        services.Configure<BrotliCompressionProviderOptions>(o => o.Level = System.IO.Compression.CompressionLevel.Fastest);
        services.Configure<GzipCompressionProviderOptions>(o => o.Level = System.IO.Compression.CompressionLevel.Fastest);
        return services;
    }
}

/// <summary>Runs the ledger's loop for the life of the node.</summary>
internal sealed class FragmentFollower(FragmentLedger ledger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => ledger.FollowAsync(stoppingToken);
}
