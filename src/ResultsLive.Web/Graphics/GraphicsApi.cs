using System.Text.Json;

using ResultsLive.Core.Contracts;
using ResultsLive.Web.Api;
using ResultsLive.Web.Graphics.CasparCg;
using ResultsLive.Web.Security;

namespace ResultsLive.Web.Graphics;

/// <summary>
/// The control API for Stream Deck / Bitfocus Companion and scripts: <c>/api/v1/graphics/channels/{channel}/cue|take|update|next|out|clear</c>
/// and what is cued and on air. The same commands as the console, for operators only.
/// </summary>
public static class GraphicsApi
{
    public static IEndpointRouteBuilder MapGraphicsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/graphics").WithTags("Graphics").RequireOperator();
        api.MapGet("/templates", () => Results.Json(GraphicsTemplates.All.Select(t => new TemplateDto(
                t.Id, t.Title, ToName(t.Data), [.. t.Layers.Select(l => l.Name())], t.Paged, t.Key, GraphicsTemplates.Path + t.File)), ResultsContract.JsonOptions))
            .WithSummary("The on-air templates: the data each takes and the layers it plays on");
        api.MapGet("/channels", (ChannelStates states) => Results.Json(states.Channels, ResultsContract.JsonOptions))
            .WithSummary("The configured channels");
        api.MapGet("/channels/{channel}", GetChannelAsync)
            .WithSummary("Each layer's cued and on-air template, data and sequence")
            .Produces<ChannelDto>()
            .ProducesValidationProblem(StatusCodes.Status404NotFound);

