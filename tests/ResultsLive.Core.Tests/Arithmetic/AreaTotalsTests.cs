using ResultsLive.Core.Arithmetic;

namespace ResultsLive.Core.Tests.Arithmetic;

/// <summary>The Library's nations and regions, each with a tally of its own.</summary>
public class AreaTotalsTests : IClassFixture<Night2024>
{
    private readonly Night2024 _night;

    public AreaTotalsTests(Night2024 night) => _night = night;

    [Fact]
    public void Nation_Scotland2024_SnpNineAndLabourThirtySeven()
    {
        var scotland = _night.Final.Snapshot().Nation("scotland")!;

        Assert.Equal((9, 37), (scotland.Party("SNP")!.Seats, scotland.Party("Lab")!.Seats));
        Assert.Equal((57, 57), (scotland.Declared, scotland.TotalSeats));
        Assert.Equal(AreaKind.Nation, scotland.Kind);
        Assert.Equal(("SNP", "Con"), (scotland.SwingParties[0], scotland.SwingParties[1]));
        Assert.Equal("SNP", scotland.Swing!.From);
    }

    [Fact]
    public void Areas_2024_AddUpToTheCountry()
    {
        var snapshot = _night.Final.Snapshot();

        Assert.Equal("England, Northern Ireland, Scotland, Wales", string.Join(", ", snapshot.Nations.Select(n => n.Name).Order(StringComparer.Ordinal)));
        Assert.Equal(12, snapshot.Regions.Count);
        foreach (var areas in new[] { snapshot.Nations, snapshot.Regions })
        {
            Assert.Equal(650, areas.Sum(a => a.TotalSeats));
            Assert.Equal(snapshot.ValidVotes, areas.Sum(a => a.ValidVotes));
            foreach (var party in snapshot.Parties)
            {
                Assert.Equal(party.Seats, areas.Sum(a => a.Party(party.Party.Code)?.Seats ?? 0));
                Assert.Equal(party.Net, areas.Sum(a => a.Party(party.Party.Code)?.Net ?? 0));
            }
        }
    }

    [Fact]
    public void Region_ByNameAnyCaseOrSlug_IsFound()
    {
        var snapshot = _night.Final.Snapshot();

        var byName = snapshot.Region("YORKSHIRE AND THE HUMBER");
        var bySlug = snapshot.Region("yorkshire-and-the-humber");

        Assert.NotNull(byName);
        Assert.Same(byName, bySlug);
        Assert.Equal(("Yorkshire and The Humber", "yorkshire-and-the-humber"), (byName.Name, byName.Slug));
        Assert.Null(snapshot.Region("atlantis"));
        Assert.Null(snapshot.Nation("yorkshire-and-the-humber"));
    }

    [Fact]
    public void Region_LikeForLikeChange_OverItsDeclaredSeatsOnly()
    {
        var tally = _night.After(40);
        var snapshot = tally.Snapshot();
        var northEast = snapshot.Region("north-east")!;

        var declared = northEast.Constituencies.Select(c => tally.Seat(c.Code)).OfType<SeatResult>().ToList();
        var valid = declared.Sum(s => (long)s.ValidVotes);
        var labVotes = declared.Sum(s => (long)s.Candidates.Where(c => c.Party == "Lab").Sum(c => c.Votes));
        var baselineTotal = declared.Sum(s => (long)_night.Election.Baseline.For(s.Constituency.Code)!.Total);
        var baselineLab = declared.Sum(s => (long)_night.Election.Baseline.For(s.Constituency.Code)!.Votes.GetValueOrDefault("Lab"));

        Assert.Equal(declared.Count, northEast.Declared);
        Assert.True(declared.Count > 5);
        Assert.Equal((labVotes * 100.0 / valid) - (baselineLab * 100.0 / baselineTotal), northEast.Party("Lab")!.ShareChange!.Value, 9);
    }
}
