using System.Globalization;
using System.Text;

namespace ResultsLive.Testing;

/// <summary>
/// A reader of a node's push channel (<c>/api/v1/stream</c>) that behaves as public.js does: when the stream drops it comes
/// back with its Last-Event-ID, and it remembers the highest sequence it has been told and when, so a drill can say how
/// long after a declaration an open page heard of it.
/// </summary>
public sealed class StreamFollower : IDrillFollower
{
    private static readonly TimeSpan ReconnectEvery = TimeSpan.FromMilliseconds(250);

    private readonly HttpClient _http = new() { Timeout = Timeout.InfiniteTimeSpan };
    private readonly CancellationTokenSource _stop = new();
    private readonly Uri _url;
    private readonly ShownSequence _heard = new();
    private readonly Task _reading;
    private string? _lastEventId;
    private int _reconnects;

    public StreamFollower(Uri node, string name)
    {
        ArgumentNullException.ThrowIfNull(node);
        Name = name;
        _url = new Uri(node, "api/v1/stream");
        _reading = Task.Run(ReadAsync);
    }

    public string Name { get; }

    /// <summary>The highest sequence the stream has told this reader of.</summary>
    public long Sequence => _heard.Sequence;

    /// <summary>How many times the stream dropped and this reader was answered again.</summary>
    public int Reconnects => Volatile.Read(ref _reconnects);

    /// <summary>Waits until the reader has heard of <paramref name="sequence"/>, and returns the <see cref="System.Diagnostics.Stopwatch"/> timestamp it did.</summary>
    public Task<long> WaitForAsync(long sequence, CancellationToken ct) => _heard.WaitForAsync(sequence, ct);

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
        var connected = false;
        for (var attempt = 0; !ct.IsCancellationRequested; attempt++)
        {
            if (attempt > 0)
            {
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

                if (connected)
                {
                    Interlocked.Increment(ref _reconnects);
                }

                connected = true;

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
        if (id.Split(':') is [_, var number] && long.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var sequence))
        {
            _heard.Shown(sequence);
        }
    }
}
