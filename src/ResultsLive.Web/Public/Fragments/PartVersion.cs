using ResultsLive.Core.Arithmetic;
using ResultsLive.Core.Model;
using ResultsLive.Feed;

namespace ResultsLive.Web.Public.Fragments;

/// <summary>
/// One part's state from the sequence at which it changed until its next change: what is needed to draw it, and its
/// HTML and JSON once drawn (at most once each on this node, however many readers ask).
/// </summary>
/// <remarks>
/// <para>
/// A version is drawn ahead of its readers (as soon as its news is out) only if readers asked for the version before it:
/// a part someone follows is ready when the news sets off their fetches, and a node whose audience follows nothing (hub
/// clients only, or readers of the news alone) draws nothing it is not asked for.
/// </para>
/// <para>
/// A version whose state this node never saw (an entry applied inside a batch and changed again by a later entry of the
/// same batch) has no <see cref="Snapshot"/>: its sequence is known, so a request for it is not answered with the state
/// before it, but it cannot be drawn.
/// </para>
/// </remarks>
public sealed class PartVersion
{
    private Task<Fragment>? _html;
    private Task<Fragment>? _json;
    private int _renders;
    private volatile bool _asked;

    internal PartVersion(string part, long sequence, LiveSnapshot? snapshot, SeatResult? previous, PartVersion? before = null)
    {
        Part = part;
        Sequence = sequence;
        Snapshot = snapshot;
        PreviouslyReported = previous;

        // A version the node never saw passes on its predecessor's readers, so a batch does not lose them.
        Followed = before is not null && (before.Asked || (before.Snapshot is null && before.Followed));
    }

    public string Part { get; }

    /// <summary>The sequence at which the part took this state.</summary>
    public long Sequence { get; }

    /// <summary>The state after the entry (or batch) that made this version; null when the node never saw it.</summary>
    public LiveSnapshot? Snapshot { get; }

    /// <summary>For a seat whose winner a correction changed, the result reported before it.</summary>
    public SeatResult? PreviouslyReported { get; }

    /// <summary>Whether a reader asked for this version's HTML (a fragment request, or a page or embed that includes it).</summary>
    public bool Asked => _asked;

    /// <summary>Whether readers asked for the version before this one when this one was made: it is then drawn ahead of them.</summary>
    public bool Followed { get; }

    /// <summary>Whether it is worth drawing before anyone asks.</summary>
    public bool DrawAhead => Followed && Snapshot is not null;

    /// <summary>How many times this node drew this version (HTML and JSON each count); the cache's whole point is 1 each.</summary>
    public int Renders => Volatile.Read(ref _renders);

    internal Task<Fragment> Html(Func<PartVersion, Task<Fragment>> render) => Once(ref _html, render);

    internal void Ask() => _asked = true;

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
