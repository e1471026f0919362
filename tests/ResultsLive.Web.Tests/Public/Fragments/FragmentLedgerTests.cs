using Microsoft.Extensions.Logging.Abstractions;

using ResultsLive.Core.Model;
using ResultsLive.Feed;
using ResultsLive.Web.Public.Fragments;
using ResultsLive.Web.Tests.Shared;

namespace ResultsLive.Web.Tests.Public.Fragments;

/// <summary>
/// The versions the ledger gives each public part, worked out from the entries as every node applies them: a seat's part
/// moves only with that seat, the national parts with any result, the map and the list with a status too, and the
/// national parts but the ticker and the list with the exit poll.
/// </summary>
public sealed class FragmentLedgerTests : IAsyncLifetime, IDisposable
{
    private readonly DemoFeed _feed = new(seats: 20);
    private readonly CancellationTokenSource _stop = new();
    private FragmentLedger _ledger = null!;
    private Task _following = Task.CompletedTask;

    public async Task InitializeAsync()
    {
        _ledger = new FragmentLedger(_feed.Live, NullLogger<FragmentLedger>.Instance);
        _following = _ledger.FollowAsync(_stop.Token);

        // The loop has subscribed once its first state is published (at the feed's current sequence, 0).
        Assert.True(await _ledger.WaitForAsync(0, TimeSpan.FromSeconds(10), CancellationToken.None));
    }

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        await _following;
    }

    public void Dispose() => _stop.Dispose();

    [Fact]
    public async Task Declaration_MovesTheNationalPartsAndItsSeatOnly()
    {
        var first = _feed.Declare(0);
        var second = _feed.Declare(1);

        var state = await ReachAsync(2);

        Assert.All(PublicPart.National, part => Assert.Equal(2, state.Versions[part]));
        Assert.Equal(1, state.Versions[PublicPart.Seat(first.Constituency)]);
        Assert.Equal(2, state.Versions[PublicPart.Seat(second.Constituency)]);
        Assert.Equal(0, state.Versions[PublicPart.Seat(_feed.Night[5].Constituency)]);
        Assert.Equal($"/fragments/{state.Epoch}/{PublicPart.Seat(first.Constituency)}/1", state.Url(PublicPart.Seat(first.Constituency)));
    }

    [Fact]
    public async Task StatusChange_MovesTheMapTheListAndTheSeatButNotTheScoreboard()
    {
        _feed.Declare(0);
        var counting = _feed.Night[3].Constituency;
        _feed.SetStatus(counting, SeatStatus.Counting);

        var state = await ReachAsync(2);

        Assert.Equal(2, state.Versions[PublicPart.Map]);
        Assert.Equal(2, state.Versions[PublicPart.Seats]);
        Assert.Equal(2, state.Versions[PublicPart.Seat(counting)]);
        Assert.Equal(1, state.Versions[PublicPart.Scoreboard]);
        Assert.Equal(1, state.Versions[PublicPart.Latest]);
        var news = Assert.Single(_ledger.State.NewsAfter(1)!);
        Assert.Equal([PublicPart.Map, PublicPart.Seat(counting), PublicPart.Seats], news.Changed.Select(c => c.Part).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Find_ASequenceBetweenChanges_GivesTheVersionThatHeldThen()
    {
        var seat = _feed.Declare(0).Constituency;
        _feed.Declare(1);
        _feed.Declare(2);
        await ReachAsync(3);

        var held = _ledger.Find(PublicPart.Seat(seat), 3);

        Assert.Equal(1, held!.Sequence);
        Assert.Equal(3, _ledger.Find(PublicPart.Scoreboard, 3)!.Sequence);
        Assert.Equal(2, _ledger.Find(PublicPart.Scoreboard, 2)!.Sequence);
        Assert.Null(_ledger.Find("no-such-part", 3));
    }

    [Fact]
    public async Task Batch_OnlyTheLastVersionOfEachPartIsDrawnAndAnnounced()
    {
        // Three entries applied together (as the consumer does with what arrived at once): the seat declared and then
        // corrected inside the batch has a version at 1 that this node never saw, and must not draw from the batch's state.
        var declaration = _feed.Night[0];
        var corrected = declaration with { Revision = 2, Candidates = [.. declaration.Candidates.Select((c, i) => i == 1 ? c with { Votes = c.Votes + 7 } : c)] };
        _feed.Live.ApplyBatch([_feed.Entry(declaration), _feed.Entry(_feed.Night[1]), _feed.Entry(corrected)]);

        var state = await ReachAsync(3);

        var seat = PublicPart.Seat(declaration.Constituency);
        Assert.Equal(3, state.Versions[seat]);
        Assert.Null(_ledger.Find(seat, 2)!.Snapshot);
        Assert.NotNull(_ledger.Find(seat, 3)!.Snapshot);
        Assert.Equal(2, _ledger.Find(PublicPart.Seat(_feed.Night[1].Constituency), 3)!.Sequence);
        var news = Assert.Single(_ledger.State.NewsAfter(0)!);
        Assert.Equal(3, news.Sequence);
        Assert.Equal(3, news.Changed.Single(c => c.Part == seat).Version);
    }

    [Fact]
    public async Task DrawAhead_OnlyTheNextVersionOfAPartAReaderAskedFor_EvenThroughABatch()
    {
        var followed = PublicPart.Seat(_feed.Night[0].Constituency);
        _ledger.Find(PublicPart.Scoreboard, 0)!.Ask();
        _ledger.Find(followed, 0)!.Ask();

        // The followed seat is declared and corrected inside one batch: its version at 1 is never seen, and passes on
        // its reader to the version at 3.
        var declaration = _feed.Night[0];
        var corrected = declaration with { Revision = 2, Candidates = [.. declaration.Candidates.Select((c, i) => i == 1 ? c with { Votes = c.Votes + 7 } : c)] };
        _feed.Live.ApplyBatch([_feed.Entry(declaration), _feed.Entry(_feed.Night[1]), _feed.Entry(corrected)]);
        await ReachAsync(3);

        Assert.True(_ledger.Find(PublicPart.Scoreboard, 3)!.DrawAhead);
        Assert.True(_ledger.Find(followed, 3)!.DrawAhead);
        Assert.False(_ledger.Find(followed, 2)!.DrawAhead);
        Assert.All(PublicPart.National.Except([PublicPart.Scoreboard]), part => Assert.False(_ledger.Find(part, 3)!.DrawAhead, part));
        Assert.False(_ledger.Find(PublicPart.Seat(_feed.Night[1].Constituency), 3)!.DrawAhead);

        // Nobody asked for the versions drawn ahead: the next ones are drawn on demand unless a reader comes back.
        _feed.Declare(2);
        await ReachAsync(4);
        Assert.False(_ledger.Find(PublicPart.Scoreboard, 4)!.DrawAhead);
    }

    [Fact]
    public async Task Correction_ThatChangesTheWinner_RemembersWhatWasReportedBefore()
    {
        var declaration = _feed.Night[0];
        _feed.Declare(0);
        var runnerUp = declaration.Candidates.OrderByDescending(c => c.Votes).ElementAt(1);
        var margin = declaration.Candidates.Max(c => c.Votes) - runnerUp.Votes;
        var flipped = declaration with
        {
            Revision = 2,
            Candidates = [.. declaration.Candidates.Select(c => c == runnerUp ? c with { Votes = c.Votes + margin + 10 } : c)],
        };
        Assert.Equal(EntryOutcome.Applied, _feed.Live.Apply(_feed.Entry(flipped)));

        await ReachAsync(2);

        var version = _ledger.Find(PublicPart.Seat(declaration.Constituency), 2)!;
        Assert.Equal(1, version.PreviouslyReported!.Revision);
        Assert.NotEqual(version.PreviouslyReported.Winner.Party, version.Snapshot!.Seat(declaration.Constituency)!.Winner.Party);
    }

    [Fact]
    public async Task ExitPoll_MovesTheNationalPartsThatCarryItButNotTheTickerTheListOrASeat()
    {
        var declared = _feed.Declare(0);
        var poll = new ExitPoll([new ExitPollSeats(_feed.Election.PartyAt(0).Code, 12)], "A test poll", DemoFeed.Now);
        Assert.Equal(EntryOutcome.Applied, _feed.Live.Apply(_feed.ExitPollEntry(poll)));

        var state = await ReachAsync(2);

        Assert.All(PublicPart.ExitPoll, part => Assert.Equal(2, state.Versions[part]));
        Assert.Equal(1, state.Versions[PublicPart.Latest]);
        Assert.Equal(1, state.Versions[PublicPart.Seats]);
        Assert.Equal(1, state.Versions[PublicPart.Seat(declared.Constituency)]);
        Assert.Same(poll, _ledger.Find(PublicPart.Share, 2)!.Snapshot!.National.ExitPoll);
    }

    [Fact]
    public async Task NewsAfter_FurtherBackThanItHolds_SaysTakeEverythingAfresh()
    {
        _feed.Declare(0);
        await ReachAsync(1);

        Assert.Empty(_ledger.State.NewsAfter(1)!);
        Assert.Single(_ledger.State.NewsAfter(0)!);
        Assert.Null(_ledger.State.NewsAfter(-5));
    }

    private async Task<LedgerState> ReachAsync(long sequence)
    {
        Assert.True(await _ledger.WaitForAsync(sequence, TimeSpan.FromSeconds(10), CancellationToken.None), $"the ledger did not reach {sequence}");
        return _ledger.State;
    }
}
