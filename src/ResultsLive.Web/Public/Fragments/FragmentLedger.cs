using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.Json;

using ResultsLive.Core.Arithmetic;
using ResultsLive.Core.Model;
using ResultsLive.Feed;

namespace ResultsLive.Web.Public.Fragments;

/// <summary>
/// Which version of each public part every sequence holds, and the news of each sequence (the parts it changed), as one
/// node works them out from the journal's entries in order: the same versions, so the same addresses, on every node.
/// </summary>
/// <remarks>
/// <para>
/// A part's version is the sequence of the last entry that changed it: a seat's part changes with that seat's result or
/// status only; the national parts with any result; the map and the seat list with any status as well. The address
/// <c>/fragments/{epoch}/{part}/{sequence}</c> names the part's state as of that sequence, which never changes, so it is
/// served immutable and a cache in front answers every reader after the first.
/// </para>
/// <para>
/// It follows <see cref="LiveResults"/> on one background loop (<see cref="FollowAsync"/>). Readers (pages, fragment
/// requests, the push channel) read <see cref="State"/>, one immutable object, so a page and the news it listens to
/// always agree. Memory is bounded: the last <see cref="NationalHistory"/> versions of a national part, the last
/// <see cref="SeatHistory"/> of a seat's, and the last <see cref="NewsHistory"/> sequences' news.
/// </para>
/// </remarks>
public sealed partial class FragmentLedger
{
    public const int NationalHistory = 64;
    public const int SeatHistory = 4;
    public const int NewsHistory = 512;

    /// <summary>
    /// How many versions of chosen parts (a swing pair, a map mode, an area's figures) a node keeps drawn: the choices
    /// readers are making now fit many times over, and a client asking for every pair at every held sequence cannot
    /// make a node hold them all.
    /// </summary>
    public const int ChosenHeld = 256;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly LiveResults _live;
    private readonly ILogger<FragmentLedger> _logger;
    private readonly TimeProvider _time;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, List<PartVersion>> _history = new(StringComparer.Ordinal);
    private readonly SeatState[] _seats;
    private readonly SeatResult?[] _previouslyReported;
    private readonly ChosenVersions _chosen = new(ChosenHeld);
    private LedgerState _state;
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public FragmentLedger(LiveResults live, ILogger<FragmentLedger> logger, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(live);
        _live = live;
        _logger = logger;
        _time = time ?? TimeProvider.System;
        var snapshot = live.Current;
        _seats = new SeatState[snapshot.Election.SeatCount];
        _previouslyReported = new SeatResult?[snapshot.Election.SeatCount];
        _state = Start(snapshot);
    }

    /// <summary>What pages render and announce: the snapshot this ledger has reached and each part's version in it.</summary>
    public LedgerState State
    {
        get
        {
            // The journal gives the projection its epoch as it starts, which may publish no change: a ledger still at the
            // old epoch with nothing newer to apply takes the projection's state again, so no address names a stale epoch.
            var state = Volatile.Read(ref _state);
            var live = _live.Current;
            if (live.Sequence <= state.Sequence && !string.Equals(FragmentAddress.EpochOf(live), state.Epoch, StringComparison.Ordinal))
            {
                Restart(live);
                state = Volatile.Read(ref _state);
            }

            return state;
        }
    }

    /// <summary>Completes when the next sequence's news is out (or, every few seconds, to let idle streams send a keep-alive).</summary>
    public Task Next => Volatile.Read(ref _next).Task;

    /// <summary>The version of <paramref name="part"/> that holds its state as of <paramref name="sequence"/>, if this node knows it.</summary>
    public PartVersion? Find(string part, long sequence)
    {
        ArgumentNullException.ThrowIfNull(part);
        if (ChosenPart.FollowsOf(part) is { } follows)
        {
            // A chosen part (a swing pair, a map mode, an area) is the part it follows, drawn its own way.
            return Find(follows, sequence) is { } followed ? _chosen.Get(part, followed) : null;
        }

        lock (_lock)
        {
            if (!_history.TryGetValue(part, out var versions))
            {
                return null;
            }

            for (var i = versions.Count - 1; i >= 0; i--)
            {
                if (versions[i].Sequence <= sequence)
                {
                    return versions[i];
                }
            }

            return null;
        }
    }

