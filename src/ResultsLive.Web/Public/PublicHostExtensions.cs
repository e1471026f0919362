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
        services.AddHostedService<FragmentPrerenderer>();
        services.AddSingleton<StreamAudience>();
        services.AddHostedService<StreamPasses>();
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

/// <summary>Runs the stream readers' passes for the life of the node.</summary>
internal sealed class StreamPasses(StreamAudience audience) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => audience.RunAsync(stoppingToken);
}

/// <summary>
/// Draws each part a sequence changed as soon as its news is out, if readers followed it (<see cref="PartVersion.DrawAhead"/>),
/// so the fetches that the news sets off (and a cache's one miss per part) find the fragment drawn, or being drawn,
/// rather than starting the drawing themselves. Parts nobody reads are drawn only if someone asks.
/// </summary>
internal sealed partial class FragmentPrerenderer(FragmentLedger ledger, FragmentRenderer renderer, ILogger<FragmentPrerenderer> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var seen = ledger.State.Sequence;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ledger.Next.WaitAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            // Null when the ledger started again (a lag or a new epoch): readers then take every part afresh, on demand.
            // One state's news runs exactly up to its sequence, which is where the next look starts (lower, under a new epoch).
            var state = ledger.State;
            var news = state.NewsAfter(seen);
            seen = state.Sequence;
            var due = (news ?? []).SelectMany(n => n.Changed)
                .Select(change => ledger.Find(change.Part, change.Version) is { DrawAhead: true } version && version.Sequence == change.Version ? version : null)
                .OfType<PartVersion>()
                .OrderBy(version => PublicPart.FetchedFirst(version.Part) ? 0 : 1)
                .ToList();
            foreach (var version in due)
            {
                if (!PublicPart.FetchedFirst(version.Part))
                {
                    // A chart, the map or a long table takes milliseconds to draw: requests waiting for a thread (the
                    // ticker's fetch, the next declaration's POST) go first.
                    await Task.Yield();
                }

                _ = DrawAsync(version);
            }
        }
    }

    private async Task DrawAsync(PartVersion version)
    {
        try
        {
            await renderer.DrawAheadAsync(version).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The reader who asks for it gets the same failure from the version's one drawing, as a 500.
            LogDrawFailed(logger, version.Part, version.Sequence, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Drawing {Part} at {Sequence} ahead of its readers failed")]
    private static partial void LogDrawFailed(ILogger logger, string part, long sequence, Exception exception);
}
