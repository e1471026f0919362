using ResultsLive.Core.Arithmetic;
using ResultsLive.Core.Desk;
using ResultsLive.Core.Model;

namespace ResultsLive.Core.Tests.Desk;

/// <summary>The copy an editor pastes: house style on the 2024 data, and names from outside that must not break any format.</summary>
public sealed class DeskCopyTests : IClassFixture<DeskNight2024>
{
    private readonly DeskNight2024 _night;

    public DeskCopyTests(DeskNight2024 night) => _night = night;

    [Fact]
    public void For_IslingtonNorth_RushFullAndSocialInHouseStyle()
    {
        var (seat, reasons) = _night.Declared.Single(d => d.Seat.Constituency.Code == "E14001305");

        var copy = DeskCopy.For(_night.Election, seat, reasons);

        Assert.Equal("Islington North: Ind gain from Lab", copy.Rush.Plain);
        Assert.Equal(
            "Islington North: Jeremy Corbyn (Independent) wins with 24,120 votes (49.2%), a gain from Labour. Majority 7,247 (14.8%) over "
            + "Praful Nargund (Labour). Turnout 67.3%, down 5.4 points on the 2019 notional. Declared 03:42 BST.",
            copy.Full.Plain);
        Assert.StartsWith("Islington North: Ind gain from Lab. Jeremy Corbyn wins by 7,247 votes.", copy.Social.Plain, StringComparison.Ordinal);
        Assert.Equal("<p><strong>Islington North</strong>: Ind gain from Lab</p>", copy.Rush.Html);
        Assert.Equal("**Islington North**: Ind gain from Lab", copy.Rush.Markdown);
    }

    [Fact]
    public void For_EverySeatOf2024_SocialFitsTheLimit()
    {
        Assert.All(_night.Declared, d => Assert.InRange(DeskCopy.For(_night.Election, d.Seat, d.Reasons).Social.Plain.Length, 1, DeskCopy.SocialLimit));
    }

    [Fact]
    public void For_Correction_IsLedAsACorrection()
    {
        var (seat, reasons) = _night.Declared[0];

        var copy = DeskCopy.For(_night.Election, seat with { Revision = 2 }, reasons);

        Assert.StartsWith("Correction: Houghton and Sunderland South: ", copy.Full.Plain, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"")]
    [InlineData("'")]
    [InlineData("<script>")]
    [InlineData("&amp;")]
    [InlineData("a\nb")]
    [InlineData("Сергей 李 Ωmega")]
    [InlineData("*bold* _it_ [link](x) `code` # h | t ~")]
    public void Render_HostileName_IsEscapedInEveryFormat(string hostile)
    {
        var seat = Seat($"Seat {hostile}", $"Cand {hostile}");

        var copy = DeskCopy.For(seat.Election, seat.Result, []);

        foreach (var text in new[] { copy.Rush, copy.Full, copy.Social })
        {
            Assert.DoesNotContain(text.Plain, c => char.IsControl(c));
            Assert.DoesNotContain("<script>", text.Html, StringComparison.Ordinal);
            Assert.DoesNotContain("\"", text.Html.Replace("<p>", "", StringComparison.Ordinal), StringComparison.Ordinal);
            Assert.Equal(text.Plain, Unescape(text.Markdown));
            Assert.Equal(text.Plain, System.Net.WebUtility.HtmlDecode(text.Html.Replace("<p><strong>", "", StringComparison.Ordinal).Replace("</strong>", "", StringComparison.Ordinal).Replace("</p>", "", StringComparison.Ordinal)));
        }

        Assert.Contains(HouseStyle.OneLine($"Cand {hostile}"), copy.Full.Plain, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2024-07-05T02:42:00Z", "03:42 BST")]
    [InlineData("2024-12-12T23:15:00Z", "23:15 GMT")]
    [InlineData("2024-03-31T00:59:00Z", "00:59 GMT")]
    [InlineData("2024-03-31T01:00:00Z", "02:00 BST")]
    [InlineData("2024-10-27T00:59:00Z", "01:59 BST")]
    [InlineData("2024-10-27T01:00:00Z", "01:00 GMT")]
    public void Clock_AnyInstant_IsUkLocalTimeWithItsZone(string instant, string expected)
    {
        Assert.Equal(expected, UkTime.Clock(DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture)));
    }

    private static string Unescape(string markdown) =>
        System.Text.RegularExpressions.Regex.Replace(markdown.Replace("**", "", StringComparison.Ordinal), @"\\(.)", "$1");

    private static (Election Election, SeatResult Result) Seat(string name, string candidate)
    {
        var election = new Election(
            "t",
            "T",
            [new Constituency("X01", name, "North", "England", 50_000)],
            new Dictionary<string, IReadOnlyList<Nomination>> { ["X01"] = [new(candidate, "Lab"), new("Other One", "Con")] },
            Baseline.Empty);
        return (election, SeatCalculator.Calculate(election, new Declaration("X01", 1, DateTimeOffset.UnixEpoch, 50_000, 0, [new(candidate, "Lab", 200), new("Other One", "Con", 100)])));
    }
}