        // A signed-in operator's script must also send the antiforgery header; a key (Companion, a Stream Deck) needs none.
        var commands = api.MapGroup("/channels/{channel}").RequireAntiforgeryHeader();
        commands.MapPost("/cue", CueAsync)
            .WithSummary("Cue a template (and its seat) on a layer into preview, pinned at the current sequence")
            .WithJsonRequestBody<CueRequest>()
            .Documented();
        commands.MapPost("/take", (string channel, HttpRequest request, GraphicsControl control, CancellationToken ct) =>
                LayerCommandAsync(channel, request, required: false, (c, l, a) => control.TakeAsync(c, l, a, ct), ct))
            .WithSummary("Put what is cued on air: one layer, or (without a body) every cued layer")
            .WithJsonRequestBody<LayerRequest>()
            .Documented();
        commands.MapPost("/update", (string channel, HttpRequest request, GraphicsControl control, CancellationToken ct) =>
                LayerCommandAsync(channel, request, required: false, (c, l, a) => control.UpdateAsync(c, l, a, ct), ct))
            .WithSummary("Bring held graphics up to the current results (the template's update(), no re-animation): one layer or every layer")
            .WithJsonRequestBody<LayerRequest>()
            .Documented();
        commands.MapPost("/next", (string channel, HttpRequest request, GraphicsControl control, CancellationToken ct) =>
                LayerCommandAsync(channel, request, required: false, (c, l, a) => control.NextAsync(c, l, a, ct), ct))
            .WithSummary("Page a paged graphic on air (next()): one layer or every paged graphic")
            .WithJsonRequestBody<LayerRequest>()
            .Documented();
        commands.MapPost("/out", (string channel, HttpRequest request, GraphicsControl control, CancellationToken ct) =>
                LayerCommandAsync(channel, request, required: true, (c, l, a) => control.OutAsync(c, l!.Value, a, ct), ct))
            .WithSummary("Take one layer off air")
            .WithJsonRequestBody<LayerRequest>()
            .Documented();
        commands.MapPost("/clear", async (string channel, HttpContext context, GraphicsControl control, CancellationToken ct) =>
                Answer(await control.ClearAsync(channel, GraphicsAuthorization.ActorName(context), ct).ConfigureAwait(false)))
            .WithSummary("Clear all: every layer off air at once (the panic button)")
            .Documented();
        return app;
    }

    /// <summary>What every command answers: the channel after it, or a problem naming the field.</summary>
    private static RouteHandlerBuilder Documented(this RouteHandlerBuilder builder) => builder
        .Produces<ChannelDto>()
        .Produces<ChannelDto>(StatusCodes.Status202Accepted)
        .ProducesValidationProblem(StatusCodes.Status400BadRequest)
        .ProducesValidationProblem(StatusCodes.Status404NotFound)
        .ProducesValidationProblem(StatusCodes.Status409Conflict)
        .ProducesValidationProblem(StatusCodes.Status415UnsupportedMediaType)
        .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity)
        .ProducesValidationProblem(StatusCodes.Status503ServiceUnavailable);

    private static async Task<IResult> GetChannelAsync(string channel, ChannelStates states, CasparCgPlayout playout, Feed.LiveResults live, CancellationToken ct)
    {
        if (states.Canonical(channel) is not { } id)
        {
            return ApiProblems.Status(StatusCodes.Status404NotFound, "Unknown channel", "channel", $"'{channel}' is not a configured channel");
        }

        var state = await states.GetAsync(id, ct).ConfigureAwait(false);
        return Results.Json(ChannelDto.From(state, live.Current, playout.Last(id), degraded: false), ResultsContract.JsonOptions);
    }

    private static async Task<IResult> CueAsync(string channel, HttpRequest request, GraphicsControl control, CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadAsync<CueRequest>(request, ct).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        if (GraphicsLayers.Parse(body!.Layer) is not { } layer)
        {
            return BadLayer(body.Layer, required: true);
        }

        var choice = body.A is null && body.B is null && body.Scope is null ? null : new GraphicsChoice(body.A, body.B, body.Scope);
        return Answer(await control.CueAsync(channel, layer, body.Template, body.Constituency, GraphicsAuthorization.ActorName(request.HttpContext), ct, choice).ConfigureAwait(false));
    }

    private static async Task<IResult> LayerCommandAsync(
        string channel, HttpRequest request, bool required, Func<string, GraphicsLayer?, string, Task<GraphicsOutcome>> command, CancellationToken ct)
    {
        GraphicsLayer? layer = null;
        if (HasBody(request))
        {
            var (body, problem) = await JsonBody.ReadAsync<LayerRequest>(request, ct).ConfigureAwait(false);
            if (problem is not null)
            {
                return problem;
            }

            if (body!.Layer is not null || required)
            {
                layer = GraphicsLayers.Parse(body.Layer);
                if (layer is null)
                {
                    return BadLayer(body.Layer, required);
                }
            }
        }
        else if (required)
        {
            return BadLayer(null, required);
        }

        return Answer(await command(channel, layer, GraphicsAuthorization.ActorName(request.HttpContext)).ConfigureAwait(false));
    }

    private static IResult Answer(GraphicsOutcome outcome)
    {
        if (outcome.IsRejected)
        {
            var problem = outcome.Problems[0];
            var title = outcome.Status switch
            {
                404 => "Not found",
                409 => "Nothing to do that to",
                503 => "Shared state unreachable",
                _ => "The graphics command is not valid",
            };
            return ApiProblems.Status(outcome.Status, title, problem.Field, problem.Reason);
        }

        var body = ChannelDto.From(outcome.State, null, outcome.Playout, outcome.Degraded);
        return Results.Json(body, ResultsContract.JsonOptions, statusCode: outcome.Degraded ? StatusCodes.Status202Accepted : StatusCodes.Status200OK);
    }

    private static IResult BadLayer(string? given, bool required) => ApiProblems.Status(
        StatusCodes.Status422UnprocessableEntity,
        "The graphics command is not valid",
        "layer",
        given is null && required
            ? "is required: bug, ticker, lowerThird or fullFrame"
            : $"'{given}' is not a layer: use bug, ticker, lowerThird or fullFrame");

    // A command without a body means every layer; only a body that is there is read (and must then be JSON).
    private static bool HasBody(HttpRequest request) =>
        request.ContentLength > 0 || (request.ContentLength is null && request.Headers.TransferEncoding.Count > 0);

    private static string ToName(TemplateData data) => data switch
    {
        TemplateData.Seat => "seat",
        TemplateData.National => "national",
        TemplateData.Gains => "gains",
        TemplateData.Swingometer => "swingometer",
        _ => "declarations",
    };
}

