using ResultsLive.Core.Arithmetic;
using ResultsLive.Import;

namespace ResultsLive.Core.Tests.Arithmetic;

/// <summary>Each party's way to 326: seats won, leading, needed, the declaration that took it there, and whether it still can.</summary>
public class PathToMajorityTests : IClassFixture<Night2024>
{
    private readonly Night2024 _night;

    public PathToMajorityTests(Night2024 night) => _night = night;

    [Fact]
    public void PathToMajority_2024InDeclarationOrder_LabourCrossesAtThe326thSeatItWon()
    {
        // Computed here from the files alone: the 326th seat Labour won, in declaration-times order.
        var winners = HocCandidateFile.Read(SharedData.Candidates2024).GroupBy(r => r.Code).ToDictionary(g => g.Key, g => g.MaxBy(r => r.Votes)!.PartyCode);
        var crossing = _night.InOrder.Where(d => winners[d.Constituency] == "Lab").ElementAt(325);

        var path = _night.Final.Snapshot().PathFor("Lab")!;

        Assert.Equal(crossing.Constituency, path.CrossedAt!.Constituency.Code);
        Assert.Equal(crossing.DeclaredAt, path.CrossedAt.DeclaredAt);
        Assert.Equal((411, 0, 0, true), (path.Won, path.LeadingUndeclared, path.Needed, path.CanReach));

        // The moment it happened: one declaration before, no majority; at that declaration, the majority.
        var at = _night.InOrder.ToList().FindIndex(d => d.Constituency == crossing.Constituency);
        Assert.Null(_night.After(at).Snapshot().PathFor("Lab")!.CrossedAt);
        Assert.Equal(crossing.Constituency, _night.After(at + 1).Snapshot().PathFor("Lab")!.CrossedAt!.Constituency.Code);
        Assert.Equal(325, _night.After(at).Snapshot().PathFor("Lab")!.Won);
    }

    [Fact]
    public void PathToMajority_MidNight_NeededAndLeadingAddUp()
    {
        var snapshot = _night.After(300, Night2024.ExitPoll).Snapshot();

        var lab = snapshot.PathFor("Lab")!;
        var con = snapshot.PathFor("Con")!;

        Assert.Equal(326 - lab.Won, lab.Needed);
        Assert.Equal(snapshot.Party("Lab")!.Seats, lab.Won);
        Assert.Equal(snapshot.Projection.For("Lab")!.Leading, lab.LeadingUndeclared);
        Assert.Equal(snapshot.Projection.For("Con")!.Leading, con.LeadingUndeclared);
        Assert.Equal(350, snapshot.PathToMajority.Sum(p => p.LeadingUndeclared));
        Assert.Equal(con.Won + 350 >= 326, con.CanReach);
    }

    [Fact]
    public void PathToMajority_WhenTheRestCannotTakeAPartyThere_CannotReach()
    {
        // After 500 seats no party but Labour has won + 150 undeclared ≥ 326.
        var snapshot = _night.After(500).Snapshot();

        Assert.False(snapshot.PathFor("Con")!.CanReach);
        Assert.True(snapshot.PathFor("Lab")!.CanReach);
        Assert.NotNull(snapshot.PathFor("Lab")!.CrossedAt);
    }
}
