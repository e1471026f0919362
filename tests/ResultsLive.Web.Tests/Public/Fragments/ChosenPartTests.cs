using Microsoft.Extensions.Logging.Abstractions;

using ResultsLive.Core.Model;
using ResultsLive.Web.Public.Controls;
using ResultsLive.Web.Public.Fragments;
using ResultsLive.Web.Tests.Shared;

namespace ResultsLive.Web.Tests.Public.Fragments;

/// <summary>
/// Chosen parts (a swing pair, a map mode, a nation's or region's figures): named in their canonical spelling only, and
/// versioned with the national part they follow, so their addresses move exactly when that part's do.
/// </summary>
public sealed class ChosenPartTests : IAsyncLifetime, IDisposable
{
    private readonly DemoFeed _feed = new(seats: 20);
    private readonly CancellationTokenSource _stop = new();
    private FragmentLedger _ledger = null!;
    private Task _following = Task.CompletedTask;

    public async Task InitializeAsync()
    {
        _ledger = new FragmentLedger(_feed.Live, NullLogger<FragmentLedger>.Instance);
        _following = _ledger.FollowAsync(_stop.Token);
        Assert.True(await _ledger.WaitForAsync(0, TimeSpan.FromSeconds(10), CancellationToken.None));
    }

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        await _following;
    }

    public void Dispose() => _stop.Dispose();

    private string Nation => "nation-" + _feed.Live.Current.National.Nations[0].Slug;

    private (string A, string B) Pair => (_feed.Live.Current.National.Battleground.HeadlinePair.A!, _feed.Live.Current.National.Battleground.HeadlinePair.B!);

    [Fact]
    public void IsPart_CanonicalNames_AreParts()
    {
        var (a, b) = Pair;
        Assert.True(_ledger.IsPart($"swing.uk.{a}.{b}"));
        Assert.True(_ledger.IsPart($"swing.{Nation}.{b}.{a}"));
        Assert.True(_ledger.IsPart($"board.{Nation}"));
        Assert.True(_ledger.IsPart($"seats.{Nation}"));
        Assert.True(_ledger.IsPart("map.uk.turnout"));
        Assert.True(_ledger.IsPart($"map.{Nation}.share-{a}"));
        Assert.True(_ledger.IsPart($"map.uk.swing-{b}-{a}"));
    }

    [Theory]
    [InlineData("swing.uk.{a}.{a}")]
    [InlineData("swing.uk.{lower}.{b}")]
    [InlineData("swing.uk.{a}.Nope")]
    [InlineData("swing.atlantis.{a}.{b}")]
    [InlineData("swing.nation-atlantis.{a}.{b}")]
    [InlineData("board.uk")]
    [InlineData("seats.{nationUpper}")]
    [InlineData("map.uk.Turnout")]
    [InlineData("map.uk.share-{lower}")]
    [InlineData("map.uk.swing-{a}-{a}")]
    [InlineData("map.uk")]
    [InlineData("swing")]
    [InlineData("ticker.uk")]
    public void IsPart_OtherSpellingsAndUnknownChoices_AreNotParts(string pattern)
    {
        var (a, b) = Pair;
        var name = pattern.Replace("{a}", a, StringComparison.Ordinal).Replace("{b}", b, StringComparison.Ordinal)
            .Replace("{lower}", string.Equals(a.ToLowerInvariant(), a, StringComparison.Ordinal) ? a.ToUpperInvariant() : a.ToLowerInvariant(), StringComparison.Ordinal)
            .Replace("{nationUpper}", Nation.ToUpperInvariant(), StringComparison.Ordinal);

        Assert.False(_ledger.IsPart(name), name);
    }

    [Fact]
    public async Task Version_FollowsItsPart_ResultsMoveTheFiguresAndStatusesMoveTheMap()
    {
        var (a, b) = Pair;
        var swing = $"swing.uk.{a}.{b}";
        var map = "map.uk.turnout";
        var seats = $"seats.{Nation}";
        _feed.Declare(0);
        _feed.SetStatus(_feed.Night[4].Constituency, SeatStatus.Counting);

        var state = await ReachAsync(2);

        Assert.Equal(1, state.VersionOf(swing));
        Assert.Equal(2, state.VersionOf(map));
        Assert.Equal(2, state.VersionOf(seats));
        Assert.Equal($"/fragments/{state.Epoch}/{swing}/1", state.Url(swing));
        var version = _ledger.Find(swing, 2)!;
        Assert.Equal((swing, 1L), (version.Part, version.Sequence));
        Assert.Same(_ledger.Find(PublicPart.Share, 2)!.Snapshot, version.Snapshot);
        Assert.Same(version, _ledger.Find(swing, 1));
        Assert.Null(_ledger.Find(swing, -1));
    }

    [Fact]
    public async Task Held_BeyondTheCap_TheOldestAreDroppedAndDrawnAgainAsTheSameVersion()
    {
        _feed.Declare(0);
        await ReachAsync(1);
        var followed = _ledger.Find(PublicPart.Share, 1)!;
        var held = new ChosenVersions(capacity: 2);

        var first = held.Get("swing.uk.A.B", followed);
        Assert.Same(first, held.Get("swing.uk.A.B", followed));
        held.Get("swing.uk.A.C", followed);
        held.Get("swing.uk.A.D", followed);

        Assert.Equal(2, held.Count);
        var again = held.Get("swing.uk.A.B", followed);
        Assert.NotSame(first, again);
        Assert.Equal((first.Part, first.Sequence), (again.Part, again.Sequence));
        Assert.Same(first.Snapshot, again.Snapshot);
        Assert.Equal(2, held.Count);
    }

    [Fact]
    public void FollowsOf_NamesTheNationalPart()
    {
        Assert.Equal(PublicPart.Share, ChosenPart.FollowsOf("swing.uk.Lab.Con"));
        Assert.Equal(PublicPart.Share, ChosenPart.FollowsOf("board.nation-wales"));
        Assert.Equal(PublicPart.Seats, ChosenPart.FollowsOf("seats.nation-wales"));
        Assert.Equal(PublicPart.Map, ChosenPart.FollowsOf("map.uk.gains"));
        Assert.Null(ChosenPart.FollowsOf(PublicPart.Map));
        Assert.Null(ChosenPart.FollowsOf("seat-E14001305"));
    }

    [Fact]
    public void MapMode_FromQuery_TakesAnyCaseAndDefaultsToTheLargestParties()
    {
        var snapshot = _feed.Live.Current;
        var (a, b) = Pair;

        Assert.Equal("turnout", MapMode.FromQuery("Turnout", null, null, snapshot.Election, snapshot.National).Key);
        Assert.Equal("share-" + a, MapMode.FromQuery("share", null, null, snapshot.Election, snapshot.National).Key);
        Assert.Equal("share-" + b, MapMode.FromQuery("share", b.ToLowerInvariant(), null, snapshot.Election, snapshot.National).Key);
        Assert.Equal($"swing-{b}-{a}", MapMode.FromQuery("swing", null, null, snapshot.Election, snapshot.National).Key);
        Assert.Equal($"swing-{a}-{b}", MapMode.FromQuery("swing", a, null, snapshot.Election, snapshot.National).Key);
        Assert.Same(MapMode.Winner, MapMode.FromQuery("sideways", null, null, snapshot.Election, snapshot.National));
        Assert.Same(MapMode.Winner, MapMode.FromQuery(null, null, null, snapshot.Election, snapshot.National));
    }

    private async Task<LedgerState> ReachAsync(long sequence)
    {
        Assert.True(await _ledger.WaitForAsync(sequence, TimeSpan.FromSeconds(10), CancellationToken.None), $"the ledger did not reach {sequence}");
        return _ledger.State;
    }
}
