using System.Globalization;

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

using ResultsLive.Core.Contracts;

namespace ResultsLive.HubLoad;

/// <summary>
/// The baseline server, run in a child process by <c>--bare-hub-server PORT</c>: SignalR with nothing else, as
/// ResultsLive configures it (both protocols, default options), broadcasting to one group whatever it is posted.
/// </summary>
internal static class BareHubServer
{
    public const string HubPath = "/hubs/bare";
    public const string BroadcastPath = "/broadcast";
    public const string Group = "national";

    public static async Task<int> RunAsync(int port)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}"));

        // The ResultsLive node is started with Logging:LogLevel:Default=Warning; the same here.
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSignalR().AddMessagePackProtocol();

        var app = builder.Build();
        app.MapGet("/healthz", static () => "ok");
        app.MapHub<BareHub>(HubPath);
        app.MapPost(BroadcastPath, BroadcastAsync);
        await app.RunAsync().ConfigureAwait(false);
        return 0;
    }

    private static async Task<IResult> BroadcastAsync(HttpRequest request, IHubContext<BareHub> hub, CancellationToken ct)
    {
        // Deserialized into the same types ResultsLive pushes, so SignalR serializes the same bytes, once per protocol.
        var message = await request.ReadFromJsonAsync<DeclaredMessage>(ResultsContract.JsonOptions, ct).ConfigureAwait(false);
        if (message is null)
        {
            return Results.BadRequest();
        }

        // Not cancellable, like ResultsLive's broadcaster: a push that has started goes to everyone.
        await hub.Clients.Group(Group).SendAsync("Declared", message, CancellationToken.None).ConfigureAwait(false);
        return Results.Json(new SequenceResponse(message.Sequence), ResultsContract.JsonOptions, statusCode: StatusCodes.Status202Accepted);
    }
}

/// <summary>The bare hub: <c>Subscribe</c> joins the one group and answers with a token object, nothing more.</summary>
public sealed class BareHub : Hub
{
    public async Task<BareSubscription> Subscribe(string scope)
    {
        await Groups.AddToGroupAsync(Context.ConnectionId, BareHubServer.Group).ConfigureAwait(false);
        return new BareSubscription(0, scope);
    }
}
