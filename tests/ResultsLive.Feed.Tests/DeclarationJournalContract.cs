using Microsoft.Extensions.Time.Testing;

using ResultsLive.Core.Arithmetic;
using ResultsLive.Core.Model;

using static ResultsLive.Feed.Tests.TestElection;

namespace ResultsLive.Feed.Tests;

/// <summary>
/// What every <see cref="IDeclarationJournal"/> must do, run against each implementation by a subclass: the in-memory one
/// and Redis on a real server. <see cref="OtherNode"/> is a second node over the same journal (for Redis, another connection).
/// </summary>
public abstract class DeclarationJournalContract : IAsyncLifetime, IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private readonly CancellationTokenSource _timeout = new(Patience);

    protected Election Election { get; } = Create();

    protected IDeclarationJournal Journal { get; private set; } = null!;

    protected IDeclarationJournal OtherNode { get; private set; } = null!;

    protected CancellationToken Ct => _timeout.Token;

    public async Task InitializeAsync()
    {
        Journal = await CreateNodeAsync(TimeProvider.System);
        OtherNode = await CreateNodeAsync(TimeProvider.System);
    }

    public virtual Task DisposeAsync() => Task.CompletedTask;

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task AppendDeclaration_NewSeats_AppendsUnderDenseSequences()
    {
        var first = await Journal.AppendDeclarationAsync(Declare(Election, AlphaNorth, 1, 21_000, 14_000, 3_000, 1_000), Sent, Ct);
        var second = await Journal.AppendDeclarationAsync(Declare(Election, BetaSouth, 1, 20_000, 9_000, 6_000), Sent, Ct);

        Assert.Equal(new AppendResult(AppendOutcome.Appended, 1, 1), first);
        Assert.Equal(new AppendResult(AppendOutcome.Appended, 2, 1), second);
        Assert.Equal([1L, 2L], (await ReadAllAsync()).Select(e => e.Sequence));
    }

    [Fact]
    public async Task AppendDeclaration_IdenticalRepeat_ReturnsOriginalSequenceAndAppendsNothing()
    {
        await Journal.AppendStatusAsync(GammaVale, SeatStatus.Counting, Sent, Ct);
        var original = await Journal.AppendDeclarationAsync(Declare(Election, AlphaNorth, 1, 21_000, 14_000, 3_000, 1_000), Sent, Ct);
        await Journal.AppendStatusAsync(DeltaFirth, SeatStatus.Counting, Sent, Ct);

        // A fresh object with the same content, as a retried HTTP request would bring.
        var repeat = await OtherNode.AppendDeclarationAsync(Declare(Election, AlphaNorth, 1, 21_000, 14_000, 3_000, 1_000), Sent, Ct);

        Assert.Equal(new AppendResult(AppendOutcome.Repeated, 2, 1), repeat);
        Assert.Equal(original.Sequence, repeat.Sequence);
        Assert.Equal(3, (await ReadAllAsync()).Count);
    }

    [Fact]
    public async Task AppendDeclaration_SameRevisionDifferentBody_IsConflictAndAppendsNothing()
    {
        await Journal.AppendDeclarationAsync(Declare(Election, AlphaNorth, 1, 21_000, 14_000, 3_000, 1_000), Sent, Ct);

        var conflict = await Journal.AppendDeclarationAsync(Declare(Election, AlphaNorth, 1, 21_000, 14_001, 3_000, 1_000), Sent, Ct);

        Assert.Equal(new AppendResult(AppendOutcome.Conflict, 0, 1), conflict);
        var only = Assert.Single(await ReadAllAsync());
        Assert.Equal(14_000, only.Declaration!.Candidates[1].Votes);
    }

    [Fact]
    public async Task AppendDeclaration_SameFiguresInAnotherShape_IsARepeatNotAConflict()
    {
        // Candidates in another order, the time in another offset, the seat code in lower case, sent by hand rather than
        // by the feed's key: the same declaration, so a retry through another path is a repeat.
        var declaration = Declare(Election, BetaSouth, 1, 20_000, 9_000, 6_000);
        var original = await Journal.AppendDeclarationAsync(declaration, Sent, Ct);

        var reshaped = declaration with
        {
            Constituency = BetaSouth.ToLowerInvariant(),
            DeclaredAt = declaration.DeclaredAt.ToOffset(TimeSpan.FromHours(-5)),
            Candidates = [.. declaration.Candidates.Reverse()],
        };
        var repeat = await OtherNode.AppendDeclarationAsync(reshaped, Provenance.User("alice", "the returning officer read it out twice"), Ct);

        Assert.Equal(new AppendResult(AppendOutcome.Repeated, original.Sequence, 1), repeat);
        var stored = Assert.Single(await ReadAllAsync());
        Assert.Equal(Sent, stored.Provenance);
        Assert.Equal(declaration.Candidates, stored.Declaration!.Candidates);
    }

    [Fact]
    public async Task AppendDeclaration_OneFigureDiffers_IsAConflictWhateverTheShape()
    {
        var declaration = Declare(Election, BetaSouth, 1, 20_000, 9_000, 6_000);
        await Journal.AppendDeclarationAsync(declaration, Sent, Ct);

        var changes = new[]
        {
            declaration with { Candidates = [.. declaration.Candidates.Reverse().Select((c, i) => i == 0 ? c with { Votes = c.Votes + 1 } : c)] },
            declaration with { DeclaredAt = declaration.DeclaredAt.AddMinutes(1) },
            declaration with { Electorate = declaration.Electorate + 1 },
            declaration with { Candidates = [.. declaration.Candidates.Select((c, i) => i == 1 ? c with { Name = "Fay Fix" } : c)] },
            declaration with { Candidates = [.. declaration.Candidates.Select((c, i) => i == 2 ? c with { Party = "Green" } : c)] },
        };

        foreach (var changed in changes)
        {
            Assert.Equal(AppendOutcome.Conflict, (await OtherNode.AppendDeclarationAsync(changed, Sent, Ct)).Outcome);
        }

        Assert.Single(await ReadAllAsync());
    }

    [Fact]
    public async Task AppendDeclaration_HigherRevision_AppendsCorrection()
    {
        await Journal.AppendDeclarationAsync(Declare(Election, AlphaNorth, 1, 21_000, 14_000, 3_000, 1_000), Sent, Ct);

        var correction = await Journal.AppendDeclarationAsync(Declare(Election, AlphaNorth, 2, 12_000, 14_000, 3_000, 1_000), Sent, Ct);

        Assert.Equal(new AppendResult(AppendOutcome.Appended, 2, 2), correction);
        var entries = await ReadAllAsync();
        Assert.Equal([1, 2], entries.Select(e => e.Declaration!.Revision));
    }

    [Fact]
    public async Task AppendDeclaration_LowerRevisionThanCurrent_IsStale()
    {
        await Journal.AppendDeclarationAsync(Declare(Election, AlphaNorth, 3, 21_000, 14_000, 3_000, 1_000), Sent, Ct);

        var stale = await OtherNode.AppendDeclarationAsync(Declare(Election, AlphaNorth, 2, 21_000, 14_000, 3_000, 1_000), Sent, Ct);

        Assert.Equal(new AppendResult(AppendOutcome.Stale, 0, 3), stale);
        Assert.Single(await ReadAllAsync());
    }

    [Fact]
    public async Task AppendDeclaration_RepeatOfRevisionSinceCorrected_ReturnsItsOriginalSequence()
    {
        var first = Declare(Election, AlphaNorth, 1, 21_000, 14_000, 3_000, 1_000);
        await Journal.AppendDeclarationAsync(first, Sent, Ct);
        await Journal.AppendDeclarationAsync(Declare(Election, AlphaNorth, 2, 12_000, 14_000, 3_000, 1_000), Sent, Ct);

        var repeat = await Journal.AppendDeclarationAsync(first, Sent, Ct);
        var changed = await Journal.AppendDeclarationAsync(first with { InvalidVotes = 7 }, Sent, Ct);

        Assert.Equal(new AppendResult(AppendOutcome.Repeated, 1, 2), repeat);
        Assert.Equal(new AppendResult(AppendOutcome.Stale, 0, 2), changed);
    }

    [Fact]
    public async Task AppendDeclaration_ReadBack_HoldsEveryFieldOfTheDeclaration()
    {
        var declaration = Declare(Election, BetaSouth, 1, 20_000, 9_000, 6_000) with { DeclaredAt = new DateTimeOffset(2024, 7, 5, 3, 42, 0, TimeSpan.FromHours(1)) };
        var before = DateTimeOffset.UtcNow.AddSeconds(-5);

        await Journal.AppendDeclarationAsync(declaration, Sent, Ct);

        var entry = Assert.Single(await ReadAllAsync(OtherNode));
        Assert.Equal(JournalEntryKind.Declaration, entry.Kind);
        Assert.Equal(BetaSouth, entry.Constituency);
        Assert.Null(entry.Status);
        Assert.InRange(entry.RecordedAt, before, DateTimeOffset.UtcNow.AddSeconds(5));
        var read = entry.Declaration!;
        Assert.Equal(
            (declaration.Constituency, declaration.Revision, declaration.DeclaredAt, declaration.DeclaredAt.Offset, declaration.Electorate, declaration.InvalidVotes),
            (read.Constituency, read.Revision, read.DeclaredAt, read.DeclaredAt.Offset, read.Electorate, read.InvalidVotes));
        Assert.Equal(declaration.Candidates, read.Candidates);
        Assert.Equal(Sent, entry.Provenance);
    }

    [Fact]
    public async Task Append_WithProvenance_IsReadBackBesideEachEntry()
    {
        var overridden = Provenance.User("alice", "turnout really was 91%: a small island seat");
        await Journal.AppendDeclarationAsync(Declare(Election, AlphaNorth, 1, 21_000, 14_000, 3_000, 1_000), overridden, Ct);
        await Journal.AppendStatusAsync(BetaSouth, SeatStatus.Counting, Provenance.Demo, Ct);
        await Journal.AppendExitPollAsync(ExitPollOf(("Lab", 410), ("Con", 131)), Provenance.Key("exit-poll-desk"), Ct);

        var entries = await ReadAllAsync(OtherNode);

        Assert.Equal(
            [("user:alice", "turnout really was 91%: a small island seat"), ("demo", null), ("key:exit-poll-desk", null)],
            entries.Select(e => (e.Provenance!.Source, e.Provenance.OverrideReason)));
    }

    [Fact]
    public async Task AppendExitPoll_BetweenDeclarations_TakesTheNextSequenceAndReadsBackWhole()
    {
        await Journal.AppendDeclarationAsync(Declare(Election, AlphaNorth, 1, 21_000, 14_000, 3_000, 1_000), Sent, Ct);
        var exitPoll = ExitPollOf(("Lab", 410), ("Con", 131), ("LD", 61), ("Oth", 48));

        var sequence = await OtherNode.AppendExitPollAsync(exitPoll, Sent, Ct);
        var correction = await Journal.AppendExitPollAsync(exitPoll with { Parties = [new("Lab", 405), new("Con", 136)] }, Sent, Ct);

        Assert.Equal((2L, 3L), (sequence, correction));
        var entry = (await ReadAllAsync())[1];
        Assert.Equal((JournalEntryKind.ExitPoll, "", (Declaration?)null, (SeatStatus?)null), (entry.Kind, entry.Constituency, entry.Declaration, entry.Status));
        Assert.Equal(exitPoll.Parties, entry.ExitPoll!.Parties);
        Assert.Equal((exitPoll.Source, exitPoll.PublishedAt), (entry.ExitPoll.Source, entry.ExitPoll.PublishedAt));
    }

    [Fact]
    public async Task AppendDeclaration_RepeatOfAWithdrawnRevision_IsARepeatThatDoesNotReinstateIt()
    {
        // The rule (README): withdrawing a result (status back to awaiting) leaves its revision taken. Sending that revision
        // again is a repeat (200, its original sequence) and appends nothing, so the seat stays withdrawn; a changed body is
        // a conflict; reinstating the result takes the next revision.
        var declared = Declare(Election, AlphaNorth, 1, 21_000, 14_000, 3_000, 1_000);
        await Journal.AppendDeclarationAsync(declared, Sent, Ct);
        await Journal.AppendStatusAsync(AlphaNorth, SeatStatus.Awaiting, Sent, Ct);

        var repeat = await OtherNode.AppendDeclarationAsync(declared, Sent, Ct);
        var changed = await OtherNode.AppendDeclarationAsync(declared with { InvalidVotes = 9 }, Sent, Ct);
        var afterRepeat = Project(await ReadAllAsync());
        var reinstated = await OtherNode.AppendDeclarationAsync(declared with { Revision = 2 }, Sent, Ct);
        var afterReinstating = Project(await ReadAllAsync());

        Assert.Equal(new AppendResult(AppendOutcome.Repeated, 1, 1), repeat);
        Assert.Equal(new AppendResult(AppendOutcome.Conflict, 0, 1), changed);
        Assert.Equal(new AppendResult(AppendOutcome.Appended, 3, 2), reinstated);
        Assert.Equal((2L, (SeatResult?)null, SeatStatus.Awaiting, 0), (afterRepeat.Sequence, afterRepeat.Seat(AlphaNorth), afterRepeat.Status(AlphaNorth), afterRepeat.National.Declared));
        Assert.Equal((2, SeatStatus.Declared, 1), (afterReinstating.Seat(AlphaNorth)!.Revision, afterReinstating.Status(AlphaNorth), afterReinstating.National.Declared));
    }

    [Fact]
    public async Task GetPosition_Journal_HasOneEpochForEveryNodeAndTheLastSequence()
    {
        var before = await Journal.GetPositionAsync(Ct);
        await Journal.AppendStatusAsync(AlphaNorth, SeatStatus.Counting, Sent, Ct);
        await OtherNode.AppendDeclarationAsync(Declare(Election, AlphaNorth, 1, 21_000, 14_000, 3_000, 1_000), Sent, Ct);

        var after = await OtherNode.GetPositionAsync(Ct);
        var health = await Journal.CheckAsync(Ct);

        Assert.Matches("^[0-9a-f]{12}$", before.Epoch);
        Assert.Equal(new JournalPosition(before.Epoch, 2), after);
        Assert.Equal((before.Epoch, 2L), (health.Epoch, health.LastSequence));
    }

    [Fact]
    public async Task RenewEpoch_StaleEpoch_IsReplacedOnceWhoeverAsks()
    {
        await Journal.AppendStatusAsync(AlphaNorth, SeatStatus.Counting, Sent, Ct);
        var stale = (await Journal.GetPositionAsync(Ct)).Epoch;

        var renewed = await Journal.RenewEpochAsync(stale, Ct);
        var again = await OtherNode.RenewEpochAsync(stale, Ct);

        Assert.NotEqual(stale, renewed.Epoch);
        Assert.Equal(renewed, again);
        Assert.Equal(new JournalPosition(renewed.Epoch, 1), await OtherNode.GetPositionAsync(Ct));
    }

    [Fact]
    public async Task AppendStatus_BetweenDeclarations_TakesTheNextSequence()
    {
        await Journal.AppendDeclarationAsync(Declare(Election, AlphaNorth, 1, 21_000, 14_000, 3_000, 1_000), Sent, Ct);

        var sequence = await OtherNode.AppendStatusAsync(GammaVale, SeatStatus.Recount, Sent, Ct);
        var next = await Journal.AppendDeclarationAsync(Declare(Election, BetaSouth, 1, 20_000, 9_000, 6_000), Sent, Ct);

        Assert.Equal(2, sequence);
        Assert.Equal(3, next.Sequence);
        var status = (await ReadAllAsync())[1];
        Assert.Equal((2L, JournalEntryKind.Status, GammaVale, (SeatStatus?)SeatStatus.Recount), (status.Sequence, status.Kind, status.Constituency, status.Status));
        Assert.Null(status.Declaration);
    }

    [Fact]
    public async Task ReadAfter_Sequence_ReturnsLaterEntriesInOrderUpToMax()
    {
        for (var i = 0; i < 7; i++)
        {
            await Journal.AppendStatusAsync(DeltaFirth, i % 2 == 0 ? SeatStatus.Counting : SeatStatus.Recount, Sent, Ct);
        }

        var page = await OtherNode.ReadAfterAsync(2, 3, Ct).ToListAsync(Ct);
        var rest = await OtherNode.ReadAfterAsync(5, 100, Ct).ToListAsync(Ct);
        var none = await OtherNode.ReadAfterAsync(7, 100, Ct).ToListAsync(Ct);

        Assert.Equal([3L, 4L, 5L], page.Select(e => e.Sequence));
        Assert.Equal([6L, 7L], rest.Select(e => e.Sequence));
        Assert.Empty(none);
    }

    [Fact]
    public async Task Tail_AfterSequence_YieldsExistingEntriesThenNewOnes()
    {
        await Journal.AppendStatusAsync(AlphaNorth, SeatStatus.Counting, Sent, Ct);
        await Journal.AppendStatusAsync(BetaSouth, SeatStatus.Counting, Sent, Ct);
        await Journal.AppendStatusAsync(GammaVale, SeatStatus.Counting, Sent, Ct);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);

        var seen = new List<long>();
        var tail = Task.Run(
            async () =>
            {
                await foreach (var entry in OtherNode.TailAsync(1, stop.Token))
                {
                    seen.Add(entry.Sequence);
                    if (seen.Count == 4)
                    {
                        return;
                    }
                }
            },
            Ct);
        await Journal.AppendDeclarationAsync(Declare(Election, DeltaFirth, 1, 20_000, 9_000, 6_000), Sent, Ct);
        await Journal.AppendStatusAsync(DeltaFirth, SeatStatus.Recount, Sent, Ct);

        await tail.WaitAsync(Ct);
        Assert.Equal([2L, 3L, 4L, 5L], seen);
    }

    [Fact]
    public async Task Tail_WaitingWhenEntriesArrive_WakesAtOnceWithoutPolling()
    {
        // The tailing node's clock never moves: a tail that found entries only by polling would never see one.
        var tailing = await CreateNodeAsync(new FakeTimeProvider());
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var tail = tailing.TailAsync(0, stop.Token).GetAsyncEnumerator(stop.Token);
        var next = tail.MoveNextAsync();

        // Six appends of both kinds on another node, each waited for.
        for (var i = 1; i <= 6; i++)
        {
            var sequence = i % 2 == 1
                ? await Journal.AppendStatusAsync(AlphaNorth, SeatStatus.Counting, Sent, Ct)
                : (await Journal.AppendDeclarationAsync(Declare(Election, AlphaNorth, i, 21_000, 14_000, 3_000, i), Sent, Ct)).Sequence;
            Assert.True(await next.AsTask().WaitAsync(Ct));
            Assert.Equal(sequence, tail.Current.Sequence);
            next = tail.MoveNextAsync();
        }

        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => next.AsTask());
        await tail.DisposeAsync();
    }

    [Fact]
    public async Task Tail_OwnAndOtherNodesAppendsMixed_YieldsExactlyWhatTheJournalHolds()
    {
        // The tail runs on the node that appends most of the entries (a node takes its own appends without reading them
        // back), while the other node's appends land between them: one at a time, then in concurrent bursts.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var tailed = new List<JournalEntry>();
        var total = 0;
        var caughtUp = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tail = Task.Run(
            async () =>
            {
                await foreach (var entry in Journal.TailAsync(0, stop.Token))
                {
                    lock (tailed)
                    {
                        tailed.Add(entry);
                        if (tailed.Count == total)
                        {
                            caughtUp.TrySetResult();
                        }
                    }
                }
            },
            Ct);

        var seats = new (string Code, int[] Votes)[]
        {
            (AlphaNorth, [21_000, 14_000, 3_000, 1_000]), (BetaSouth, [20_000, 9_000, 6_000]),
            (GammaVale, [20_000, 9_000, 6_000]), (DeltaFirth, [18_000, 15_000, 5_000]),
        };
        var appends = new List<Func<Task>>();
        for (var i = 0; i < 48; i++)
        {
            var node = i % 3 == 2 ? OtherNode : Journal;
            var (seat, votes) = seats[i % seats.Length];
            var revision = (i / seats.Length) + 1;
            int[] varied = [votes[0] + i, .. votes[1..]];
            appends.Add(i % 5 == 4
                ? () => node.AppendStatusAsync(seat, SeatStatus.Recount, Sent, Ct)
                : () => node.AppendDeclarationAsync(Declare(Election, seat, revision, varied), Sent, Ct));
        }

        foreach (var append in appends.Take(12))
        {
            await append();
        }

        await Task.WhenAll(appends.Skip(12).Select(a => Task.Run(a, Ct)));
        var stored = await ReadAllAsync(OtherNode);
        lock (tailed)
        {
            total = stored.Count;
            if (tailed.Count >= total)
            {
                caughtUp.TrySetResult();
            }
        }

        await caughtUp.Task.WaitAsync(Ct);

        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => tail);
        Assert.Equal(stored.Select(Describe), tailed.Select(Describe));
    }

    [Fact]
    public async Task Tail_Cancelled_EndsWithCancellation()
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var tail = Task.Run(
            async () =>
            {
                await foreach (var _ in Journal.TailAsync(0, stop.Token))
                {
                }
            },
            Ct);
        await Task.Delay(100, Ct);

        await stop.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => tail.WaitAsync(Ct));
    }

    [Fact]
    public async Task AppendDeclaration_TwoNodesRaceForTheSameRevision_ExactlyOneAppends()
    {
        const int rounds = 20;
        for (var round = 1; round <= rounds; round++)
        {
            // Revisions climb so every round is a fresh (seat, revision); the bodies differ in one vote count.
            var a = Declare(Election, AlphaNorth, round, 21_000, 14_000, 3_000, 1_000);
            var b = Declare(Election, AlphaNorth, round, 21_000, 14_000, 3_000, 1_001);
            var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var racing = Task.WhenAll(
                Task.Run(async () => { await start.Task; return await Journal.AppendDeclarationAsync(a, Sent, Ct); }, Ct),
                Task.Run(async () => { await start.Task; return await OtherNode.AppendDeclarationAsync(b, Sent, Ct); }, Ct));
            start.SetResult();
            var results = await racing;

            Assert.Equal([AppendOutcome.Appended, AppendOutcome.Conflict], results.Select(r => r.Outcome).Order());
            Assert.All(results, r => Assert.Equal(round, r.CurrentRevision));
        }

        var entries = await ReadAllAsync();
        Assert.Equal(Enumerable.Range(1, rounds).Select(i => (long)i), entries.Select(e => e.Sequence));
    }

    [Fact]
    public async Task AppendDeclaration_BurstOfCorrectionsRepeatsAndConflictsFromTwoNodes_EveryAnswerAgreesWithTheJournal()
    {
        // A busy minute: corrections of four seats with identical and conflicting resends, all at once from two nodes, so
        // the Redis journal commits them in shared calls. Whatever order they land in, each answer must match what is stored.
        var seats = new (string Code, int[] Votes)[]
        {
            (AlphaNorth, [21_000, 14_000, 3_000, 1_000]), (BetaSouth, [20_000, 9_000, 6_000]),
            (GammaVale, [20_000, 9_000, 6_000]), (DeltaFirth, [18_000, 15_000, 5_000]),
        };
        var sent = new List<Declaration>();
        foreach (var (code, votes) in seats)
        {
            for (var revision = 1; revision <= 12; revision++)
            {
                var declaration = Declare(Election, code, revision, votes);
                sent.AddRange([declaration, declaration, Declare(Election, code, revision, [.. votes[..^1], votes[^1] + 1])]);
            }
        }

        var answers = await Task.WhenAll(sent.Select((d, i) => Task.Run(() => (i % 2 == 0 ? Journal : OtherNode).AppendDeclarationAsync(d, Sent, Ct), Ct)));
        var stored = (await ReadAllAsync()).ToDictionary(e => e.Sequence, e => e.Declaration!);

        var appended = answers.Where(a => a.Outcome == AppendOutcome.Appended).Select(a => a.Sequence).Order().ToList();
        Assert.Equal(Enumerable.Range(1, stored.Count).Select(i => (long)i), appended);
        foreach (var (declaration, answer) in sent.Zip(answers))
        {
            switch (answer.Outcome)
            {
                case AppendOutcome.Appended or AppendOutcome.Repeated:
                    var entry = stored[answer.Sequence];
                    Assert.Equal((declaration.Constituency, declaration.Revision), (entry.Constituency, entry.Revision));
                    Assert.Equal(declaration.Candidates, entry.Candidates);
                    break;
                case AppendOutcome.Conflict:
                    Assert.Contains(stored.Values, e => e.Constituency == declaration.Constituency && e.Revision == declaration.Revision
                        && !e.Candidates.SequenceEqual(declaration.Candidates));
                    break;
                default:
                    Assert.Contains(stored.Values, e => e.Constituency == declaration.Constituency && e.Revision > declaration.Revision);
                    break;
            }
        }

        // In journal order each seat's revisions only climb, and no (seat, revision) is stored twice.
        foreach (var (code, _) in seats)
        {
            var revisions = stored.OrderBy(e => e.Key).Select(e => e.Value).Where(d => d.Constituency == code).Select(d => d.Revision).ToList();
            Assert.Equal(revisions.Order().Distinct(), revisions);
        }
    }

    [Fact]
    public async Task AppendStatus_ManyConcurrentAppendsFromTwoNodes_GetDenseUniqueSequences()
    {
        var appends = Enumerable.Range(0, 40)
            .Select(i => Task.Run(() => (i % 2 == 0 ? Journal : OtherNode).AppendStatusAsync(GammaVale, SeatStatus.Counting, Sent, Ct), Ct));

        var sequences = await Task.WhenAll(appends);

        Assert.Equal(Enumerable.Range(1, 40).Select(i => (long)i), sequences.Order());
        Assert.Equal(sequences.Order(), (await ReadAllAsync()).Select(e => e.Sequence));
    }

    [Fact]
    public async Task Check_AfterAppends_ReportsReachableAndLastSequence()
    {
        await Journal.AppendStatusAsync(GammaVale, SeatStatus.Counting, Sent, Ct);
        await Journal.AppendDeclarationAsync(Declare(Election, GammaVale, 1, 20_000, 9_000, 6_000), Sent, Ct);

        var health = await OtherNode.CheckAsync(Ct);

        Assert.True(health.Reachable);
        Assert.Equal(2, health.LastSequence);
        Assert.Equal(ExpectedKind, health.Kind);
        Assert.False(string.IsNullOrWhiteSpace(health.Description));
    }

    /// <summary>"in-memory" or "redis".</summary>
    protected abstract string ExpectedKind { get; }

    /// <summary>Another node over the same journal, on <paramref name="time"/>; the first call makes the node the tests append through.</summary>
    protected abstract Task<IDeclarationJournal> CreateNodeAsync(TimeProvider time);

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            _timeout.Dispose();
        }
    }

    /// <summary>Every field of an entry, as text (a declaration's candidates are a list, which records compare by reference).</summary>
    protected static string Describe(JournalEntry entry) =>
        string.Join(
            " | ",
            entry.Sequence,
            entry.Kind,
            entry.Constituency,
            entry.RecordedAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            entry.Status,
            entry.Declaration is { } d ? $"{d with { Candidates = [] }} {string.Join(", ", d.Candidates)}" : "");

    protected static ExitPoll ExitPollOf(params (string Party, int Seats)[] parties) =>
        new([.. parties.Select(p => new ExitPollSeats(p.Party, p.Seats))], "BBC/ITV News/Sky News exit poll", new DateTimeOffset(2024, 7, 4, 22, 0, 0, TimeSpan.FromHours(1)));

    /// <summary>The projection a node would build from these entries.</summary>
    protected LiveSnapshot Project(IEnumerable<JournalEntry> entries)
    {
        var live = new LiveResults(Election, "test");
        live.ApplyBatch(entries);
        return live.Current;
    }

    protected Task<List<JournalEntry>> ReadAllAsync(IDeclarationJournal? journal = null) =>
        (journal ?? Journal).ReadAfterAsync(0, 10_000, Ct).ToListAsync(Ct).AsTask();
}
