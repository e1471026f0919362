using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace ResultsLive.Testing;

/// <summary>
/// A reader of a node's push channel (<c>/api/v1/stream</c>) that behaves as public.js does: when the stream drops it comes
/// back with its Last-Event-ID, and it remembers the highest sequence it has been told and when, so a drill can say how
/// long after a declaration an open page heard of it.
/// </summary>
public sealed class StreamFollower : IAsyncDisposable
{
    private static readonly TimeSpan ReconnectEvery = TimeSpan.FromMilliseconds(250);

    private readonly HttpClient _http = new() { Timeout = Timeout.InfiniteTimeSpan };
    private readonly CancellationTokenSource _stop = new();
    private readonly Uri _url;
    private readonly Lock _lock = new();
    private readonly Task _reading;
    private string? _lastEventId;
    private long _sequence;
    private long _heardAt;
    private int _reconnects;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public StreamFollower(Uri node, string name)
    {
        ArgumentNullException.ThrowIfNull(node);
        Name = name;
        _url = new Uri(node, "api/v1/stream");
        _reading = Task.Run(ReadAsync);
    }

    public string Name { get; }

    /// <summary>The highest sequence the stream has told this reader of.</summary>
    public long Sequence
    {
        get
        {
            lock (_lock)
            {
                return _sequence;
            }
        }
    }

    /// <summary>How many times the stream dropped and this reader came back.</summary>
    public int Reconnects => Volatile.Read(ref _reconnects);

    /// <summary>Waits until the reader has heard of <paramref name="sequence"/>, and returns the <see cref="Stopwatch"/> timestamp it did.</summary>
    public async Task<long> WaitForAsync(long sequence, CancellationToken ct)
    {
        while (true)
        {
            Task changed;
            lock (_lock)
            {
                if (_sequence >= sequence)
                {
                    return _heardAt;
                }

                changed = _changed.Task;
            }

            await changed.WaitAsync(ct).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _reading.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Closed by us.
        }

        _http.Dispose();
        _stop.Dispose();
    }

    private async Task ReadAsync()
    {
        var ct = _stop.Token;
        for (var attempt = 0; !ct.IsCancellationRequested; attempt++)
        {
            if (attempt > 0)
            {
                Interlocked.Increment(ref _reconnects);
                await Task.Delay(ReconnectEvery, ct).ConfigureAwait(false);
            }

            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, _url);
                if (_lastEventId is { } last)
                {
                    request.Headers.Add("Last-Event-ID", last);
                }

                using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
                if (!response.IsSuccessStatusCode)
                {
                    continue;
                }

                await using var body = await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false);
                using var reader = new StreamReader(body, Encoding.UTF8, false, 1024);
                while (await reader.ReadLineAsync(ct).ConfigureAwait(false) is { } line)
                {
                    if (line.StartsWith("id: ", StringComparison.Ordinal))
                    {
                        Heard(line[4..]);
                    }
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException || (ex is OperationCanceledException && !ct.IsCancellationRequested))
            {
                // The node went, or the stream broke: come back as a browser's EventSource would.
            }
        }
    }

    private void Heard(string id)
    {
        _lastEventId = id;
        if (id.Split(':') is not [_, var number] || !long.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var sequence))
        {
            return;
        }

        TaskCompletionSource changed;
        lock (_lock)
        {
            if (sequence <= _sequence)
            {
                return;
            }

            (_sequence, _heardAt) = (sequence, Stopwatch.GetTimestamp());
            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        changed.TrySetResult();
    }
}
