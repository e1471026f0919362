using System.Diagnostics;
using System.Text;

namespace ResultsLive.LoadTools;

/// <summary>
/// A reader of the public pages' push channel as the node sees one: an open <c>/api/v1/stream</c> request whose events are
/// read and counted (and nothing more: the fragments they name come from the cache in front, not from the node).
/// </summary>
internal sealed class StreamViewer : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _opened = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task _reading = Task.CompletedTask;
    private int _sequences;
    private long _lastAt;
    private TaskCompletionSource _heard = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>How many <c>sequence</c> events this viewer received.</summary>
    public int Sequences => Volatile.Read(ref _sequences);

    /// <summary>When (a <see cref="Stopwatch"/> timestamp) this viewer read its latest <c>sequence</c> event.</summary>
    public long LastAt => Volatile.Read(ref _lastAt);

    /// <summary>Completes once this viewer has received <paramref name="count"/> <c>sequence</c> events.</summary>
    public async Task HeardAsync(int count, CancellationToken ct)
    {
        while (true)
        {
            // The signal first, then the count: an event between the two completes the signal taken, never a later one.
            var heard = Volatile.Read(ref _heard).Task;
            if (Sequences >= count)
            {
                return;
            }

            await heard.WaitAsync(ct);
        }
    }

    /// <param name="news">Given the <c>data</c> of each <c>sequence</c> event (its JSON), as it arrives.</param>
    public static async Task<StreamViewer> OpenAsync(HttpClient http, Uri baseAddress, Action<string>? news = null)
    {
        var viewer = new StreamViewer();
        viewer._reading = viewer.ReadAsync(http, new Uri(baseAddress, "api/v1/stream"), news);
        await viewer._opened.Task.WaitAsync(TimeSpan.FromSeconds(60));
        return viewer;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _reading;
        }
        catch (OperationCanceledException)
        {
            // Closed by us.
        }

        _stop.Dispose();
    }

    private async Task ReadAsync(HttpClient http, Uri url, Action<string>? news)
    {
        try
        {
            using var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, _stop.Token);
            response.EnsureSuccessStatusCode();
            await using var body = await response.Content.ReadAsStreamAsync(_stop.Token);

            // A small buffer: ten thousand of these share the tool's memory with the browser and the node.
            using var reader = new StreamReader(body, Encoding.UTF8, false, 1024);
            var inSequence = false;
            while (await reader.ReadLineAsync(_stop.Token) is { } line)
            {
                if (line.StartsWith("event: ", StringComparison.Ordinal))
                {
                    inSequence = line.StartsWith("event: sequence", StringComparison.Ordinal);
                }

                if (line.StartsWith("event: reset", StringComparison.Ordinal))
                {
                    _opened.TrySetResult();
                }
                else if (inSequence && line.StartsWith("event: sequence", StringComparison.Ordinal))
                {
                    Volatile.Write(ref _lastAt, Stopwatch.GetTimestamp());
                    Interlocked.Increment(ref _sequences);
                    Interlocked.Exchange(ref _heard, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
                }
                else if (inSequence && news is not null && line.StartsWith("data: ", StringComparison.Ordinal))
                {
                    news(line["data: ".Length..]);
                }
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _opened.TrySetException(ex);
            throw;
        }
    }
}