    /// <summary>Whether <paramref name="part"/> names a part of this election (a national part, or a seat's).</summary>
    public bool IsPart(string part)
    {
        ArgumentNullException.ThrowIfNull(part);
        if (PublicPart.National.Contains(part))
        {
            return true;
        }

        if (ChosenPart.FollowsOf(part) is not null)
        {
            var snapshot = State.Snapshot;
            return ChosenPart.Parse(part, snapshot.Election, snapshot.National) is not null;
        }

        // A seat's code exactly as the election spells it, so a cache holds one copy of each seat, not one per spelling.
        var election = State.Snapshot.Election;
        return PublicPart.SeatCode(part) is { } code && election.ConstituencyIndex(code) is var index and >= 0
            && string.Equals(election.Constituencies[index].Code, code, StringComparison.Ordinal);
    }

    /// <summary>Completes true once this ledger has reached <paramref name="sequence"/>; false when <paramref name="within"/> passes first.</summary>
    public async Task<bool> WaitForAsync(long sequence, TimeSpan within, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(within);
        while (State.Sequence < sequence)
        {
            try
            {
                await Next.WaitAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                return State.Sequence >= sequence;
            }
        }

        return true;
    }

    /// <summary>Follows the feed until <paramref name="ct"/> ends; a lag (or a rebuilt feed) starts again from its current state.</summary>
    public async Task FollowAsync(CancellationToken ct)
    {
        using var keepAlive = new PeriodicTimer(KeepAlive, _time);
        _ = PulseAsync(keepAlive, ct);
        while (!ct.IsCancellationRequested)
        {
            try
            {
                // Subscribed before the current state is read, so nothing falls between them.
                var changes = _live.SubscribeAsync(ct);
                Restart(_live.Current);
                var pending = new List<LiveChange>();
                await foreach (var change in changes.ConfigureAwait(false))
                {
                    // Changes applied as one batch share the snapshot after the batch, whose sequence is the batch's last:
                    // take them together, so only the last version of each part in it is drawn from that snapshot.
                    pending.Add(change);
                    if (change.Sequence == change.Snapshot.Sequence)
                    {
                        Apply(pending);
                        pending.Clear();
                    }
                }
            }
            catch (SubscriberLaggedException)
            {
                LogLagged(_logger, State.Sequence);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
        }
    }

    /// <summary>How often a quiet stream hears from the node, so a page can tell a quiet night from a lost connection.</summary>
    public static TimeSpan KeepAlive { get; } = TimeSpan.FromSeconds(10);

    private async Task PulseAsync(PeriodicTimer timer, CancellationToken ct)
    {
        try
        {
            while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false))
            {
                Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    /// <summary>Applies changes that share one snapshot, in order, then publishes one state and the news of each sequence.</summary>
    internal void Apply(IReadOnlyList<LiveChange> changes)
    {
        if (changes.Count == 0)
        {
            return;
        }

        var snapshot = changes[^1].Snapshot;
        var election = snapshot.Election;
        lock (_lock)
        {
            var state = _state;
            if (changes[^1].Sequence <= state.Sequence)
            {
                return;
            }

            // Each part's last change in this group gets the snapshot; earlier ones are known by sequence only.
            var perSequence = new List<(long Sequence, List<string> Parts)>();
            var last = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (var change in changes)
            {
                if (change.Sequence <= state.Sequence)
                {
                    continue;
                }

                var parts = new List<string>();
                var index = election.ConstituencyIndex(change.Entry.Declaration?.Constituency ?? change.Entry.Constituency);
                if (index >= 0)
                {
                    var before = _seats[index];
                    var resultChanged = !ReferenceEquals(before.Result, change.Seat);
                    if (resultChanged || before.Status != change.Status)
                    {
                        if (resultChanged && before.Result is { } old && change.Seat is { } now && !string.Equals(old.Winner.Party, now.Winner.Party, StringComparison.OrdinalIgnoreCase))
                        {
                            _previouslyReported[index] = old;
                        }
                        else if (change.Seat is null)
                        {
                            _previouslyReported[index] = null;
                        }

                        _seats[index] = new SeatState(change.Seat, change.Status);
                        parts.Add(PublicPart.Seat(election.Constituencies[index].Code));
                        parts.AddRange(resultChanged ? PublicPart.National : [PublicPart.Map, PublicPart.Seats]);
                    }
                }
                else if (change.Entry.Kind == JournalEntryKind.ExitPoll)
                {
                    parts.AddRange(PublicPart.ExitPoll);
                }

                foreach (var part in parts)
                {
                    last[part] = change.Sequence;
                }

                perSequence.Add((change.Sequence, parts));
            }

            foreach (var (sequence, parts) in perSequence)
            {
                foreach (var part in parts)
                {
                    var drawn = last[part] == sequence;
                    var seatIndex = PublicPart.SeatCode(part) is { } code ? election.ConstituencyIndex(code) : -1;
                    Record(part, sequence, drawn ? snapshot : null, seatIndex >= 0 ? _previouslyReported[seatIndex] : null);
                }
            }

            var versions = state.Versions.SetItems(last);
            var epoch = FragmentAddress.EpochOf(snapshot);
            var news = state.News;
            if (last.Count > 0)
            {
                // One piece of news for the group, at its last change: earlier entries of a batch changed parts that a
                // later one changed again, and those versions cannot be drawn here, so only the last are announced.
                var sequence = last.Values.Max();
                news = news.With(new SequenceNews(epoch, sequence, [.. last.Keys.Order(StringComparer.Ordinal).Select(p => new PartChange(p, last[p], FragmentAddress.Html(epoch, p, last[p])))]));
            }

            Volatile.Write(ref _state, new LedgerState(epoch, snapshot, versions) { News = news });
        }

        Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }

    private void Restart(LiveSnapshot snapshot)
    {
        lock (_lock)
        {
            _history.Clear();
            Array.Clear(_previouslyReported);
            Volatile.Write(ref _state, Start(snapshot));
        }

        Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }

    /// <summary>
    /// A state with every part at the snapshot's sequence: on start-up, or after losing track. Its versions are later than
    /// the parts' true last changes, which is harmless: an address names the state as of its sequence.
    /// </summary>
    private LedgerState Start(LiveSnapshot snapshot)
    {
        var election = snapshot.Election;
        var versions = ImmutableDictionary.CreateBuilder<string, long>(StringComparer.Ordinal);
        foreach (var part in PublicPart.National)
        {
            versions[part] = snapshot.Sequence;
            Record(part, snapshot.Sequence, snapshot, null);
        }

        for (var i = 0; i < election.SeatCount; i++)
        {
            _seats[i] = new SeatState(snapshot.Seats[i], snapshot.Statuses[i]);
            var part = PublicPart.Seat(election.Constituencies[i].Code);
            versions[part] = snapshot.Sequence;
            Record(part, snapshot.Sequence, snapshot, null);
        }

        return new LedgerState(FragmentAddress.EpochOf(snapshot), snapshot, versions.ToImmutable()) { News = new NewsRing(snapshot.Sequence) };
    }

    private void Record(string part, long sequence, LiveSnapshot? snapshot, SeatResult? previouslyReported)
    {
        if (!_history.TryGetValue(part, out var versions))
        {
            _history[part] = versions = [];
        }

        var version = new PartVersion(part, sequence, snapshot, previouslyReported, versions.Count > 0 ? versions[^1] : null);
        versions.Add(version);
        var keep = PublicPart.SeatCode(part) is null ? NationalHistory : SeatHistory;
        if (versions.Count > keep)
        {
            versions.RemoveRange(0, versions.Count - keep);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The public fragments fell behind the feed at sequence {Sequence}; starting again from its current state")]
    private static partial void LogLagged(ILogger logger, long sequence);

    internal static byte[] ServerSentEvent(SequenceNews news)
    {
        var data = JsonSerializer.Serialize(new { epoch = news.Epoch, sequence = news.Sequence, parts = news.Changed.ToDictionary(c => c.Part, c => c.Url) }, Json);
        return Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"id: {news.Epoch}:{news.Sequence}\nevent: sequence\ndata: {data}\n\n"));
    }
}

/// <summary>The ledger's state as of one snapshot: each part's version (the sequence of its last change).</summary>
public sealed record LedgerState(string Epoch, LiveSnapshot Snapshot, ImmutableDictionary<string, long> Versions)
{
    public long Sequence => Snapshot.Sequence;

    /// <summary>The news of the sequences up to this state's, as far back as the ledger holds it.</summary>
    internal NewsRing News { get; init; } = NewsRing.None;

    /// <summary>
    /// The news after <paramref name="sequence"/> up to this state, oldest first, or null when some of it is no longer
    /// held (the reader was away too long, or the ledger started again): it must then take every part afresh.
    /// </summary>
    public IReadOnlyList<SequenceNews>? NewsAfter(long sequence)
    {
        if (sequence >= Sequence)
        {
            return [];
        }

        // News is complete from the ledger's last (re)start, for the ring's reach; a sequence with no news changed nothing shown.
        if (sequence < News.From || Sequence - sequence >= FragmentLedger.NewsHistory)
        {
            return null;
        }

        var news = new List<SequenceNews>((int)Math.Min(Sequence - sequence, 8));
        for (var s = sequence + 1; s <= Sequence; s++)
        {
            if (News.At(s) is { } item)
            {
                news.Add(item);
            }
        }

        return news;
    }

    /// <summary>The address of <paramref name="part"/>'s current version.</summary>
    public string Url(string part) => FragmentAddress.Html(Epoch, part, VersionOf(part));

    /// <summary>The sequence of <paramref name="part"/>'s current version: a chosen part's is that of the part it follows.</summary>
    public long VersionOf(string part) =>
        Versions.TryGetValue(part, out var version) ? version
        : ChosenPart.FollowsOf(part) is { } follows ? Versions[follows]
        : throw new KeyNotFoundException($"'{part}' is not a part");
}

/// <summary>What one sequence changed: each part's new version and address. The push channel sends it as one event.</summary>
public sealed class SequenceNews(string epoch, long sequence, IReadOnlyList<PartChange> changed)
{
    private byte[]? _event;

    public string Epoch { get; } = epoch;

    public long Sequence { get; } = sequence;

    public IReadOnlyList<PartChange> Changed { get; } = changed;

    /// <summary>The Server-Sent Event, encoded once for every reader.</summary>
    public byte[] Event => _event ??= FragmentLedger.ServerSentEvent(this);
}

/// <summary>
/// The news of the last <see cref="FragmentLedger.NewsHistory"/> sequences, complete from <see cref="From"/>: copied
/// (a few kilobytes) with each new piece, never changed, so a state and its news are read together without a lock.
/// </summary>
internal sealed class NewsRing
{
    private readonly SequenceNews?[] _slots;

    public NewsRing(long from)
        : this(from, new SequenceNews?[FragmentLedger.NewsHistory])
    {
    }

    private NewsRing(long from, SequenceNews?[] slots)
    {
        From = from;
        _slots = slots;
    }

    public static NewsRing None { get; } = new(long.MaxValue);

    /// <summary>The sequence from which every piece of news is held (while within reach of the ring).</summary>
    public long From { get; }

    public NewsRing With(SequenceNews news)
    {
        var slots = (SequenceNews?[])_slots.Clone();
        slots[news.Sequence % slots.Length] = news;
        return new NewsRing(From, slots);
    }

    /// <summary>The news of <paramref name="sequence"/>, or null if it changed nothing shown (or is out of reach).</summary>
    public SequenceNews? At(long sequence) => _slots[sequence % _slots.Length] is { } news && news.Sequence == sequence ? news : null;
}

/// <summary>A part and the address of the version a sequence gave it.</summary>
public sealed record PartChange(string Part, long Version, string Url);
