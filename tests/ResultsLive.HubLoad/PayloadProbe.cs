using System.Text;
using System.Text.Json;

using Microsoft.AspNetCore.SignalR.Client;

namespace ResultsLive.HubLoad;

/// <summary>
/// One extra JSON connection that keeps the first <c>Declared</c> push whole: from ResultsLive it is the payload the bare
/// hub is then given; from the bare hub it proves the baseline sent the same thing. It also warms the hub's code paths
/// before the "before" memory reading. Closed before anything is measured.
/// </summary>
internal sealed class PayloadProbe : IAsyncDisposable
{
    private readonly HubClientFactory _clients = new("json");
    private readonly TaskCompletionSource<string> _first = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly HubConnection _connection;

    private PayloadProbe(Uri hubUrl)
    {
        _connection = _clients.Create(hubUrl);
        _connection.On<JsonElement>("Declared", message => _first.TrySetResult(message.GetRawText()));
    }

    public static async Task<PayloadProbe> OpenAsync(Uri hubUrl, CancellationToken ct)
    {
        var probe = new PayloadProbe(hubUrl);
        await probe._connection.StartAsync(ct).ConfigureAwait(false);
        var answer = await probe._connection.InvokeAsync<JsonElement>("Subscribe", "national", ct).ConfigureAwait(false);
        probe.SubscribeAnswerBytes = Encoding.UTF8.GetByteCount(answer.GetRawText());
        return probe;
    }

    /// <summary>The size of the <c>Subscribe</c> answer in JSON, which every connection is sent once.</summary>
    public int SubscribeAnswerBytes { get; private set; }

    /// <summary>The first push as the hub's JSON protocol wrote it.</summary>
    public Task<string> FirstPayloadAsync(TimeSpan timeout, CancellationToken ct) => _first.Task.WaitAsync(timeout, ct);

    public async ValueTask DisposeAsync()
    {
        await _connection.DisposeAsync().ConfigureAwait(false);
    }
}
