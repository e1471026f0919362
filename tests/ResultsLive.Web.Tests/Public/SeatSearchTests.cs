using ResultsLive.Import;
using ResultsLive.Web.Public;

namespace ResultsLive.Web.Tests.Public;

public sealed class SeatSearchTests
{
    private static readonly Lazy<IReadOnlyList<(string Code, string Name)>> Seats2024 = new(() =>
        [.. HocConstituencyFile.Read(SharedData.Constituencies2024).Select(r => (r.Code, r.Name))]);

    [Theory]
    [InlineData("ynys mon", "Ynys Môn")]
    [InlineData("weston super", "Weston-super-Mare")]
    [InlineData("Inverness Skye", "Inverness, Skye and West Ross-shire")]
    [InlineData("E14001305", "Islington North")]
    [InlineData("islington", "Islington North")]
    [InlineData("  ISLINGTON   north ", "Islington North")]
    public void Matches_WhatReadersType_FindsTheSeat(string query, string seat)
    {
        var words = SeatSearch.Words(query);

        var found = Seats2024.Value.Where(s => SeatSearch.Matches(SeatSearch.Key(s.Name, s.Code), words)).Select(s => s.Name).ToList();

        Assert.Contains(seat, found);
    }

    [Fact]
    public void Matches_TwoWords_NeedsBoth()
    {
        var found = Seats2024.Value.Where(s => SeatSearch.Matches(SeatSearch.Key(s.Name, s.Code), SeatSearch.Words("islington south"))).Select(s => s.Name);

        Assert.Equal(["Islington South and Finsbury"], found);
    }

    [Fact]
    public void Key_NameWithAccentsAndPunctuation_IsLowerCaseAsciiWords()
    {
        Assert.Equal("ynys mon w07000112", SeatSearch.Key("Ynys Môn", "W07000112"));
        Assert.Empty(SeatSearch.Words("\"<>&'"));
    }
}
