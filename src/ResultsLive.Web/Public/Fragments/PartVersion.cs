using ResultsLive.Core.Arithmetic;
using ResultsLive.Core.Model;
using ResultsLive.Feed;

namespace ResultsLive.Web.Public.Fragments;

/// <summary>
/// One part's state from the sequence at which it changed until its next change: what is needed to draw it, and its
/// HTML and JSON once drawn (at most once each on this node, however many readers ask).
/// </summary>
/// <remarks>
/// A version whose state this node never saw (an entry applied inside a batch and changed again by a later entry of the
/// same batch) has no <see cref="Snapshot"/>: its sequence is known, so a request for it is not answered with the state
/// before it, but it cannot be drawn.
/// </remarks>
public sealed class PartVersion
{
    private Task<Fragment>? _html;
    private Task<Fragment>? _json;
    private int _renders;

    internal PartVersion(string part, long sequence, LiveSnapshot? snapshot, SeatResult? previous)
    {
        Part = part;
        Sequence = sequence;
        Snapshot = snapshot;
        PreviouslyReported = previous;
    }

    public string Part { get; }

    /// <summary>The sequence at which the part took this state.</summary>
    public long Sequence { get; }

    /// <summary>The state after the entry (or batch) that made this version; null when the node never saw it.</summary>
    public LiveSnapshot? Snapshot { get; }

    /// <summary>For a seat whose winner a correction changed, the result reported before it.</summary>
    public SeatResult? PreviouslyReported { get; }

    /// <summary>How many times this node drew this version (HTML and JSON each count); the cache's whole point is 1 each.</summary>
    public int Renders => Volatile.Read(ref _renders);

    internal Task<Fragment> Html(Func<PartVersion, Task<Fragment>> render) => Once(ref _html, render);

    internal Task<Fragment> Json(Func<PartVersion, Task<Fragment>> render) => Once(ref _json, render);

    private Task<Fragment> Once(ref Task<Fragment>? slot, Func<PartVersion, Task<Fragment>> render)
    {
        if (Volatile.Read(ref slot) is { } done)
        {
            return done;
        }

        var mine = new TaskCompletionSource<Fragment>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (Interlocked.CompareExchange(ref slot, mine.Task, null) is { } other)
        {
            return other;
        }

        Interlocked.Increment(ref _renders);
        _ = RenderInto(mine, render);
        return mine.Task;
    }

    private async Task RenderInto(TaskCompletionSource<Fragment> into, Func<PartVersion, Task<Fragment>> render)
    {
        try
        {
            into.SetResult(await render(this).ConfigureAwait(false));
        }
        catch (Exception ex)
        {
            into.SetException(ex);
        }
    }
}

/// <summary>
/// The versions of chosen parts a node keeps, at most a given number, the oldest made dropped first: a chosen part takes
/// the version of the part it follows, so one dropped and asked for again is the same version, drawn again.
/// </summary>
internal sealed class ChosenVersions(int capacity)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<(string Part, long Sequence), PartVersion> _held = [];
    private readonly Queue<(string Part, long Sequence)> _order = new();

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _held.Count;
            }
        }
    }

    public PartVersion Get(string part, PartVersion followed)
    {
        var key = (part, followed.Sequence);
        lock (_lock)
        {
            // A version of the followed part this node never drew (its snapshot unseen) is not kept: it cannot be drawn.
            if (_held.TryGetValue(key, out var held) && ReferenceEquals(held.Snapshot, followed.Snapshot))
            {
                return held;
            }

            var version = new PartVersion(part, followed.Sequence, followed.Snapshot, null);
            if (!_held.ContainsKey(key))
            {
                _order.Enqueue(key);
            }

            _held[key] = version;
            while (_held.Count > capacity && _order.TryDequeue(out var oldest))
            {
                _held.Remove(oldest);
            }

            return version;
        }
    }
}

/// <summary>A drawn part: its bytes, their content type and an entity tag, the same on every node; compressed once, on first ask.</summary>
public sealed class Fragment(string part, long sequence, byte[] body, string contentType, string etag)
{
    private byte[]? _brotli;
    private byte[]? _gzip;

    public string Part { get; } = part;

    public long Sequence { get; } = sequence;

    public byte[] Body { get; } = body;

    public string ContentType { get; } = contentType;

    public string ETag { get; } = etag;

    /// <summary>The body compressed with Brotli, made once for every reader (racing readers may make it twice; both are equal).</summary>
    public byte[] Brotli => _brotli ??= Compress(Body, static s => new System.IO.Compression.BrotliStream(s, System.IO.Compression.CompressionLevel.Optimal, leaveOpen: true));

    public byte[] Gzip => _gzip ??= Compress(Body, static s => new System.IO.Compression.GZipStream(s, System.IO.Compression.CompressionLevel.Optimal, leaveOpen: true));

    private static byte[] Compress(byte[] body, Func<Stream, Stream> wrap)
    {
        using var output = new MemoryStream();
        using (var compressor = wrap(output))
        {
            compressor.Write(body);
        }

        return output.ToArray();
    }
}

/// <summary>A seat's result and status as a part records them: enough to tell whether an entry changed the seat.</summary>
internal readonly record struct SeatState(SeatResult? Result, SeatStatus Status);
