using ResultsLive.Web.Api;
using ResultsLive.Web.Audit;
using ResultsLive.Web.Components;
using ResultsLive.Web.Configuration;
using ResultsLive.Web.Hubs;
using ResultsLive.Web.Security;

var builder = WebApplication.CreateBuilder(args);

builder.AddResultsLive();
builder.AddResultsHub();
builder.AddResultsLiveSecurity();
builder.Services.AddProblemDetails();

// Names and other text from ingest are echoed in problem details: escape markup there too, not only in pages.
builder.Services.ConfigureHttpJsonOptions(options => options.SerializerOptions.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Default);
builder.Services.AddOpenApi();
builder.Services.AddRazorComponents().AddInteractiveServerComponents();

var app = builder.Build();

app.UseForwardedHeaders();
app.UseExceptionHandler();

// The API and hubs answer with problem details; a person who types a wrong address gets the site's not-found page.
static bool IsApi(HttpContext context) =>
    context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments("/hubs");
app.UseWhen(IsApi, api => api.UseStatusCodePages());
app.UseWhen(context => !IsApi(context), pages => pages.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true));

// Routing after the status code pages, so the not-found page's re-execution is routed afresh.
app.UseRouting();
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter();
app.UseAntiforgery();
app.MapStaticAssets();

app.MapOpenApi();
app.MapResultsHealth();
app.MapResultsApi();
app.MapResultsLiveSecurity();
app.MapAuditApi();
app.MapHub<ResultsHub>(ResultsHub.Path);
// No per-message deflate on the pages' sockets (Blazor's default is to compress when the browser offers, as browsers do).
// Measured with infra/scripts/measure-pages.sh and 100 pages open: compressing every page's render batch on every
// declaration cost the node 61-68 ms of CPU per declaration instead of about 41, and each socket's zlib state about 300 KB
// of native memory; CPU and memory per viewer are what run out on the night, not bandwidth (a batch is a few KB). Without
// compression Blazor sets no frame-ancestors policy, so the public pages can be embedded, as newsrooms will want.
app.MapRazorComponents<App>().AddInteractiveServerRenderMode(options => options.DisableWebSocketCompression = true);

app.Run();

/// <summary>The web host's entry point; public so tests can start it in-process.</summary>
public partial class Program;
