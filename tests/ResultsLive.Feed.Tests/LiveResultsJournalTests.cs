using ResultsLive.Core.Model;

using static ResultsLive.Feed.Tests.TestElection;

namespace ResultsLive.Feed.Tests;

/// <summary>
/// LiveResults and what the journal brings besides seats: the exit poll, entries it must quarantine, the log of what it
/// computed for each entry, and starting again when the journal is replaced.
/// </summary>
public sealed class LiveResultsJournalTests : IDisposable
{
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(20));
    private readonly Election _election = Create();
    private readonly JournalScript _script;
    private readonly LiveResults _live;

    public LiveResultsJournalTests()
    {
        _script = new JournalScript(_election);
        _live = new LiveResults(_election, "test");
    }

    private CancellationToken Ct => _timeout.Token;

    public void Dispose() => _timeout.Dispose();

    [Fact]
    public async Task Apply_ExitPoll_IsOnTheNationalSnapshotAndALaterOneReplacesIt()
    {
        var changes = _live.SubscribeAsync(Ct);
        _live.Apply(_script.Declaration(AlphaNorth, 1, 21_000, 14_000, 3_000, 1_000));
        var declared = _live.Current;

        var outcome = _live.Apply(_script.ExitPoll(("Lab", 410), ("Con", 131)));
        var first = _live.Current;
        _live.Apply(_script.ExitPoll(("Lab", 405), ("Con", 136), ("Oth", 20)));

        Assert.Equal(EntryOutcome.Applied, outcome);
        Assert.Null(declared.ExitPoll);
        Assert.Equal(410, first.National.ExitPoll!.SeatsFor("Lab"));
        Assert.Same(first.Seats, declared.Seats);
        Assert.Equal([("Lab", 405), ("Con", 136), ("Oth", 20)], _live.Current.ExitPoll!.Parties.Select(p => (p.Party, p.Seats)));
        Assert.Equal(1, _live.Current.National.Declared);
        var received = await changes.Take(3).ToListAsync(Ct);
        Assert.Equal((JournalEntryKind.ExitPoll, (Core.Arithmetic.SeatResult?)null), (received[1].Entry.Kind, received[1].Seat));
        Assert.Same(first, received[1].Snapshot);
    }

    [Fact]
    public void Apply_EntriesThatCannotBeAppliedOrRead_AreQuarantinedAndChangeNothingElse()
    {
        _live.Apply(_script.Declaration(AlphaNorth, 1, 21_000, 14_000, 3_000, 1_000));
        var before = _live.Current;
        var overflowing = Declare(_election, BetaSouth, 1, int.MaxValue, int.MaxValue, 6_000);
        var negative = Declare(_election, GammaVale, 1, 20_000, -9_000, 6_000);

        var outcomes = new[]
        {
            _live.Apply(_script.Unreadable(BetaSouth, "cannot read the declaration: garbage")),
            _live.Apply(new JournalEntry(3, JournalEntryKind.Declaration, BetaSouth, Night, overflowing, null)),
            _live.Apply(new JournalEntry(4, JournalEntryKind.Declaration, GammaVale, Night, negative, null)),
            _live.Apply(new JournalEntry(5, JournalEntryKind.Status, "W07000001", Night, null, SeatStatus.Counting)),
            _live.Apply(new JournalEntry(6, JournalEntryKind.Status, GammaVale, Night, null, (SeatStatus)7)),
            _live.Apply(new JournalEntry(7, JournalEntryKind.ExitPoll, "", Night, null, null)),
        };

        var now = _live.Current;
        Assert.All(outcomes, o => Assert.Equal(EntryOutcome.Rejected, o));
        Assert.Equal((7L, 6), (now.Sequence, now.QuarantinedCount));
        Assert.Equal([2L, 3, 4, 5, 6, 7], now.Quarantined.Select(q => q.Sequence));
        Assert.Equal([BetaSouth, BetaSouth, GammaVale, "W07000001", GammaVale, null], now.Quarantined.Select(q => q.Constituency));
        Assert.Contains("garbage", now.Quarantined[0].Reason, StringComparison.Ordinal);
        Assert.Contains("Arithmetic operation resulted in an overflow", now.Quarantined[1].Reason, StringComparison.Ordinal);
        Assert.Equal(
            SnapshotFingerprint.Of(before).Replace("\"sequence\":1", "\"sequence\":7", StringComparison.Ordinal),
            SnapshotFingerprint.Of(now));
        Assert.Equal(0, before.QuarantinedCount);
    }

    [Fact]
    public void Quarantined_MoreThanItKeeps_ListsTheLatestAndCountsThemAll()
    {
        for (var i = 0; i < LiveResults.QuarantineCapacity + 30; i++)
        {
            _live.Apply(_script.Unreadable(AlphaNorth, $"bad {i}"));
        }

        var now = _live.Current;
        Assert.Equal(LiveResults.QuarantineCapacity + 30, now.QuarantinedCount);
        Assert.Equal(LiveResults.QuarantineCapacity, now.Quarantined.Count);
        Assert.Equal((31L, LiveResults.QuarantineCapacity + 30L), (now.Quarantined[0].Sequence, now.Quarantined[^1].Sequence));
    }

    [Fact]
    public void EntriesAfter_Sequence_ServesWhatTheProjectionComputedUpToItsOwnSequence()
    {
        _live.Apply(_script.Status(AlphaNorth, SeatStatus.Counting));
        _live.Apply(_script.Declaration(AlphaNorth, 1, 21_000, 14_000, 3_000, 1_000));
        var early = _live.Current;
        _live.ApplyBatch([
            _script.Unreadable("", "unknown kind 'tombstone'"),
            _script.ExitPoll(("Lab", 410)),
            _script.Declaration(AlphaNorth, 2, 12_000, 14_000, 3_000, 1_000),
        ]);

        var now = _live.Current;
        var all = now.EntriesAfter(0, 100);
        var page = now.EntriesAfter(1, 2);

        Assert.Equal(
            [JournalEntryKind.Status, JournalEntryKind.Declaration, JournalEntryKind.Quarantined, JournalEntryKind.ExitPoll, JournalEntryKind.Declaration],
            all.Select(e => e.Kind));
        Assert.Equal([2L, 3L], page.Select(e => e.Sequence));
        Assert.Equal([1L, 2L], early.EntriesAfter(0, 100).Select(e => e.Sequence));
        Assert.Empty(now.EntriesAfter(5, 100));
        Assert.Same(now.Seat(AlphaNorth), all[4].Seat);
        Assert.Equal(("Lab gain from Con", 1), (all[1].Seat!.Result, all[1].Seat!.Revision));
        Assert.Equal((SeatStatus?)SeatStatus.Counting, all[0].Status);
        Assert.Equal("unknown kind 'tombstone'", all[2].Problem);
        Assert.Equal(410, all[3].ExitPoll!.SeatsFor("Lab"));
        Assert.Equal(Sent, all[3].Provenance);
    }

    [Fact]
    public async Task Reset_AfterEntries_RebuildsAtOnceAndEndsEverySubscriptionSoFollowersShowTheNewState()
    {
        _live.Reset("epoch-one", [
            _script.Declaration(AlphaNorth, 1, 21_000, 14_000, 3_000, 1_000),
            _script.Declaration(BetaSouth, 1, 20_000, 9_000, 6_000),
            _script.Unreadable(GammaVale, "garbage"),
        ]);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var follower = new FeedFollower(_live);
        var following = follower.RunAsync(stop.Token);
        var before = _live.Current;

        // The journal was replaced: another epoch, with only one seat declared, differently, and an exit poll.
        var replacement = new JournalScript(_election);
        _live.Reset("epoch-two", [replacement.Declaration(DeltaFirth, 1, 18_000, 15_000, 5_000), replacement.ExitPoll(("SNP", 20))]);

        var rebuilt = _live.Current;
        await follower.ShowsAsync(shown => ReferenceEquals(shown, rebuilt)).WaitAsync(Ct);
        await stop.CancelAsync();
        await following;
        Assert.Equal(("epoch-one", 3L, 2, 1), (before.Epoch, before.Sequence, before.National.Declared, before.QuarantinedCount));
        Assert.Equal(("epoch-two", 2L, 1, 0), (rebuilt.Epoch, rebuilt.Sequence, rebuilt.National.Declared, rebuilt.QuarantinedCount));
        Assert.Null(rebuilt.Seat(AlphaNorth));
        Assert.Equal(SeatStatus.Awaiting, rebuilt.Status(AlphaNorth));
        Assert.Equal("SNP", rebuilt.Seat(DeltaFirth)!.Winner.Party);
        Assert.Equal([DeltaFirth], rebuilt.Recent.Select(r => r.Constituency.Code));
        Assert.Equal([1L, 2L], rebuilt.EntriesAfter(0, 100).Select(e => e.Sequence));
        Assert.Equal(20, rebuilt.ExitPoll!.SeatsFor("SNP"));
        Assert.IsType<ProjectionResetException>(follower.Ended);
    }

    [Fact]
    public async Task Reset_BeforeAnythingApplied_SetsTheEpochAndPublishesEachEntryToSubscribers()
    {
        var changes = _live.SubscribeAsync(Ct);

        _live.Reset("first", [_script.Status(AlphaNorth, SeatStatus.Counting), _script.Declaration(AlphaNorth, 1, 21_000, 14_000, 3_000, 1_000)]);
        var subscribers = _live.SubscriberCount;

        var received = await changes.Take(2).ToListAsync(Ct);
        Assert.Equal([1L, 2L], received.Select(c => c.Sequence));
        Assert.Equal(("first", 2L), (_live.Current.Epoch, _live.Current.Sequence));
        Assert.Equal(1, subscribers);
    }
}
