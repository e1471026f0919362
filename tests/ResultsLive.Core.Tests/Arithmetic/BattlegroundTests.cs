using ResultsLive.Core.Arithmetic;
using ResultsLive.Import;

namespace ResultsLive.Core.Tests.Arithmetic;

/// <summary>Labour's 2024 battleground and the Lab–Con swingometer, each checked against figures computed here from the files.</summary>
public class BattlegroundTests : IClassFixture<Night2024>
{
    private readonly Night2024 _night;
    private readonly Dictionary<string, (string Winner, Dictionary<string, double> Shares)> _notional = NotionalFile.Read();

    public BattlegroundTests(Night2024 night) => _night = night;

    [Fact]
    public void Battleground_Labour_TargetsInOrderOfSwingNeededFromTheNotionalShares()
    {
        var expected = LabourTargets();

        var targets = _night.Final.Snapshot().Battleground.For("lab")!;

        Assert.Equal("Lab", targets.Party.Code);
        Assert.Equal(expected.Select(t => t.Code), targets.Targets.Select(t => t.Constituency.Code));
        Assert.Equal(Enumerable.Range(1, expected.Count), targets.Targets.Select(t => t.Rank));
        Assert.All(targets.Targets, t => Assert.NotEqual("Lab", t.BaselineWinner));
    }

    [Fact]
    public void Battleground_Labour_SwingNeededForTheTopTen()
    {
        var expected = LabourTargets().Take(10).ToList();

        var top = _night.Final.Snapshot().Battleground.For("Lab")!.Targets.Take(10).ToList();

        Assert.Equal(10, top.Count);
        foreach (var (want, got) in expected.Zip(top))
        {
            Assert.Equal(want.Code, got.Constituency.Code);
            Assert.Equal(want.Needed, got.SwingNeeded, 9);
        }

        Assert.True(top[0].SwingNeeded < 0.5, $"the closest target needs {top[0].SwingNeeded:0.00} points");
    }

    [Fact]
    public void Battleground_Labour_HowManyOfItsFirst100TargetsItWon()
    {
        var winners = HocCandidateFile.Read(SharedData.Candidates2024).GroupBy(r => r.Code).ToDictionary(g => g.Key, g => g.MaxBy(r => r.Votes)!.PartyCode);
        var expected = LabourTargets().Take(100).Count(t => winners[t.Code] == "Lab");

        var targets = _night.Final.Snapshot().Battleground.For("Lab")!;
        var won = targets.Targets.Take(100).Count(t => t.Won);

        Assert.Equal(expected, won);
        Assert.Equal(93, won);
        Assert.Equal(targets.Targets.Count, targets.Declared);
        Assert.Equal(targets.Targets.Count(t => t.Won), targets.Won);
        Assert.All(targets.Targets.Take(100), t => Assert.Equal(t.Won, winners[t.Constituency.Code] == "Lab"));
    }

    [Fact]
    public void Battleground_TargetSwing_IsButlerSwingFromTheBaselineWinnerToTheParty()
    {
        var candidates = Shares2024();
        var target = _night.Final.Snapshot().Battleground.For("Lab")!.Targets.First(t => t.BaselineWinner == "Con");

        var code = target.Constituency.Code;
        var expected = ((candidates[code]["Lab"] - _notional[code].Shares["Lab"]) - (candidates[code]["Con"] - _notional[code].Shares["Con"])) / 2;
        // The Library's shares are fractions to six decimals, so this agrees to about 1e-4 points.
        Assert.Equal(expected, target.Swing!.Value, 3);
        Assert.True(target.Declared);
    }

    [Fact]
    public void Battleground_BeforeAnyDeclaration_TargetsAreUndeclaredWithNoSwing()
    {
        var targets = _night.After(0).Snapshot().Battleground.For("Lab")!;

        Assert.All(targets.Targets, t => Assert.False(t.Declared || t.Won || t.Swing.HasValue));
        Assert.Equal((0, 0), (targets.Declared, targets.Won));
        Assert.Null(_night.After(0).Snapshot().Battleground.For("Nope"));
    }

