using ResultsLive.Web.Shared.Markup;

namespace ResultsLive.Web.Tests.Shared.Markup;

public sealed class HtmlWriterTests
{
    public static TheoryData<string> Hostile { get; } =
    [
        "\"><script>alert(1)</script>",
        "O'Neill & Sons",
        "<img src=x onerror=alert(1)>",
        "line one\nline two",
        "Ynys Môn · Ωμέγα · 北京 · ★",
    ];

    [Theory]
    [MemberData(nameof(Hostile))]
    public void TextAndAttributes_HostileValue_AreEncodedAndReadBackExactly(string value)
    {
        var html = new HtmlWriter().Open("span").Attr("title", value).Attr("data-x", value).Text(value).Close("span").ToString();

        var parsed = new AngleSharp.Html.Parser.HtmlParser().ParseDocument("<!DOCTYPE html><body>" + html);
        var span = Assert.Single(parsed.Body!.Children);
        Assert.Equal("SPAN", span.TagName);
        Assert.Empty(span.Children);
        Assert.Equal(value, span.TextContent);
        Assert.Equal(value, span.GetAttribute("title"));
        Assert.Equal(value, span.GetAttribute("data-x"));
        Assert.Equal(2, span.Attributes.Length);
    }

    [Fact]
    public void Url_SegmentWithSlashesAndQuotes_IsEscapedIntoOneSegment()
    {
        var html = new HtmlWriter().Open("a").Url("href", "constituency/", "E14\"/../x?y=<1>").Close("a").ToString();

        Assert.Equal("<a href=\"constituency/E14%22%2F..%2Fx%3Fy%3D%3C1%3E\"></a>", html);
    }

    [Theory]
    [InlineData("#C8102E", "#C8102E")]
    [InlineData("#c8102e", "#c8102e")]
    [InlineData("red", "#6B6B6B")]
    [InlineData("#C8102E;background:url(x)", "#6B6B6B")]
    [InlineData("#C8102", "#6B6B6B")]
    [InlineData(null, "#6B6B6B")]
    public void Colour_AnythingButRrggbb_IsTheNeutralGrey(string? colour, string expected)
    {
        Assert.Equal(expected, HtmlWriter.Colour(colour));
        Assert.Equal($"<p style=\"--party:{expected}\"></p>", new HtmlWriter().Open("p").ColourStyle("--party", colour!).Close("p").ToString());
    }

    [Fact]
    public void Attr_AfterContent_IsRefused()
    {
        var writer = new HtmlWriter().Open("p").Text("x");

        Assert.Throws<InvalidOperationException>(() => writer.Attr("class", "late"));
    }
}
