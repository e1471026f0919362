using System.Buffers;
using System.Globalization;
using System.IO.Pipelines;
using System.Text.Json;

using ResultsLive.Core.Contracts;

namespace ResultsLive.Web.Public.Fragments;

/// <summary>
/// This node's <c>/api/v1/stream</c> readers, sent each sequence's news by one pass over them: a sequence costs the node
/// a write and a flush per reader, not a woken task per reader (10,000 readers, 10,000 continuations on every sequence).
/// </summary>
/// <remarks>
/// A reader whose connection has not taken its last bytes yet is passed over, not waited for: once its flush is through
/// it looks again and catches up by itself (<see cref="StreamListener"/>), so a slow reader delays nobody else.
/// </remarks>
public sealed class StreamAudience(FragmentLedger ledger)
{
    private readonly Lock _lock = new();
    private readonly HashSet<StreamListener> _listeners = [];
    private long _passed = -1;

    /// <summary>How many readers are listening now.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _listeners.Count;
            }
        }
    }

    /// <summary>The sequence of the last pass over the readers (-1 before the first): each was offered the news up to it.</summary>
    public long Passed => Interlocked.Read(ref _passed);

    /// <summary>
    /// Sends <paramref name="writer"/> the news after <paramref name="cursor"/> (of <paramref name="epoch"/>) as it comes
    /// out, until <paramref name="ct"/> ends or the reader goes. The caller must not write to it until this completes.
    /// </summary>
    public async Task ListenAsync(PipeWriter writer, long cursor, string epoch, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(epoch);
        var listener = new StreamListener(ledger, writer, cursor, epoch, ct);
        lock (_lock)
        {
            _listeners.Add(listener);
        }

        try
        {
            // Whatever came out between the caller's reading of the cursor and joining: the passes only send what is new.
            listener.Offer(keepAlive: false);
            await listener.Finished.ConfigureAwait(false);
        }
        finally
        {
            lock (_lock)
            {
                _listeners.Remove(listener);
            }
        }
    }

    /// <summary>Offers every reader the news on each wake of the ledger (a keep-alive when it has none) until <paramref name="ct"/> ends.</summary>
    public async Task RunAsync(CancellationToken ct)
    {
        // The signal is taken before the state is read, so news published during a pass wakes the next one.
        var next = ledger.Next;
        var seen = ledger.State;
        StreamListener[] listeners = [];
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await next.WaitAsync(ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }

            // Woken with nothing new: the ledger's keep-alive pulse, so a page knows its line is open on a quiet night.
            next = ledger.Next;
            var state = ledger.State;
            var keepAlive = state.Sequence == seen.Sequence && string.Equals(state.Epoch, seen.Epoch, StringComparison.Ordinal);
            seen = state;
            int count;
            lock (_lock)
            {
                count = _listeners.Count;
                if (listeners.Length < count)
                {
                    listeners = new StreamListener[Math.Max(count, listeners.Length * 2)];
                }

                _listeners.CopyTo(listeners);
            }

            for (var i = 0; i < count; i++)
            {
                listeners[i].Offer(keepAlive);
                listeners[i] = null!;
            }

            Interlocked.Exchange(ref _passed, state.Sequence);
        }
    }

    /// <summary>The event that tells a reader to take every part afresh: the state's sequence and national addresses.</summary>
    public static byte[] ResetEvent(LedgerState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var data = JsonSerializer.Serialize(
            new { epoch = state.Epoch, sequence = state.Sequence, parts = PublicPart.National.ToDictionary(p => p, state.Url) },
            ResultsContract.JsonOptions);
        return System.Text.Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"id: {state.Epoch}:{state.Sequence}\nevent: reset\ndata: {data}\n\n"));
    }
}

/// <summary>
/// One stream reader: where it is (cursor and epoch), and whether something is writing to it. Only one writer at a time:
/// a pass finds it busy and moves on; the writer, when its flush is through, looks again before letting go.
/// </summary>
internal sealed class StreamListener
{
    private static readonly byte[] KeepAliveEvent = "event: keep-alive\ndata: {}\n\n"u8.ToArray();

    private readonly FragmentLedger _ledger;
    private readonly PipeWriter _writer;
    private readonly CancellationToken _ct;
    private readonly TaskCompletionSource _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenRegistration _ending;
    private long _cursor;
    private string _epoch;
    private int _busy;
    private volatile bool _ended;

    public StreamListener(FragmentLedger ledger, PipeWriter writer, long cursor, string epoch, CancellationToken ct)
    {
        _ledger = ledger;
        _writer = writer;
        _cursor = cursor;
        _epoch = epoch;
        _ct = ct;
        _ending = ct.UnsafeRegister(static state => ((StreamListener)state!).End(), this);
    }

    /// <summary>Completes once the reader has gone (or the node is stopping) and nothing is writing to it any more.</summary>
    public Task Finished => _finished.Task;

    /// <summary>Sends what is new, or a keep-alive if asked and nothing is; passes if a write to this reader is under way.</summary>
    public void Offer(bool keepAlive)
    {
        if (!_ended && Interlocked.CompareExchange(ref _busy, 1, 0) == 0)
        {
            _ = SendAsync(keepAlive);
        }
    }

    private async Task SendAsync(bool keepAlive)
    {
        try
        {
            while (true)
            {
                if (Write(keepAlive))
                {
                    var flushed = await _writer.FlushAsync(_ct).ConfigureAwait(false);
                    if (flushed.IsCompleted || flushed.IsCanceled)
                    {
                        End();
                    }
                }

                keepAlive = false;

                // Let go, then look again: news that came out while this reader was busy was passed over.
                Volatile.Write(ref _busy, 0);
                if (_ended)
                {
                    Finish();
                    return;
                }

                if (!HasNews() || Interlocked.CompareExchange(ref _busy, 1, 0) != 0)
                {
                    return;
                }
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The reader went away mid-write, or the node is stopping: either way this reader is done, and only it.
            End();
            Volatile.Write(ref _busy, 0);
            Finish();
        }
    }

    /// <summary>Writes (without flushing) what is new; true if anything was written.</summary>
    private bool Write(bool keepAlive)
    {
        var state = _ledger.State;
        var news = string.Equals(state.Epoch, _epoch, StringComparison.Ordinal) ? state.NewsAfter(_cursor) : null;
        if (news is null)
        {
            // Too far behind, the ledger started again, or a new epoch (whose sequences may be below the cursor):
            // take every part afresh.
            (_cursor, _epoch) = (state.Sequence, state.Epoch);
            _writer.Write(StreamAudience.ResetEvent(state));
            return true;
        }

        if (news.Count > 0)
        {
            foreach (var item in news)
            {
                _writer.Write(item.Event);
            }

            _cursor = news[^1].Sequence;
            return true;
        }

        if (keepAlive)
        {
            _writer.Write(KeepAliveEvent);
            return true;
        }

        return false;
    }

    private bool HasNews() => _ledger.State is var state && (state.Sequence > _cursor || !string.Equals(state.Epoch, _epoch, StringComparison.Ordinal));

    private void End()
    {
        _ended = true;
        Finish();
    }

    /// <summary>Completes <see cref="Finished"/> if the reader has ended and nobody is writing to it; whoever lets go last does.</summary>
    private void Finish()
    {
        if (_ended && Interlocked.CompareExchange(ref _busy, 1, 0) == 0)
        {
            _ending.Dispose();
            _finished.TrySetResult();
        }
    }
}
