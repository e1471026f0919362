using ResultsLive.Core.Arithmetic;

namespace ResultsLive.Core.Tests.Arithmetic;

public class SeatCalculatorTests
{
    private readonly Model.Election _election = TestElection.Create();

    [Fact]
    public void Calculate_SeatChangesHands_IsGainWithHandCheckedFigures()
    {
        // Baseline X02: Lab 25%, Con 62.5%, LD 12.5%, turnout 66.7. Now Lab 24,000, Con 16,000, Ind 2,000 of 42,000.
        var declaration = TestElection.Declare("X02", 1, ("Eve Blue", "Con", 16_000), ("Dan Red", "Lab", 24_000), ("Fay Free", "Ind", 2_000));

        var seat = SeatCalculator.Calculate(_election, declaration);

        Assert.Equal("Lab gain from Con", seat.Result);
        Assert.True(seat.IsGain);
        Assert.Equal(["Dan Red", "Eve Blue", "Fay Free"], seat.Candidates.Select(c => c.Name));
        Assert.Equal(8_000, seat.Majority);
        Assert.Equal(8_000 * 100.0 / 42_000, seat.MajorityShare, 9);
        Assert.Equal(42_000 * 100.0 / 60_000, seat.Turnout!.Value, 9);
        Assert.Equal(70 - 66.7, seat.TurnoutChange!.Value, 9);
        Assert.Equal((24_000 * 100.0 / 42_000) - 25, seat.Candidates[0].ShareChange!.Value, 9);
        Assert.Equal((16_000 * 100.0 / 42_000) - 62.5, seat.Candidates[1].ShareChange!.Value, 9);
        Assert.Null(seat.Candidates[2].ShareChange);
        Assert.True(seat.Candidates[0].Elected);
        Assert.False(seat.Candidates[1].Elected);

        var swing = seat.Swing!;
        Assert.Equal(("Con", "Lab"), (swing.From, swing.To));
        Assert.Equal((seat.Candidates[0].ShareChange!.Value - seat.Candidates[1].ShareChange!.Value) / 2, swing.Value, 9);
    }

    [Fact]
    public void Calculate_SameWinnerAsBaseline_IsHold()
    {
        var seat = SeatCalculator.Calculate(_election, TestElection.Declare("X01", 1, ("Ann Red", "Lab", 10), ("Bob Blue", "Con", 5), ("Cat Orange", "LD", 1)));

        Assert.Equal("Lab hold", seat.Result);
        Assert.False(seat.IsGain);
    }

    [Fact]
    public void Calculate_IndependentFirstOrSecond_HasNoSwing()
    {
        var seat = SeatCalculator.Calculate(_election, TestElection.Declare("X02", 1, ("Fay Free", "Ind", 20_000), ("Eve Blue", "Con", 16_000), ("Dan Red", "Lab", 4_000)));

        Assert.Equal("Ind gain from Con", seat.Result);
        Assert.Null(seat.Swing);
    }

    [Fact]
    public void Calculate_PartyNotInBaseline_ChangeIsItsWholeShare()
    {
        var seat = SeatCalculator.Calculate(_election, TestElection.Declare("X03", 1, ("Hal Blue", "Con", 15_000), ("Ivy Teal", "RUK", 10_000), ("Gus Red", "Lab", 5_000)));

        var reform = seat.Candidates.Single(c => c.Party == "RUK");
        Assert.Equal(reform.Share, reform.ShareChange);
        Assert.Null(seat.TurnoutChange);
    }

    [Fact]
    public void Text_GainWithSwing_ReadsLikeANewsroomLine()
    {
        // Lab 57.14% (+32.14), Con 38.10% (−24.40): (32.14 + 24.40) / 2 = 28.27.
        var seat = SeatCalculator.Calculate(_election, TestElection.Declare("X02", 1, ("Eve Blue", "Con", 16_000), ("Dan Red", "Lab", 24_000), ("Fay Free", "Ind", 2_000)));

        Assert.Equal(
            "Southville: Lab gain from Con. Dan Red (Lab) 24,000. Majority 8,000. Turnout 70.0%. 28.3% swing from Con to Lab.",
            seat.Text);
    }
}
