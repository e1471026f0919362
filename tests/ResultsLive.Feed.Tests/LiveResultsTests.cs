using ResultsLive.Core.Model;

using static ResultsLive.Feed.Tests.TestElection;

namespace ResultsLive.Feed.Tests;

public sealed class LiveResultsTests : IDisposable
{
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(20));
    private readonly Election _election = Create();
    private readonly JournalScript _script;
    private readonly LiveResults _live;

    public LiveResultsTests()
    {
        _script = new JournalScript(_election);
        _live = new LiveResults(_election, "test");
    }

    private CancellationToken Ct => _timeout.Token;

    public void Dispose() => _timeout.Dispose();

    [Fact]
    public void Apply_Declaration_SetsSeatStatusAndNationalTally()
    {
        var outcome = _live.Apply(_script.Declaration(AlphaNorth, 1, 21_000, 14_000, 3_000, 1_000));

        var now = _live.Current;
        Assert.Equal(EntryOutcome.Applied, outcome);
        Assert.Equal(1, now.Sequence);
        Assert.Equal("test", now.Mode);
        var seat = now.Seat(AlphaNorth)!;
        Assert.Equal(("Ann Able", "Lab gain from Con", 7_000), (seat.Winner.Name, seat.Result, seat.Majority));
        Assert.Equal(SeatStatus.Declared, now.Status(AlphaNorth));
        Assert.Same(seat, now.Seats[_election.ConstituencyIndex(AlphaNorth)]);
        Assert.Equal(SeatStatus.Awaiting, now.Status(BetaSouth));
        Assert.Equal(1, now.National.Declared);
        Assert.Equal((1, 1), (now.National.Party("Lab")!.Seats, now.National.Party("Lab")!.Gains));
        Assert.Equal(1, now.National.Party("Con")!.Losses);
        Assert.Equal([seat], now.Recent);
    }

    [Fact]
    public void Apply_Correction_ReplacesTheResultAndMovesTheSeatToTheTopOfRecent()
    {
        _live.Apply(_script.Declaration(AlphaNorth, 1, 21_000, 14_000, 3_000, 1_000));
        _live.Apply(_script.Declaration(BetaSouth, 1, 20_000, 9_000, 6_000));
        _live.Apply(_script.Declaration(GammaVale, 1, 20_000, 9_000, 6_000));

        _live.Apply(_script.Declaration(AlphaNorth, 2, 12_000, 14_000, 3_000, 1_000));

        var now = _live.Current;
        Assert.Equal([$"{AlphaNorth}#2", $"{GammaVale}#1", $"{BetaSouth}#1"], now.Recent.Select(r => $"{r.Constituency.Code}#{r.Revision}"));
        Assert.Equal("Con hold", now.Seat(AlphaNorth)!.Result);
        Assert.Equal(3, now.National.Declared);
        var (lab, con) = (now.National.Party("Lab")!, now.National.Party("Con")!);
        Assert.Equal((1, 0), (lab.Seats, lab.Gains));
        Assert.Equal((2, 0), (con.Seats, con.Losses));
        Assert.Equal(12_000 + 20_000 + 9_000, lab.Votes);
    }

    [Fact]
    public void Apply_SequenceAtOrBelowCurrent_IsIgnored()
    {
        var first = _script.Declaration(AlphaNorth, 1, 21_000, 14_000, 3_000, 1_000);
        _live.Apply(first);
        _live.Apply(_script.Status(BetaSouth, SeatStatus.Counting));
        var before = _live.Current;

        var replay = _live.Apply(first);
        var impostor = _live.Apply(first with { Sequence = 2, Declaration = Declare(_election, AlphaNorth, 2, 1_000, 14_000, 3_000, 1_000) });

        Assert.Equal((EntryOutcome.AlreadyApplied, EntryOutcome.AlreadyApplied), (replay, impostor));
        Assert.Same(before, _live.Current);
        Assert.Equal("Ann Able", _live.Current.Seat(AlphaNorth)!.Winner.Name);
    }

    [Fact]
    public void Apply_StatusChange_ChangesOnlyTheStatus()
    {
        _live.Apply(_script.Declaration(AlphaNorth, 1, 21_000, 14_000, 3_000, 1_000));
        var declared = _live.Current;

        _live.Apply(_script.Status(AlphaNorth, SeatStatus.Recount));

        var now = _live.Current;
        Assert.Equal(SeatStatus.Recount, now.Status(AlphaNorth));
        Assert.Equal(SeatStatus.Declared, declared.Status(AlphaNorth));
        Assert.Same(declared.Seat(AlphaNorth), now.Seat(AlphaNorth));

        // Nothing national changed, so nothing national was rebuilt.
        Assert.Same(declared.National, now.National);
        Assert.Same(declared.Seats, now.Seats);
        Assert.Same(declared.Recent, now.Recent);
    }

    [Fact]
    public void Apply_AwaitingAfterDeclaration_WithdrawsTheResult()
    {
        _live.Apply(_script.Declaration(AlphaNorth, 1, 21_000, 14_000, 3_000, 1_000));
        _live.Apply(_script.Declaration(BetaSouth, 1, 20_000, 9_000, 6_000));

        _live.Apply(_script.Status(AlphaNorth, SeatStatus.Awaiting));

        var now = _live.Current;
        Assert.Null(now.Seat(AlphaNorth));
        Assert.Equal(SeatStatus.Awaiting, now.Status(AlphaNorth));
        Assert.Equal(1, now.National.Declared);
        Assert.Equal(0, now.National.Party("Lab")!.Gains);
        Assert.Equal([BetaSouth], now.Recent.Select(r => r.Constituency.Code));
    }

    [Fact]
    public void Apply_EntryForAnUnknownSeat_IsRejectedButTheSequenceMovesOn()
    {
        _live.Apply(_script.Declaration(AlphaNorth, 1, 21_000, 14_000, 3_000, 1_000));
        var before = _live.Current;

        var outcome = _live.Apply(new JournalEntry(2, JournalEntryKind.Status, "W07000001", Night, null, SeatStatus.Counting));

        Assert.Equal(EntryOutcome.Rejected, outcome);
        Assert.Equal(2, _live.Current.Sequence);
        Assert.Equal(SnapshotFingerprint.Of(before).Replace("\"sequence\":1", "\"sequence\":2", StringComparison.Ordinal), SnapshotFingerprint.Of(_live.Current));
    }

    [Fact]
    public void Apply_CandidateOfAPartyTheElectionDoesNotKnow_IsRejectedWithoutTouchingTheTally()
    {
        var declaration = Declare(_election, AlphaNorth, 1, 21_000, 14_000, 3_000, 1_000);
        declaration = declaration with { Candidates = [.. declaration.Candidates.Take(3), new CandidateVotes("Zed Zero", "Zzz", 25_000)] };

        var outcome = _live.Apply(new JournalEntry(1, JournalEntryKind.Declaration, AlphaNorth, Night, declaration, null));
        _live.Apply(new JournalEntry(2, JournalEntryKind.Declaration, BetaSouth, Night, Declare(_election, BetaSouth, 1, 20_000, 9_000, 6_000), null));

        Assert.Equal(EntryOutcome.Rejected, outcome);
        var now = _live.Current;
        Assert.Null(now.Seat(AlphaNorth));
        Assert.Equal(1, now.National.Declared);
        Assert.Equal(20_000 + 9_000 + 6_000, now.National.ValidVotes);
    }

    [Fact]
    public void Recent_MoreThanFiftySeatsDeclared_KeepsTheLatestFiftyNewestFirst()
    {
        var election = Generated(60);
        var live = new LiveResults(election, "demo");
        var script = new JournalScript(election);

        for (var i = 1; i <= 60; i++)
        {
            live.Apply(script.Declaration(Code(i), 1, 15_000 + i, 14_000));
        }

        var recent = live.Current.Recent;
        Assert.Equal(LiveResults.RecentCapacity, recent.Count);
        Assert.Equal(Enumerable.Range(11, 50).Reverse().Select(Code), recent.Select(r => r.Constituency.Code));
        Assert.Equal(60, live.Current.National.Declared);
    }

    [Fact]
    public async Task WaitForSequenceAsync_SequenceNotYetApplied_CompletesOnceItIs()
    {
        _live.Apply(_script.Status(AlphaNorth, SeatStatus.Counting));
        var already = _live.WaitForSequenceAsync(1, Ct);

        // Without a token to watch, the waiter is the task Apply completes itself, so whether sequence 2 woke it is known
        // as soon as Apply returns: no pause needed to give a wrong wake time to show.
        var waiting = _live.WaitForSequenceAsync(3, CancellationToken.None);

        _live.Apply(_script.Status(BetaSouth, SeatStatus.Counting));
        var stillWaiting = !waiting.IsCompleted;
        _live.Apply(_script.Status(GammaVale, SeatStatus.Counting));
        await waiting.WaitAsync(Ct);

        Assert.True(already.IsCompletedSuccessfully);
        Assert.True(stillWaiting);
        Assert.Equal(3, _live.Current.Sequence);
    }

    [Fact]
    public async Task WaitForSequenceAsync_ManyWaiters_EachWokenWhenItsOwnSequenceIsApplied()
    {
        var entries = new[]
        {
            _script.Status(AlphaNorth, SeatStatus.Counting),
            _script.Declaration(AlphaNorth, 1, 21_000, 14_000, 3_000, 1_000),
            _script.Status(BetaSouth, SeatStatus.Counting),
            _script.Declaration(BetaSouth, 1, 20_000, 9_000, 6_000),
            _script.Status(GammaVale, SeatStatus.Counting),
        };
        // No token: each waiter is the task Apply completes itself, so which were woken is known when Apply returns.
        var waiters = new[] { 4L, 1, 5, 2, 2, 3 }.Select(s => (Sequence: s, Task: _live.WaitForSequenceAsync(s, CancellationToken.None))).ToList();

        _live.Apply(entries[0]);
        _live.ApplyBatch(entries[1..3]);
        await Task.WhenAll(waiters.Where(w => w.Sequence <= 3).Select(w => w.Task)).WaitAsync(Ct);
        var earlyWakes = waiters.Where(w => w.Sequence > 3 && w.Task.IsCompleted).Select(w => w.Sequence).ToList();
        _live.ApplyBatch(entries[3..]);
        await Task.WhenAll(waiters.Select(w => w.Task)).WaitAsync(Ct);

        Assert.Empty(earlyWakes);
        Assert.Equal(5, _live.Current.Sequence);
    }

    [Fact]
    public async Task WaitForSequenceAsync_Cancelled_Throws()
    {
        using var cancel = new CancellationTokenSource();
        var waiting = _live.WaitForSequenceAsync(1, cancel.Token);

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
    }

    [Fact]
    public async Task SubscribeAsync_ChangesAppliedOnAnotherThread_ArriveInOrderWithTheStateAfterEach()
    {
        var entries = new[]
        {
            _script.Status(AlphaNorth, SeatStatus.Counting),
            _script.Declaration(AlphaNorth, 1, 21_000, 14_000, 3_000, 1_000),
            _script.Status(BetaSouth, SeatStatus.Counting),
            _script.Declaration(BetaSouth, 1, 20_000, 9_000, 6_000),
            _script.Status(AlphaNorth, SeatStatus.Recount),
            _script.Declaration(AlphaNorth, 2, 12_000, 14_000, 3_000, 1_000),
        };
        var changes = _live.SubscribeAsync(Ct);

        var writer = Task.Run(() => Array.ForEach(entries, e => _live.Apply(e)), Ct);
        var received = await changes.Take(entries.Length).ToListAsync(Ct);
        await writer;

        Assert.Equal(entries.Select(e => e.Sequence), received.Select(c => c.Sequence));
        Assert.Equal(entries, received.Select(c => c.Entry));
        Assert.All(received, c => Assert.Equal(c.Sequence, c.Snapshot.Sequence));
        Assert.Equal(
            [SeatStatus.Counting, SeatStatus.Declared, SeatStatus.Counting, SeatStatus.Declared, SeatStatus.Recount, SeatStatus.Declared],
            received.Select(c => c.Status));
        Assert.Null(received[0].Seat);
        Assert.Equal(1, received[4].Seat!.Revision);
        Assert.Equal(("Con hold", 2), (received[5].Seat!.Result, received[5].Seat!.Revision));
        Assert.Same(received[5].Snapshot, _live.Current);
    }

    [Fact]
    public async Task SubscribeAsync_CalledBeforeReadingCurrent_MissesNothingAppliedInBetween()
    {
        _live.Apply(_script.Status(AlphaNorth, SeatStatus.Counting));

        var changes = _live.SubscribeAsync(Ct);
        _live.Apply(_script.Status(BetaSouth, SeatStatus.Counting)); // before the first MoveNextAsync
        var snapshot = _live.Current;
        _live.Apply(_script.Status(GammaVale, SeatStatus.Counting));

        var received = await changes.Take(2).ToListAsync(Ct);
        Assert.Equal([2L, 3L], received.Select(c => c.Sequence));
        Assert.Equal(2, snapshot.Sequence);
    }

    [Fact]
    public async Task SubscribeAsync_ReaderFallsTooFarBehind_GetsEveryBufferedChangeThenIsToldToResync()
    {
        var live = new LiveResults(_election, "test", subscriberCapacity: 3);
        var changes = live.SubscribeAsync(Ct).GetAsyncEnumerator(Ct);
        for (var i = 0; i < 5; i++)
        {
            live.Apply(_script.Status(DeltaFirth, SeatStatus.Counting));
        }

        var received = new List<long>();
        var lagged = await Assert.ThrowsAsync<SubscriberLaggedException>(async () =>
        {
            while (await changes.MoveNextAsync())
            {
                received.Add(changes.Current.Sequence);
            }
        });

        Assert.Equal([1L, 2L, 3L], received);
        Assert.Equal(0, live.SubscriberCount);
        Assert.Contains("subscribe again", lagged.Message, StringComparison.Ordinal);
        await changes.DisposeAsync();
    }

    [Fact]
    public async Task SubscribeAsync_Cancelled_EndsAndUnsubscribes()
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var reading = Task.Run(async () => await _live.SubscribeAsync(cancel.Token).CountAsync(cancel.Token), Ct);
        var neverRead = _live.SubscribeAsync(cancel.Token);
        await WaitUntil(() => _live.SubscriberCount == 2);

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => reading);
        Assert.Equal(0, _live.SubscriberCount);
        Assert.NotNull(neverRead);
    }

    [Fact]
    public async Task ApplyBatch_Entries_GivesTheSameStateAsApplyingThemOneByOne()
    {
        var entries = new[]
        {
            _script.Status(AlphaNorth, SeatStatus.Counting),
            _script.Declaration(AlphaNorth, 1, 21_000, 14_000, 3_000, 1_000),
            _script.Declaration(BetaSouth, 1, 20_000, 9_000, 6_000),
            _script.Status(BetaSouth, SeatStatus.Recount),
            _script.Declaration(DeltaFirth, 1, 18_000, 15_000, 5_000),
            _script.Declaration(AlphaNorth, 2, 12_000, 14_000, 3_000, 1_000),
            _script.Status(GammaVale, SeatStatus.Counting),
        };
        foreach (var entry in entries)
        {
            _live.Apply(entry);
        }

        var batched = new LiveResults(_election, "test");
        var changes = batched.SubscribeAsync(Ct);
        var applied = batched.ApplyBatch(entries);
        var again = batched.ApplyBatch(entries.Take(3));

        Assert.Equal((7, 0), (applied, again));
        Assert.Equal(SnapshotFingerprint.Of(_live.Current), SnapshotFingerprint.Of(batched.Current));
        var received = await changes.Take(entries.Length).ToListAsync(Ct);
        Assert.Equal(entries.Select(e => e.Sequence), received.Select(c => c.Sequence));
        Assert.All(received, c => Assert.Same(batched.Current, c.Snapshot));
    }

    [Fact]
    public async Task MarkCaughtUp_CompletesReady()
    {
        Assert.False(_live.IsCaughtUp);

        _live.MarkCaughtUp();

        await _live.Ready.WaitAsync(Ct);
        Assert.True(_live.IsCaughtUp);
    }

    [Fact]
    public void Constructor_UnknownMode_Throws()
    {
        Assert.Throws<ArgumentException>(() => new LiveResults(_election, "production"));
    }

    [Fact]
    public void Status_CodeNotInTheElection_ThrowsNamingIt()
    {
        var thrown = Assert.Throws<KeyNotFoundException>(() => _live.Current.Status("X99"));
        Assert.Contains("X99", thrown.Message, StringComparison.Ordinal);
        Assert.Null(_live.Current.Seat("X99"));
    }

    private async Task WaitUntil(Func<bool> condition)
    {
        while (!condition())
        {
            await Task.Delay(10, Ct);
        }
    }
}
