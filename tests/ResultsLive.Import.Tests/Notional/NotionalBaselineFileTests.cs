using ResultsLive.Core.Model;

namespace ResultsLive.Import.Tests.Notional;

public class NotionalBaselineFileTests
{
    private static readonly Lazy<Baseline> Baseline = new(() => NotionalBaselineFile.Read(SharedData.Notional2019));

    [Fact]
    public void Read_RealFile_IsA650SeatNotionalBaseline()
    {
        Assert.Equal((BaselineKind.Notional, "2019 notional", 650), (Baseline.Value.Kind, Baseline.Value.Name, Baseline.Value.Seats.Count));
    }

    [Fact]
    public void Read_TotalWithThousandsSeparator_IsParsed()
    {
        // Barnsley South's total_votes is written "37,508".
        Assert.Equal(37_508, Baseline.Value.For("E14001075")!.Total);
    }

    [Fact]
    public void Read_SupersededScottishCodes_AreRemappedTo2024Codes()
    {
        Assert.All(["S14000006", "S14000008", "S14000010", "S14000040", "S14000058"], old => Assert.Null(Baseline.Value.For(old)));
        Assert.All(["S14000107", "S14000108", "S14000109", "S14000110", "S14000111"], code => Assert.NotNull(Baseline.Value.For(code)));
    }

    [Fact]
    public void Read_Codes_AreExactlyTheHoc2024Codes()
    {
        var hoc = HocConstituencyFile.Read(SharedData.Constituencies2024).Select(r => r.Code);

        Assert.Equal(hoc.Order(StringComparer.Ordinal), Baseline.Value.Seats.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Read_Winners_MatchPublishedNotionalSeats()
    {
        var seats = Baseline.Value.Seats.Values.CountBy(s => s.Winner).ToDictionary();

        Assert.Equal(
            new Dictionary<string, int>
            {
                ["Con"] = 372, ["Lab"] = 200, ["SNP"] = 48, ["LD"] = 8, ["DUP"] = 8, ["SF"] = 7,
                ["PC"] = 2, ["SDLP"] = 2, ["Green"] = 1, ["Spk"] = 1, ["APNI"] = 1,
            },
            seats);
    }

    [Fact]
    public void Read_EverySeat_PartyVotesAddUpToTotal()
    {
        Assert.All(Baseline.Value.Seats.Values, s => Assert.Equal(s.Total, s.Votes.Values.Sum()));
        Assert.Equal(32_014_119, Baseline.Value.Seats.Values.Sum(s => (long)s.Total));
    }

    [Fact]
    public void Read_Chorley_SpeakerGetsTheVotesInNoColumn()
    {
        var chorley = Baseline.Value.For("E14001170")!;

        Assert.Equal("Spk", chorley.Winner);
        Assert.Equal(26_831, chorley.Votes["Spk"]);
        Assert.DoesNotContain(Party.OtherCode, chorley.Votes.Keys);
    }

    [Fact]
    public void Read_IslingtonNorth_HasPartyVotesTotalAndTurnout()
    {
        var islington = Baseline.Value.For("E14001305")!;

        Assert.Equal(
            new Dictionary<string, int> { ["Lab"] = 34_603, ["LD"] = 8_415, ["Con"] = 5_483, ["Green"] = 4_326, ["RUK"] = 742, ["MRLP"] = 236 },
            islington.Votes);
        Assert.Equal((53_805, "Lab", 72.7), (islington.Total, islington.Winner, islington.Turnout));
    }

    [Fact]
    public void Read_MinorPartyColumns_UseHoc2024Abbreviations()
    {
        var codes = Baseline.Value.Seats.Values.SelectMany(s => s.Votes.Keys).ToHashSet();

        Assert.Contains("SG", codes);
        Assert.Contains("PBPA", codes);
        Assert.Contains("Comm L", codes);
        Assert.Contains("YRKS", codes);
        Assert.DoesNotContain("YPP", codes);
        Assert.DoesNotContain(codes, c => c.StartsWith("IND", StringComparison.Ordinal) || c.EndsWith('v'));
        Assert.DoesNotContain(Baseline.Value.Seats.Values, s => s.Votes.Values.Any(v => v == 0));
    }

    [Fact]
    public void Read_BadVoteValue_NamesFileLineAndColumn()
    {
        // The real header and first row (Aberafan Maesteg, Labour 23,509), with Labour's votes spoilt.
        var lines = File.ReadLines(SharedData.Notional2019).Take(2).ToArray();
        using var file = new TempFile("notional.csv", lines[0] + "\r\n" + lines[1].Replace(",23509,", ",lots,", StringComparison.Ordinal));

        var error = Assert.Throws<ImportException>(() => NotionalBaselineFile.Read(file.Path));

        Assert.Equal(("notional.csv", 2, "Labv"), (error.File, error.Line, error.Column));
        Assert.Contains("'lots' is not a whole number", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_CustomName_IsUsed()
    {
        Assert.Equal("notional", NotionalBaselineFile.Read(SharedData.Notional2019, "notional").Name);
    }
}
