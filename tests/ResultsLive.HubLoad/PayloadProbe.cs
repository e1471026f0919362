using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;

using Microsoft.AspNetCore.SignalR.Client;

namespace ResultsLive.HubLoad;

/// <summary>
/// One extra JSON connection, open through a hub's first round, that keeps every <c>Declared</c> push whole: from
/// ResultsLive they are the payloads the bare hub is then given; from the bare hub they prove it sent the same. It also
/// warms the hub's code paths before the "before" memory reading. Each hub has one, so both push to N + 1 connections.
/// </summary>
internal sealed class PayloadProbe : IAsyncDisposable
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(20);

    private readonly HubClientFactory _clients = new("json");
    private readonly ConcurrentDictionary<long, string> _payloads = new();
    private readonly HubConnection _connection;

    private PayloadProbe(Uri hubUrl)
    {
        _connection = _clients.Create(hubUrl);
        _connection.On<JsonElement>("Declared", message => _payloads[message.GetProperty("sequence").GetInt64()] = message.GetRawText());
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

    /// <summary>The pushes carrying <paramref name="sequences"/>, in that order, as the hub's JSON protocol wrote them.</summary>
    public async Task<IReadOnlyList<string>> PayloadsAsync(IReadOnlyList<long> sequences, TimeSpan timeout, CancellationToken ct)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout);
        try
        {
            while (!sequences.All(_payloads.ContainsKey))
            {
                await Task.Delay(Poll, deadline.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new TimeoutException($"the probe did not receive every push within {timeout}: {sequences.Count(s => !_payloads.ContainsKey(s))} missing");
        }

        return [.. sequences.Select(s => _payloads[s])];
    }

    public async ValueTask DisposeAsync()
    {
        await _connection.DisposeAsync().ConfigureAwait(false);
    }
}
