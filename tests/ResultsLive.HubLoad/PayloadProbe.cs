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
    private readonly HubClientFactory _clients = new("json");
    private readonly Lock _gate = new();
    private readonly Dictionary<long, string> _payloads = [];
    private readonly HubConnection _connection;

    /// <summary>The sequences <see cref="PayloadsAsync"/> still waits for, and what it awaits; null when nobody waits.</summary>
    private (HashSet<long> Missing, TaskCompletionSource Arrived)? _waiter;

    private PayloadProbe(Uri hubUrl)
    {
        _connection = _clients.Create(hubUrl);
        _connection.On<JsonElement>("Declared", Record);
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
        Task arrived;
        lock (_gate)
        {
            var missing = sequences.Where(s => !_payloads.ContainsKey(s)).ToHashSet();
            var waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            if (missing.Count == 0)
            {
                waiter.SetResult();
            }
            else
            {
                _waiter = (missing, waiter);
            }

            arrived = waiter.Task;
        }

        try
        {
            await arrived.WaitAsync(timeout, ct).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            lock (_gate)
            {
                throw new TimeoutException($"the probe did not receive every push within {timeout}: {_waiter?.Missing.Count} missing");
            }
        }

        lock (_gate)
        {
            _waiter = null;
            return [.. sequences.Select(s => _payloads[s])];
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _connection.DisposeAsync().ConfigureAwait(false);
    }

    private void Record(JsonElement message)
    {
        var sequence = message.GetProperty("sequence").GetInt64();
        lock (_gate)
        {
            _payloads[sequence] = message.GetRawText();
            if (_waiter is { } waiter && waiter.Missing.Remove(sequence) && waiter.Missing.Count == 0)
            {
                waiter.Arrived.TrySetResult();
            }
        }
    }
}
