using ResultsLive.Core.Arithmetic;
using ResultsLive.Core.Model;
using ResultsLive.Web.Shared.Markup;

namespace ResultsLive.Web.Tests.Shared.Markup;

/// <summary>Shared row markup is built by hand for speed, so it must encode names exactly as Razor would.</summary>
public sealed class ResultsMarkupTests
{
    [Fact]
    public void LatestItem_NamesWithMarkup_AreEncodedNeverRendered()
    {
        var seat = new Constituency("X01", "Ayr & <b>Bold</b>", "North", "England", 50_000);
        var nominations = new Dictionary<string, IReadOnlyList<Nomination>>
        {
            ["X01"] = [new("<img src=x onerror=alert(1)>", "Lab"), new("Plain Name", "Con")],
        };
        var election = new Election("t", "Test", [seat], nominations, Baseline.Empty);
        var result = SeatCalculator.Calculate(election, new Declaration(
            "X01", 1, DateTimeOffset.UnixEpoch, 50_000, 0, [new("<img src=x onerror=alert(1)>", "Lab", 300), new("Plain Name", "Con", 200)]));

        var html = new ResultsMarkup().LatestItem(election, result).Value;

        Assert.DoesNotContain("<img", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;", html, StringComparison.Ordinal);
        Assert.Contains("Ayr &amp; &lt;b&gt;Bold&lt;/b&gt;", html, StringComparison.Ordinal);
    }
}
