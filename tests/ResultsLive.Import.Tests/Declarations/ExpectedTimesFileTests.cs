namespace ResultsLive.Import.Tests.Declarations;

/// <summary>The CSV of expected declaration times: <c>code,expected</c> with ISO 8601 times that carry their offset.</summary>
public sealed class ExpectedTimesFileTests
{
    private static readonly Func<string, string?> Seats = code => code.ToUpperInvariant() is "E14001305" or "E14001295" ? code.ToUpperInvariant() : null;

    [Fact]
    public void Read_TwoSeats_TimesWithTheirOffsets()
    {
        using var file = new TempFile("expected.csv", "code,expected\r\ne14001305,2024-07-05T03:30:00+01:00\r\nE14001295,2024-07-04T22:15:00Z\r\n");

        var times = ExpectedTimesFile.Read(file.Path, Seats);

        Assert.Equal(new DateTimeOffset(2024, 7, 5, 3, 30, 0, TimeSpan.FromHours(1)), times["E14001305"]);
        Assert.Equal(new DateTimeOffset(2024, 7, 4, 22, 15, 0, TimeSpan.Zero), times["E14001295"]);
    }

    [Theory]
    [InlineData("code,expected\nE14001305,2024-07-05T03:30:00\n", "expected", 2)]
    [InlineData("code,expected\nE14001305,soon\n", "expected", 2)]
    [InlineData("code,expected\nX99,2024-07-05T03:30:00+01:00\n", "code", 2)]
    [InlineData("code,expected\nE14001305,2024-07-05T03:30:00+01:00\nE14001305,2024-07-05T03:40:00+01:00\n", "code", 3)]
    public void Read_BadRow_NamesTheColumnAndLine(string content, string column, int line)
    {
        using var file = new TempFile("expected.csv", content);

        var error = Assert.Throws<ImportException>(() => ExpectedTimesFile.Read(file.Path, Seats));

        Assert.Equal((column, line), (error.Column, error.Line));
    }
}
