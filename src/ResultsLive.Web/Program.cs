using ResultsLive.Web.Api;
using ResultsLive.Web.Audit;
using ResultsLive.Web.Configuration;
using ResultsLive.Web.Desk;
using ResultsLive.Web.Graphics;
using ResultsLive.Web.Hubs;
using ResultsLive.Web.Public;
using ResultsLive.Web.Security;
using ResultsLive.Web.Shared;

var builder = WebApplication.CreateBuilder(args);

builder.AddResultsLive();
builder.AddResultsHub();
builder.AddResultsLiveSurfaces();
builder.AddResultsLiveSecurity();
builder.AddResultsLiveGraphics();
builder.AddResultsLiveDesk();
builder.Services.AddProblemDetails();

// Names and other text from ingest are echoed in problem details: escape markup there too, not only in pages.
builder.Services.ConfigureHttpJsonOptions(options => options.SerializerOptions.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Default);
builder.Services.AddOpenApi();

var app = builder.Build();

app.UseForwardedHeaders();
app.UseExceptionHandler();
app.UseStoppingGate();
app.UsePublicResponses();

// The API and hubs answer with problem details; a person who types a wrong address gets the site's not-found page.
static bool IsApi(HttpContext context) =>
    context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments("/hubs");
app.UseWhen(IsApi, api => api.UseStatusCodePages());
app.UseWhen(context => !IsApi(context), pages => pages.UseStatusCodePagesWithReExecute(PublicSurface.NotFound, createScopeForStatusCodePages: true));

// Routing after the status code pages, so the not-found page's re-execution is routed afresh.
app.UseRouting();
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter();
app.UseAntiforgery();
app.UseGraphicsTemplateAccess();
app.MapStaticAssets();

app.MapOpenApi();
app.MapResultsHealth();
app.MapResultsApi();
app.MapAnalysisApi();
app.MapResultsLiveSecurity();
app.MapAuditApi();
app.MapResultsHub();
app.MapResultsLiveGraphics();
app.MapDeskEndpoints();
app.MapFeedEndpoints();
app.MapResultsLiveSurfaces();

app.Run();

/// <summary>The web host's entry point; public so tests can start it in-process.</summary>
public partial class Program;
