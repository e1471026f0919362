using ResultsLive.Core.Arithmetic;

namespace ResultsLive.Core.Tests.Arithmetic;

public class SwingTests
{
    [Fact]
    public void Butler_FirstGainsSecondLoses_SwingsFromSecondToFirst()
    {
        var swing = Swing.Butler("Lab", 10, "Con", -6);

        Assert.Equal(new Swing("Con", "Lab", 8), swing);
    }

    [Fact]
    public void Butler_FirstLosesMoreThanSecond_SwingsTowardsSecond()
    {
        var swing = Swing.Butler("Lab", -12, "RUK", 4);

        Assert.Equal(new Swing("Lab", "RUK", 8), swing);
    }

    [Fact]
    public void Steed_TwoPartyShareMoves_IsTheChangeInTwoPartyShare()
    {
        // Then 40:60 of the two-party vote, now 50:50: ten points towards A.
        var swing = Swing.Steed(a1: 20, b1: 30, a2: 25, b2: 25);

        Assert.Equal(10, swing!.Value, 9);
    }

    [Fact]
    public void Steed_NoVotesForEither_IsNull()
    {
        Assert.Null(Swing.Steed(0, 0, 10, 10));
    }
}
