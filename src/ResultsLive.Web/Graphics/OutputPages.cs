using System.Net;

using ResultsLive.Feed;

namespace ResultsLive.Web.Graphics;

/// <summary>
/// The output pages OBS, vMix or CasparCG load as a browser source: <c>/graphics/output/{channel}?key=</c> (program) and
/// <c>/graphics/preview/{channel}?key=</c> (what a Take would put on air). Plain HTML and a small script, never a Blazor
/// circuit, so nothing of the site can reach air; a wrong key gets a blank transparent page and a log line.
/// </summary>
public static class OutputPages
{
    public const string Output = "/graphics/output/{channel}";

    public const string Preview = "/graphics/preview/{channel}";

    // Transparent and empty: whatever a playout machine was given, a refused page shows nothing on air.
    private const string Blank = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title></title>"
        + "<style>html,body{margin:0;background:transparent;overflow:hidden}</style></head><body></body></html>";

    public static string OutputUrl(string channel, string key) => $"graphics/output/{Uri.EscapeDataString(channel)}?key={Uri.EscapeDataString(key)}";

    public static string PreviewUrl(string channel, string key) => $"graphics/preview/{Uri.EscapeDataString(channel)}?key={Uri.EscapeDataString(key)}";

    public static IEndpointRouteBuilder MapOutputPages(this IEndpointRouteBuilder app)
    {
        app.MapGet(Output, (string channel, string? key, string? monitor, HttpContext context, OutputKeys keys, LiveResults live) =>
            Page(channel, key, monitor == "1" ? OutputRole.Monitor : OutputRole.Program, context, keys, live)).ExcludeFromDescription();
        app.MapGet(Preview, (string channel, string? key, HttpContext context, OutputKeys keys, LiveResults live) =>
            Page(channel, key, OutputRole.Preview, context, keys, live)).ExcludeFromDescription();
        return app;
    }

    private static IResult Page(string channel, string? key, OutputRole role, HttpContext context, OutputKeys keys, LiveResults live)
    {
        context.Response.Headers.CacheControl = "no-store";
        var canonical = keys.Check(channel, key, context.Connection.RemoteIpAddress?.ToString());
        if (canonical is null)
        {
            return Results.Content(Blank, "text/html; charset=utf-8", statusCode: StatusCodes.Status403Forbidden);
        }

        var mode = live.Current.Mode;
        var roleName = role == OutputRole.Preview ? "preview" : "program";
        var joinAs = role.ToString().ToLowerInvariant();
        var root = context.Request.PathBase.Value ?? "";
        var mark = mode is "test" or "demo" ? $"<div class=\"rl-mode-mark\" data-mode=\"{mode}\">{mode.ToUpperInvariant()}</div>" : "";
        var html = $"""
            <!DOCTYPE html>
            <html lang="en-GB" class="rl-output rl-{roleName}">
            <head>
            <meta charset="utf-8">
            <title>{WebUtility.HtmlEncode(canonical)} {roleName} · ResultsLive</title>
            <link rel="stylesheet" href="{root}/graphics/runtime/output.css">
            </head>
            <body data-channel="{WebUtility.HtmlEncode(canonical)}" data-role="{roleName}" data-join="{joinAs}" data-hub="{root}{GraphicsHub.Path}" data-templates="{root}{GraphicsTemplates.Path}">
            <div id="stage"></div>
            {mark}
            <script src="{root}/graphics/runtime/hub.js"></script>
            <script src="{root}/graphics/runtime/output.js"></script>
            </body>
            </html>
            """;
        return Results.Content(html, "text/html; charset=utf-8");
    }
}
