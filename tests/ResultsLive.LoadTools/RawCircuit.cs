using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Net.WebSockets;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Text.Unicode;

using MessagePack;

namespace ResultsLive.LoadTools;

/// <summary>
/// A Blazor Server circuit without a browser: it fetches a page, starts a circuit for the page's interactive root
/// component over the _blazor hub (the "blazorpack" protocol, as blazor.web.js does), acknowledges every render batch
/// and answers every JS interop call with success. The server does for it everything it does for a real browser tab.
/// </summary>
/// <remarks>
/// It speaks the hub protocol straight over a <see cref="ClientWebSocket"/> (see <see cref="BlazorPack"/>): a hundred of
/// these share a machine with the node they measure, so a render batch costs only its receive, a glance at the target
/// and the batch id (the batch itself is never read), and a small acknowledgement written into a reused buffer.
/// </remarks>
internal sealed partial class RawCircuit : IAsyncDisposable
{
    /// <summary>blazor.web.js's first invocation id; the only invocation here that expects a Completion.</summary>
    private const string StartCircuitId = "0";

    /// <summary>Blazor's (and SignalR's) keep-alive interval: the server drops a client silent for 30 s.</summary>
    private const long KeepAliveMilliseconds = 15_000;

    /// <summary>How long disposal waits for the server to answer the close handshake before aborting.</summary>
    private static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(2);

    private readonly ClientWebSocket _socket = new();
    private readonly TaskCompletionSource<string?> _circuitId = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Timer _keepAlive;

    /// <summary>A WebSocket takes one send at a time: the receive loop's replies, pings, OpenAsync and the close.</summary>
    private readonly SemaphoreSlim _sendLock = new(1, 1);

    /// <summary>The message being sent, then the same with its length prefix; reused under <see cref="_sendLock"/>.</summary>
    private readonly ArrayBufferWriter<byte> _message = new(256);
    private readonly ArrayBufferWriter<byte> _frame = new(256);

    /// <summary>Received bytes not yet handled, from the start: whole messages and at most one partial one.</summary>
    private byte[] _received = ArrayPool<byte>.Shared.Rent(16 * 1024);
    private int _receivedCount;

    private Task _receiveLoop = Task.CompletedTask;
    private long _pingDue;
    private long _renderBatches;
    private long _renderBatchBytes;
    private long _jsObjects;
    private int _disposed;

    private RawCircuit()
    {
        _keepAlive = new Timer(static state => ((RawCircuit)state!).OnKeepAliveTimer(), this, Timeout.Infinite, Timeout.Infinite);

        // Offered as every browser offers it; the server decides whether pages' sockets are compressed.
        _socket.Options.DangerousDeflateOptions = new WebSocketDeflateOptions();
    }

    /// <summary>What the receive loop must send in answer to a message.</summary>
    private enum Reply
    {
        None,
        RenderCompleted,
        EndInvokeJS,
        EndInvokeJSWithModule,
        Stop,
    }

    /// <summary>Writes one outgoing hub message, without its length prefix.</summary>
    private delegate void MessageWriter<TArgs>(ref MessagePackWriter writer, TArgs args);

    public long RenderBatches => Interlocked.Read(ref _renderBatches);

    /// <summary>The size of the render batch messages received, as on the wire (uncompressed: the server declines deflate).</summary>
    public long RenderBatchBytes => Interlocked.Read(ref _renderBatchBytes);

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
        var circuit = new RawCircuit();
        try
        {
            await circuit.ConnectAsync(new Uri(page, "/_blazor"), ct);
            var baseUri = new Uri(page, "/").ToString();
            await circuit.SendAsync((baseUri, page.ToString(), state), WriteStartCircuit, ct);
            var id = await circuit._circuitId.Task.WaitAsync(ct);
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
            await circuit.SendAsync((operations.ToJsonString(), state), WriteUpdateRootComponents, ct);
            return circuit;
        }
        catch
        {
            await circuit.DisposeAsync();
            throw;
        }
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

