using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Net.WebSockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.DependencyInjection;

namespace ResultsLive.LoadTools;

/// <summary>
/// A Blazor Server circuit without a browser: it fetches a page, starts a circuit for the page's interactive root
/// component over the _blazor hub (the "blazorpack" protocol, as blazor.web.js does), acknowledges every render batch
/// and answers every JS interop call with success. The server does for it everything it does for a real browser tab.
/// </summary>
internal sealed partial class RawCircuit : IAsyncDisposable
{
    private readonly HubConnection _connection;
    private long _renderBatches;
    private long _jsObjects;

    private RawCircuit(HubConnection connection)
    {
        _connection = connection;
    }

    public long RenderBatches => Interlocked.Read(ref _renderBatches);

    public static async Task<RawCircuit> OpenAsync(HttpClient http, Uri page, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(http);
        var html = await http.GetStringAsync(page, ct);
        var markers = Marker().Matches(html)
            .Select(m => JsonNode.Parse(m.Groups[1].Value)!.AsObject())
            .Where(m => m["type"]?.GetValue<string>() == "server" && m["descriptor"] is not null)
            .ToList();
        if (markers.Count == 0)
        {
            throw new InvalidOperationException($"{page} has no interactive server component to start a circuit for");
        }

        var state = State().Match(html) is { Success: true } s ? s.Groups[1].Value : "";
        // Straight to the WebSocket, without the negotiate request: a browser negotiates over the connection it loaded the
        // page on, shared by its tabs, whereas each client here would keep its own idle keep-alive connection open on the
        // server for two minutes, an HTTP connection per circuit that no browser tab costs.
        var builder = new HubConnectionBuilder().WithUrl(new Uri(page, "/_blazor"), HttpTransportType.WebSockets, options =>
        {
            options.SkipNegotiation = true;

            // Offered as every browser offers it; the server decides whether pages' sockets are compressed.
            options.WebSocketConfiguration = socket => socket.DangerousDeflateOptions = new WebSocketDeflateOptions();
        });
        builder.Services.AddSingleton<IHubProtocol>(new BlazorPackProtocol());
        var connection = builder.Build();
        var circuit = new RawCircuit(connection);

        connection.On("JS.RenderBatch", [typeof(long), typeof(byte[])], args =>
        {
            Interlocked.Increment(ref circuit._renderBatches);
            return connection.SendAsync("OnRenderCompleted", (long)args[0]!, null);
        });
        connection.On("JS.BeginInvokeJS", [typeof(long), typeof(string), typeof(string), typeof(long), typeof(long), typeof(long)], args =>
        {
            var handle = (long)args[0]!;
            if (handle == 0)
            {
                return Task.CompletedTask;
            }

            // "import" must return a JS object reference, as a module; everything else (chart calls, focus) succeeds with nothing.
            var result = (string)args[1]! == "import" ? $"{{\"__jsObjectId\":{Interlocked.Increment(ref circuit._jsObjects)}}}" : "null";
            return connection.SendAsync("EndInvokeJSFromDotNet", handle, true, $"[{handle},true,{result}]");
        });
        foreach (var ignored in new[] { "JS.EndUpdateRootComponents", "JS.AttachComponent", "JS.EndInvokeDotNet", "JS.Error", "JS.SavePersistedState", "JS.EndLocationChanging" })
        {
            connection.On(ignored, [typeof(object)], _ => Task.CompletedTask);
        }

        await connection.StartAsync(ct);
        var baseUri = new Uri(page, "/").ToString();
        var id = await connection.InvokeAsync<string?>("StartCircuit", baseUri, page.ToString(), "[]", state, ct);
        if (string.IsNullOrEmpty(id))
        {
            throw new InvalidOperationException("the server refused to start a circuit");
        }

        var operations = new JsonObject
        {
            ["batchId"] = 1,
            ["operations"] = new JsonArray([.. markers.Select((m, i) => (JsonNode)new JsonObject
            {
                ["type"] = "add",
                ["ssrComponentId"] = i + 1,
                ["marker"] = m.DeepClone(),
            })]),
        };
        await connection.SendAsync("UpdateRootComponents", operations.ToJsonString(), state, ct);
        return circuit;
    }

    /// <summary>Waits until the circuit has had its first render batch, so it is live and subscribed.</summary>
    public async Task WaitUntilRenderedAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (RenderBatches == 0)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("the circuit did not render");
            }

            await Task.Delay(20);
        }
    }

    public async ValueTask DisposeAsync() => await _connection.DisposeAsync();

    [GeneratedRegex("<!--Blazor:(\\{.*?\\})-->", RegexOptions.Singleline)]
    private static partial Regex Marker();

    [GeneratedRegex("<!--Blazor-Server-Component-State:([a-zA-Z0-9+/=]+)-->")]
    private static partial Regex State();

    /// <summary>Blazor Server's hub speaks MessagePack under the name "blazorpack".</summary>
    private sealed class BlazorPackProtocol : IHubProtocol
    {
        private readonly MessagePackHubProtocol _inner = new();

        public string Name => "blazorpack";

        public int Version => _inner.Version;

        public TransferFormat TransferFormat => TransferFormat.Binary;

        public bool IsVersionSupported(int version) => _inner.IsVersionSupported(version);

        public bool TryParseMessage(ref ReadOnlySequence<byte> input, IInvocationBinder binder, [NotNullWhen(true)] out HubMessage? message) =>
            _inner.TryParseMessage(ref input, binder, out message);

        public void WriteMessage(HubMessage message, IBufferWriter<byte> output) => _inner.WriteMessage(message, output);

        public ReadOnlyMemory<byte> GetMessageBytes(HubMessage message) => _inner.GetMessageBytes(message);
    }
}
