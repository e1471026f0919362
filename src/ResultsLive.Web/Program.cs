using ResultsLive.Web.Api;
using ResultsLive.Web.Components;
using ResultsLive.Web.Configuration;
using ResultsLive.Web.Hubs;

var builder = WebApplication.CreateBuilder(args);

builder.AddResultsLive();
builder.AddResultsHub();
builder.Services.AddProblemDetails();

// Names and other text from ingest are echoed in problem details: escape markup there too, not only in pages.
builder.Services.ConfigureHttpJsonOptions(options => options.SerializerOptions.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Default);
builder.Services.AddOpenApi();
builder.Services.AddRazorComponents().AddInteractiveServerComponents();

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseAntiforgery();
app.MapStaticAssets();

app.MapOpenApi();
app.MapResultsHealth();
app.MapResultsApi();
app.MapHub<ResultsHub>(ResultsHub.Path);
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

app.Run();

/// <summary>The web host's entry point; public so tests can start it in-process.</summary>
public partial class Program;
