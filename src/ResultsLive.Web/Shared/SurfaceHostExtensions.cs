using Microsoft.Extensions.Options;

using ResultsLive.Web.Public;
using ResultsLive.Web.Public.Controls;
using ResultsLive.Web.Shared.Charts;
using ResultsLive.Web.Shared.Live;
using ResultsLive.Web.Shared.Markup;

namespace ResultsLive.Web.Shared;

/// <summary>Wires the surfaces into the host: Razor components, the per-circuit live view and the shared render caches.</summary>
public static class SurfaceHostExtensions
{
    public static IHostApplicationBuilder AddResultsLiveSurfaces(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddOptions<LiveOptions>().BindConfiguration(LiveOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<LiveOptions>, LiveOptionsValidator>();

        // One per circuit: every component of a page shares one subscription to the feed and one render throttle.
        services.AddScoped<LiveView>();

        // Render caches, one per node: markup and chart definitions built once per result and shared by every circuit.
        services.AddSingleton<ResultsMarkup>();
        services.AddSingleton<ResultsCharts>();
        services.AddSingleton<HexMapCache>();

        // The public pages' parts, drawn once per sequence and served immutable; pages and embeds are made of them.
        services.AddPublicSide();
        return builder;
    }

    public static IEndpointRouteBuilder MapResultsLiveSurfaces(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);

        // No per-message deflate on the pages' sockets (Blazor's default is to compress when the browser offers, as browsers do).
        // Measured with infra/scripts/measure-pages.sh and 100 pages open: compressing every page's render batch on every
        // declaration cost the node 61-68 ms of CPU per declaration instead of about 41, and each socket's zlib state about 300 KB
        // of native memory; CPU and memory per viewer are what run out on the night, not bandwidth (a batch is a few KB). Without
        // compression Blazor sets no frame-ancestors policy, so the public pages can be embedded, as newsrooms will want.
        app.MapPublicEndpoints();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode(options => options.DisableWebSocketCompression = true);
        return app;
    }
}