/// <summary>
/// The body of <c>cue</c>: <c>{"layer":"lowerThird","template":"seat-result","constituency":"E14001305"}</c>, or for the
/// swingometer <c>{"layer":"fullFrame","template":"swingometer","a":"Lab","b":"Con","scope":"scotland"}</c>.
/// </summary>
public sealed class CueRequest
{
    public string? Layer { get; set; }

    public string? Template { get; set; }

    /// <summary>The seat's code (or name), for the seat templates.</summary>
    public string? Constituency { get; set; }

    /// <summary>The swingometer's first party (its swing is to the right); default the largest at the baseline in the scope.</summary>
    public string? A { get; set; }

    /// <summary>The swingometer's second party; default the largest at the baseline in the scope that is not <see cref="A"/>.</summary>
    public string? B { get; set; }

    /// <summary>The swingometer's nation or region (<c>uk</c> by default), as <c>GET /api/v1/swingometer</c> takes it.</summary>
    public string? Scope { get; set; }
}

/// <summary>The optional body of take, update, next and the body of out: <c>{"layer":"lowerThird"}</c>.</summary>
public sealed class LayerRequest
{
    public string? Layer { get; set; }
}

/// <summary>One template as <c>GET /api/v1/graphics/templates</c> lists it.</summary>
public sealed record TemplateDto(string Id, string Title, string Data, IReadOnlyList<string> Layers, bool Paged, string Key, string Url);

/// <summary>A graphic as the control API shows it, its data as the JSON the template was given.</summary>
public sealed record GraphicsItemDto(string Id, string Template, string? Constituency, long Sequence, DateTimeOffset At, string By, JsonElement Data, GraphicsChoice? Choice = null)
{
    public static GraphicsItemDto? From(GraphicsItem? item)
    {
        if (item is null)
        {
            return null;
        }

        using var data = JsonDocument.Parse(item.Data);
        return new GraphicsItemDto(item.Id, item.Template, item.Constituency, item.Sequence, item.At, item.By, data.RootElement.Clone(), item.Choice);
    }
}

/// <summary>One layer as the control API shows it, with what moved under a held graphic since it was pinned.</summary>
public sealed record LayerDto(GraphicsItemDto? Cued, GraphicsItemDto? OnAir, int Page, long Version, bool Held, string? CuedChanged, string? OnAirChanged);

/// <summary>A CasparCG command and its reply.</summary>
public sealed record PlayoutDto(string Command, int? Code, string Reply);

/// <summary>
/// <c>GET /api/v1/graphics/channels/{channel}</c> and the answer to every command: each layer's cued and on-air graphic, the
/// CasparCG replies, and <c>degraded</c> when an Out or Clear reached only this node's outputs (Redis unreachable).
/// </summary>
public sealed record ChannelDto(string Channel, long Version, IReadOnlyDictionary<string, LayerDto> Layers, IReadOnlyList<PlayoutDto> Playout, bool Degraded)
{
    public static ChannelDto From(ChannelState state, Feed.LiveSnapshot? snapshot, IReadOnlyList<PlayoutResult> playout, bool degraded)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(playout);
        return new ChannelDto(
            state.Channel,
            state.Version,
            GraphicsLayers.All.ToDictionary(
                l => l.Name(),
                l =>
                {
                    var layer = state[l];
                    return new LayerDto(
                        GraphicsItemDto.From(layer.Cued),
                        GraphicsItemDto.From(layer.OnAir),
                        layer.Page,
                        layer.Version,
                        l.IsHeld(),
                        snapshot is not null && layer.Cued is { } cued ? HoldChange.Between(cued, snapshot)?.Summary : null,
                        snapshot is not null && l.IsHeld() && layer.OnAir is { } onAir ? HoldChange.Between(onAir, snapshot)?.Summary : null);
                }),
            [.. playout.Select(p => new PlayoutDto(p.Command, p.Code, p.Reply))],
            degraded);
    }
}