    /// <summary>Closes the socket politely (aborting it if the server takes too long); never throws.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _keepAlive.DisposeAsync();
        try
        {
            using var timeout = new CancellationTokenSource(CloseTimeout);
            await _sendLock.WaitAsync(timeout.Token);
            try
            {
                if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
                {
                    await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token);
                }
            }
            finally
            {
                _sendLock.Release();
            }

            // The server answers the close, which ends the receive loop.
            await _receiveLoop.WaitAsync(timeout.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException or InvalidOperationException or ObjectDisposedException)
        {
            // Timed out, or the socket had already failed: the abort below ends it either way.
        }

        _socket.Abort();
        await _receiveLoop;
        _socket.Dispose();
        ArrayPool<byte>.Shared.Return(_received);
        _received = [];
    }

    /// <summary>
    /// Connects straight to the WebSocket, without the negotiate request: a browser negotiates over the connection it
    /// loaded the page on, shared by its tabs, whereas each client here would keep its own idle keep-alive connection
    /// open on the server for two minutes, an HTTP connection per circuit that no browser tab costs. Then the handshake,
    /// the first ping (which tells the server this client pings, as SignalR clients do) and the receive loop.
    /// </summary>
    private async Task ConnectAsync(Uri hub, CancellationToken ct)
    {
        var socketUri = new UriBuilder(hub) { Scheme = hub.Scheme == Uri.UriSchemeHttps ? "wss" : "ws" }.Uri;
        await _socket.ConnectAsync(socketUri, ct);
        await _socket.SendAsync(BlazorPack.Handshake, WebSocketMessageType.Binary, endOfMessage: true, ct);

        // The response ends at the first record separator; hub messages may follow it in the same receive.
        int end;
        while ((end = _received.AsSpan(0, _receivedCount).IndexOf(BlazorPack.RecordSeparator)) < 0)
        {
            if (!await ReceiveMoreAsync(ct))
            {
                throw new InvalidOperationException("the server closed the connection during the handshake");
            }
        }

        using (var response = JsonDocument.Parse(_received.AsMemory(0, end)))
        {
            if (response.RootElement.TryGetProperty("error", out var error))
            {
                throw new InvalidOperationException($"the hub refused the handshake: {error}");
            }
        }

        Consume(end + 1);
        await PingAsync(ct);
        _receiveLoop = ReceiveLoopAsync();
        _keepAlive.Change(KeepAliveMilliseconds, Timeout.Infinite);
    }

    /// <summary>
    /// Handles every message the server sends until it closes the connection or the socket fails, which ends the loop
    /// quietly: <see cref="RenderBatches"/> then stops growing.
    /// </summary>
    private async Task ReceiveLoopAsync()
    {
        try
        {
            while (true)
            {
                var handled = 0;
                while (BlazorPack.TryReadLengthPrefix(_received.AsSpan(handled, _receivedCount - handled), out var length, out var prefixLength)
                    && handled + prefixLength + length <= _receivedCount)
                {
                    var message = _received.AsMemory(handled + prefixLength, length);
                    handled += prefixLength + length;
                    switch (Handle(message, out var id))
                    {
                        case Reply.RenderCompleted:
                            await SendAsync(id, WriteRenderCompleted);
                            break;
                        case Reply.EndInvokeJS:
                            await SendAsync((id, 0L), WriteEndInvokeJS);
                            break;
                        case Reply.EndInvokeJSWithModule:
                            await SendAsync((id, ++_jsObjects), WriteEndInvokeJS);
                            break;
                        case Reply.Stop:
                            return;
                    }
                }

                Consume(handled);
                if (!await ReceiveMoreAsync(CancellationToken.None))
                {
                    return;
                }
            }
        }
        catch (Exception e)
        {
            // The socket closed or failed (or the server sent something unreadable): the circuit is over.
            _circuitId.TrySetException(e);
        }
        finally
        {
            _circuitId.TrySetResult(null);
        }
    }

    /// <summary>Reads one hub message and says what to answer: all it reads of a render batch is its id.</summary>
    private Reply Handle(ReadOnlyMemory<byte> message, out long id)
    {
        id = 0;
        var reader = new MessagePackReader(message);
        reader.ReadArrayHeader();
        switch (reader.ReadInt32())
        {
            case BlazorPack.InvocationMessageType:
                reader.Skip(); // headers
                reader.Skip(); // invocation id: the server expects no result from the client here
                if (!reader.TryReadStringSpan(out var target))
                {
                    return Reply.None;
                }

                reader.ReadArrayHeader();
                if (target.SequenceEqual("JS.RenderBatch"u8))
                {
                    Interlocked.Increment(ref _renderBatches);
                    Interlocked.Add(ref _renderBatchBytes, message.Length);
                    id = reader.ReadInt64();
                    return Reply.RenderCompleted;
                }

                if (target.SequenceEqual("JS.BeginInvokeJS"u8))
                {
                    // Handle 0 is a call whose result nobody awaits. "import" must return a JS object reference, as a
                    // module; everything else (chart calls, focus) succeeds with nothing.
                    id = reader.ReadInt64();
                    return id == 0 ? Reply.None
                        : reader.TryReadStringSpan(out var identifier) && identifier.SequenceEqual("import"u8) ? Reply.EndInvokeJSWithModule
                        : Reply.EndInvokeJS;
                }

                // JS.EndUpdateRootComponents, JS.AttachComponent, JS.EndInvokeDotNet, JS.Error, JS.SavePersistedState,
                // JS.EndLocationChanging: nothing a browser would answer.
                return Reply.None;

            case BlazorPack.CompletionMessageType:
                reader.Skip(); // headers
                if (reader.ReadString() == StartCircuitId)
                {
                    _circuitId.TrySetResult(reader.ReadInt32() == BlazorPack.NonVoidResult && reader.NextMessagePackType == MessagePackType.String
                        ? reader.ReadString()
                        : null);
                }

                return Reply.None;

            case BlazorPack.CloseMessageType:
                return Reply.Stop;

            default:
                // Pings, and anything newer: nothing to answer.
                return Reply.None;
        }
    }

    /// <summary>Receives into the free end of the buffer, first doubling it when full; false once the server closes.</summary>
    /// <remarks>Runs once per message, like the sends: its state machine is pooled rather than allocated each time.</remarks>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<bool> ReceiveMoreAsync(CancellationToken ct)
    {
        if (_receivedCount == _received.Length)
        {
            var larger = ArrayPool<byte>.Shared.Rent(_received.Length * 2);
            _received.AsSpan(0, _receivedCount).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_received);
            _received = larger;
        }

        var result = await _socket.ReceiveAsync(_received.AsMemory(_receivedCount), ct);
        if (result.MessageType == WebSocketMessageType.Close)
        {
            return false;
        }

        _receivedCount += result.Count;
        return true;
    }

    /// <summary>Drops handled bytes, moving what is left of a partial message to the start of the buffer.</summary>
    private void Consume(int handled)
    {
        _receivedCount -= handled;
        if (handled > 0 && _receivedCount > 0)
        {
            _received.AsSpan(handled, _receivedCount).CopyTo(_received);
        }
    }

    /// <summary>Sends one hub message as one binary WebSocket message, length prefix included.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask SendAsync<TArgs>(TArgs args, MessageWriter<TArgs> write, CancellationToken ct = default)
    {
        await _sendLock.WaitAsync(ct);
        try
        {
            await SendLockedAsync(Frame(args, write), ct);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    private ReadOnlyMemory<byte> Frame<TArgs>(TArgs args, MessageWriter<TArgs> write)
    {
        _message.ResetWrittenCount();
        var writer = new MessagePackWriter(_message);
        write(ref writer, args);
        writer.Flush();

        _frame.ResetWrittenCount();
        BlazorPack.WriteLengthPrefix(_frame, _message.WrittenCount);
        _frame.Write(_message.WrittenSpan);
        return _frame.WrittenMemory;
    }

    /// <summary>Every send puts the next ping off, as SignalR clients do: a busy circuit never pings.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask SendLockedAsync(ReadOnlyMemory<byte> frame, CancellationToken ct)
    {
        await _socket.SendAsync(frame, WebSocketMessageType.Binary, endOfMessage: true, ct);
        Volatile.Write(ref _pingDue, Environment.TickCount64 + KeepAliveMilliseconds);
    }

    /// <summary>Skipped while another send holds the lock: that send puts the ping off anyway.</summary>
    private async Task PingAsync(CancellationToken ct)
    {
        if (!_sendLock.Wait(0, ct))
        {
            return;
        }

        try
        {
            await SendLockedAsync(BlazorPack.PingFrame, ct);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>
    /// Pings when nothing has been sent for the keep-alive interval, as SignalR clients do. The timer is one-shot, re-armed
    /// for when the next ping would be due, so that a busy circuit's timer wakes once an interval rather than every second:
    /// with a hundred circuits, thread-pool wake-ups are much of what this tool costs.
    /// </summary>
    private void OnKeepAliveTimer()
    {
        if (_receiveLoop.IsCompleted)
        {
            return;
        }

        var untilDue = Volatile.Read(ref _pingDue) - Environment.TickCount64;
        if (untilDue <= 0)
        {
            _ = PingQuietlyAsync();
            untilDue = KeepAliveMilliseconds;
        }

        try
        {
            _keepAlive.Change(untilDue, Timeout.Infinite);
        }
        catch (ObjectDisposedException)
        {
            // Being disposed: no more pings.
        }
    }

    private async Task PingQuietlyAsync()
    {
        try
        {
            await PingAsync(CancellationToken.None);
        }
        catch (Exception e) when (e is WebSocketException or InvalidOperationException or ObjectDisposedException)
        {
            // The socket is closing or gone; the receive loop ends with it.
        }
    }

    private static void WriteStartCircuit(ref MessagePackWriter writer, (string BaseUri, string Uri, string State) args)
    {
        BlazorPack.WriteInvocation(ref writer, "StartCircuit"u8, argumentCount: 4, StartCircuitId);
        writer.Write(args.BaseUri);
        writer.Write(args.Uri);
        writer.Write("[]");
        writer.Write(args.State);
    }

    private static void WriteUpdateRootComponents(ref MessagePackWriter writer, (string Operations, string State) args)
    {
        BlazorPack.WriteInvocation(ref writer, "UpdateRootComponents"u8, argumentCount: 2);
        writer.Write(args.Operations);
        writer.Write(args.State);
    }

    private static void WriteRenderCompleted(ref MessagePackWriter writer, long batchId)
    {
        BlazorPack.WriteInvocation(ref writer, "OnRenderCompleted"u8, argumentCount: 2);
        writer.Write(batchId);
        writer.WriteNil(); // no error
    }

    /// <summary>Reports success: with a new JS object reference (a module) when <c>JsObjectId</c> is not 0, else null.</summary>
    private static void WriteEndInvokeJS(ref MessagePackWriter writer, (long TaskId, long JsObjectId) args)
    {
        Span<byte> json = stackalloc byte[96]; // room for two 20-digit numbers
        var invariant = CultureInfo.InvariantCulture;
        var written = args.JsObjectId == 0
            ? Utf8.TryWrite(json, invariant, $"[{args.TaskId},true,null]", out var length)
            : Utf8.TryWrite(json, invariant, $"[{args.TaskId},true,{{\"__jsObjectId\":{args.JsObjectId}}}]", out length);
        Debug.Assert(written, "the JSON fits");

        BlazorPack.WriteInvocation(ref writer, "EndInvokeJSFromDotNet"u8, argumentCount: 3);
        writer.Write(args.TaskId);
        writer.Write(true);

        // Copied rather than passed to WriteString: the writer may not hold on to a stack buffer.
        writer.WriteStringHeader(length);
        json[..length].CopyTo(writer.GetSpan(length));
        writer.Advance(length);
    }

    [GeneratedRegex("<!--Blazor:(\\{.*?\\})-->", RegexOptions.Singleline)]
    private static partial Regex Marker();

    [GeneratedRegex("<!--Blazor-Server-Component-State:([a-zA-Z0-9+/=]+)-->")]
    private static partial Regex State();
}