    [Fact]
    public void Swingometer_LabCon2024_NationalSwingAndTheSeatsThatBuckedTheTrend()
    {
        var shares = Shares2024();
        var snapshot = _night.Final.Snapshot();

        var swingometer = snapshot.Swingometer("Lab", "Con")!;

        var lab = snapshot.Party("Lab")!.ShareChange!.Value;
        var con = snapshot.Party("Con")!.ShareChange!.Value;
        Assert.Equal((lab - con) / 2, swingometer.SwingToA!.Value, 9);
        Assert.Equal(("Con", "Lab"), (swingometer.National!.From, swingometer.National.To));

        // Bucked the trend: a swing from Lab to Con in a seat both contested, computed here from the two files.
        var bucked = _notional
            .Where(n => Contested(n.Value.Shares, shares[n.Key]))
            .Where(n => (shares[n.Key].GetValueOrDefault("Lab") - n.Value.Shares["Lab"]) < (shares[n.Key].GetValueOrDefault("Con") - n.Value.Shares["Con"]))
            .Select(n => n.Key)
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.NotEmpty(bucked);
        Assert.Equal(bucked, swingometer.BuckedTheTrend.Select(s => s.Constituency.Code).Order(StringComparer.Ordinal));
        Assert.All(swingometer.BuckedTheTrend, s => Assert.True(s.Swing < 0));
        Assert.All(swingometer.Further, s => Assert.True(s.Swing > swingometer.SwingToA));
    }

    [Fact]
    public void Swingometer_LabCon2024_SeatsThatFallAtTheNationalSwing()
    {
        var swingometer = _night.Final.Snapshot().Swingometer()!;
        var national = swingometer.SwingToA!.Value;

        // The default pair is the two largest at the baseline, Con then Lab: the swing is to Con, negative.
        Assert.Equal(("Con", "Lab"), (swingometer.PartyA.Code, swingometer.PartyB.Code));
        Assert.True(national < 0);
        var expected = _notional
            .Where(n => n.Value.Winner == "Con" && n.Value.Shares["Lab"] > 0)
            .Where(n => (n.Value.Shares["Con"] - n.Value.Shares["Lab"]) / 2 <= -national)
            .Select(n => n.Key)
            .Order(StringComparer.Ordinal);
        Assert.Equal(expected, swingometer.Falling.Select(s => s.Constituency.Code).Order(StringComparer.Ordinal));
        Assert.True(swingometer.Falling.Count > 100);
    }

    [Fact]
    public void Swingometer_InScotland_IsScotlandsOwnSwingOverItsSeatsOnly()
    {
        var snapshot = _night.Final.Snapshot();
        var scotland = snapshot.Nation("Scotland")!;

        var swingometer = snapshot.Swingometer("SNP", "Lab", scotland)!;

        var snp = scotland.Party("SNP")!.ShareChange!.Value;
        var lab = scotland.Party("Lab")!.ShareChange!.Value;
        Assert.Equal((snp - lab) / 2, swingometer.SwingToA!.Value, 9);
        Assert.True(swingometer.SwingToA < -10, $"Scotland swung from the SNP to Labour: {swingometer.SwingToA}");
        Assert.All(swingometer.Scale, s => Assert.Equal("Scotland", s.Constituency.Nation));
        var held = _notional.Count(n => n.Key.StartsWith('S') && n.Value.Winner is "SNP" or "Lab");
        Assert.Equal(held, swingometer.Scale.Count);
        Assert.NotEqual(snapshot.Swingometer("SNP", "Lab")!.SwingToA, swingometer.SwingToA);
    }

    /// <summary>Labour's targets from the notional file: seats it did not win, held by a party in the file's main columns, where it stands in 2024.</summary>
    private List<(string Code, double Needed)> LabourTargets()
    {
        var standing = HocCandidateFile.Read(SharedData.Candidates2024).Where(r => r.PartyCode == "Lab").Select(r => r.Code).ToHashSet();
        return
        [
            .. _notional
                .Where(n => n.Value.Winner != "Lab" && standing.Contains(n.Key))
                .Select(n => (n.Key, (n.Value.Shares[n.Value.Winner] - n.Value.Shares["Lab"]) / 2))
                .OrderBy(t => t.Item2)
                .ThenBy(t => t.Key, StringComparer.Ordinal),
        ];
    }

    private static Dictionary<string, Dictionary<string, double>> Shares2024() =>
        HocCandidateFile.Read(SharedData.Candidates2024)
            .Where(r => r.PartyCode != "Ind")
            .GroupBy(r => r.Code)
            .ToDictionary(g => g.Key, g => g.ToDictionary(r => r.PartyCode, r => r.Share * 100));

    private static bool Contested(Dictionary<string, double> before, Dictionary<string, double> now) =>
        (before["Lab"] > 0 || now.ContainsKey("Lab")) && (before["Con"] > 0 || now.ContainsKey("Con"));
}
