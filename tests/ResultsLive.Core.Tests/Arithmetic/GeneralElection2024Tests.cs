using ResultsLive.Core.Arithmetic;
using ResultsLive.Core.Model;
using ResultsLive.Import;

namespace ResultsLive.Core.Tests.Arithmetic;

/// <summary>The arithmetic against the House of Commons Library's published 2024 results: its columns are the oracle.</summary>
public class GeneralElection2024Tests : IClassFixture<GeneralElection2024Tests.Declared2024>
{
    private readonly Declared2024 _data;

    public GeneralElection2024Tests(Declared2024 data) => _data = data;

    [Fact]
    public void Result_EverySeat_EqualsTheLibrarysResultColumn()
    {
        var wrong = _data.Library
            .Where(row => _data.Tally.Seat(row.Code)!.Result != row.Result)
            .Select(row => $"{row.Name}: {_data.Tally.Seat(row.Code)!.Result} <> {row.Result}")
            .ToList();

        Assert.Empty(wrong);
        Assert.Equal(650, _data.Library.Count);
    }

    [Fact]
    public void Majority_EverySeat_EqualsTheLibrarysMajorityColumn()
    {
        var wrong = _data.Library.Where(row => _data.Tally.Seat(row.Code)!.Majority != row.Majority).Select(row => row.Name).ToList();

        Assert.Empty(wrong);
    }

    [Fact]
    public void ShareChange_EveryCandidateWhereTheLibraryGivesOne_EqualsItsChangeColumn()
    {
        var compared = 0;
        var wrong = new List<string>();
        foreach (var row in _data.Candidates.Where(c => c.Change is not null))
        {
            var candidate = _data.Tally.Seat(row.Code)!.Candidates.Single(c => c.Name == row.Name && c.Party == row.PartyCode);

            // The Library publishes fractions to six decimals; ours are unrounded percentages.
            if (candidate.ShareChange is not { } change || Math.Abs((change / 100) - row.Change!.Value) > 1.5e-6)
            {
                wrong.Add($"{row.Code} {row.Name} ({row.PartyCode}): {candidate.ShareChange} <> {row.Change}");
            }

            compared++;
        }

        Assert.Empty(wrong);
        Assert.True(compared > 2_900, $"only {compared} changes were compared");
    }

    [Fact]
    public void Share_EveryCandidate_EqualsTheLibrarysShareColumn()
    {
        var wrong = _data.Candidates
            .Where(row => Math.Abs((_data.Tally.Seat(row.Code)!.Candidates.Single(c => c.Name == row.Name && c.Party == row.PartyCode).Share / 100) - row.Share) > 1.5e-6)
            .Select(row => row.Name)
            .ToList();

        Assert.Empty(wrong);
    }

    [Fact]
    public void National_AllSeatsDeclared_MatchesTheFiguresInTheDataReadme()
    {
        var snapshot = _data.Tally.Snapshot();

        var seats = snapshot.Parties.Where(p => p.Seats > 0).ToDictionary(p => p.Party.Code, p => p.Seats);
        Assert.Equal(
            new Dictionary<string, int>
            {
                ["Lab"] = 411, ["Con"] = 121, ["LD"] = 72, ["SNP"] = 9, ["SF"] = 7, ["Ind"] = 6, ["RUK"] = 5, ["DUP"] = 5,
                ["Green"] = 4, ["PC"] = 4, ["SDLP"] = 2, ["Spk"] = 1, ["APNI"] = 1, ["TUV"] = 1, ["UUP"] = 1,
            },
            seats);
        Assert.Equal((650, 650, 326), (snapshot.Declared, snapshot.TotalSeats, snapshot.MajorityThreshold));
        Assert.Equal(28_809_340, snapshot.ValidVotes);
        Assert.Equal(116_253, snapshot.InvalidVotes);
        Assert.Equal(48_253_193, snapshot.Electorate);

        var lab = snapshot.Party("Lab")!;
        var con = snapshot.Party("Con")!;
        Assert.Equal((218, 7, 211), (lab.Gains, lab.Losses, lab.Net));
        Assert.Equal((1, 252, -251), (con.Gains, con.Losses, con.Net));
        Assert.Equal(9_708_716, lab.Votes);
        Assert.Equal(6_828_925, con.Votes);
        Assert.Equal(4_117_610, snapshot.Party("RUK")!.Votes);
        Assert.Equal(564_042, snapshot.Party("Ind")!.Votes);
        Assert.Equal(33.70, Math.Round(lab.Share, 2));
        Assert.Equal(23.70, Math.Round(con.Share, 2));
        Assert.Equal(14.29, Math.Round(snapshot.Party("RUK")!.Share, 2));
    }

    [Fact]
    public void National_AllSeatsDeclared_ShareChangeAndSwingAgainstTheNotionalTotals()
    {
        var snapshot = _data.Tally.Snapshot();

        // Notional 2019 on the new boundaries: Con 14,000,000-odd of 32,014,119; computed here from the file itself.
        var baselineTotal = _data.Election.Baseline.Seats.Values.Sum(b => (long)b.Total);
        var baselineLab = _data.Election.Baseline.Seats.Values.Sum(b => (long)b.Votes.GetValueOrDefault("Lab"));
        var baselineCon = _data.Election.Baseline.Seats.Values.Sum(b => (long)b.Votes.GetValueOrDefault("Con"));
        Assert.Equal(32_014_119, baselineTotal);

        var labChange = snapshot.Party("Lab")!.Share - (baselineLab * 100.0 / baselineTotal);
        var conChange = snapshot.Party("Con")!.Share - (baselineCon * 100.0 / baselineTotal);
        Assert.Equal(labChange, snapshot.Party("Lab")!.ShareChange!.Value, 9);
        Assert.Equal(conChange, snapshot.Party("Con")!.ShareChange!.Value, 9);
        Assert.Equal(new Swing("Con", "Lab", (labChange - conChange) / 2) with { Value = 0 }, snapshot.Swing! with { Value = 0 });
        Assert.Equal((labChange - conChange) / 2, snapshot.Swing!.Value, 9);
    }

    [Fact]
    public void IslingtonNorth_InFull_MatchesTheLibrary()
    {
        var seat = _data.Tally.Seat("E14001305")!;

        Assert.Equal("Islington North", seat.Constituency.Name);
        Assert.Equal(("London", "England"), (seat.Constituency.Region, seat.Constituency.Nation));
        Assert.Equal("Ind gain from Lab", seat.Result);
        Assert.Equal((72_852, 49_006, 189), (seat.Electorate, seat.ValidVotes, seat.InvalidVotes));
        Assert.Equal(7_247, seat.Majority);
        Assert.Equal(14.79, Math.Round(seat.MajorityShare, 2));
        Assert.Equal(67.27, Math.Round(seat.Turnout!.Value, 2));
        Assert.Equal(
            [("Jeremy Corbyn", "Ind", 24_120), ("Praful Nargund", "Lab", 16_873), ("Sheridan Kates", "Green", 2_660), ("Karen Harries", "Con", 1_950),
             ("Martyn Nelson", "RUK", 1_710), ("Vikas Aggarwal", "LD", 1_661), ("Paul Josling", "Ind", 32)],
            seat.Candidates.Select(c => (c.Name, c.Party, c.Votes)));
        Assert.Equal(49.22, Math.Round(seat.Winner.Share, 2));
        Assert.Equal(34.43, Math.Round(seat.Candidates[1].Share, 2));
        Assert.Null(seat.Winner.ShareChange);
        Assert.Equal(-29.88, Math.Round(seat.Candidates[1].ShareChange!.Value, 2));
        Assert.Null(seat.Swing);
        Assert.Equal("Lab", seat.BaselineWinner);
        Assert.Equal(
            "Islington North: Ind gain from Lab. Jeremy Corbyn (Ind) 24,120. Majority 7,247. Turnout 67.3%.",
            seat.Text);
    }

    [Fact]
    public void HoughtonAndSunderlandSouth_Hold_TextCarriesTheSwing()
    {
        var seat = _data.Tally.Seat("E14001295")!;

        Assert.Equal("Lab hold", seat.Result);
        Assert.NotNull(seat.Swing);
        Assert.Equal("Lab", seat.Swing!.From);
        Assert.Equal("RUK", seat.Swing.To);
        Assert.EndsWith($"{seat.Swing.Value:0.0}% swing from Lab to RUK.", seat.Text, StringComparison.Ordinal);
    }

    /// <summary>The 2024 election with every seat declared from the Library's candidate file, built once per class.</summary>
    public sealed class Declared2024
    {
        public Declared2024()
        {
            var loaded = ElectionLoader.Load(new ElectionFiles(
                SharedData.Candidates2024, SharedData.Constituencies2024, SharedData.Notional2019, BaselineKind.Notional, null, null));
            Election = loaded.Election;
            Tally = new NationalTally(Election);
            foreach (var declaration in loaded.Results)
            {
                Tally.Apply(SeatCalculator.Calculate(Election, declaration));
            }

            Library = HocConstituencyFile.Read(SharedData.Constituencies2024);
            Candidates = [.. HocCandidateFile.Read(SharedData.Candidates2024).Select(r => new LibraryCandidate(r.Code, $"{r.FirstName} {r.Surname}".Trim(), r.PartyCode, r.Share, r.Change))];
        }

        public Election Election { get; }

        public NationalTally Tally { get; }

        public IReadOnlyList<HocConstituencyRow> Library { get; }

        public IReadOnlyList<LibraryCandidate> Candidates { get; }
    }

    public sealed record LibraryCandidate(string Code, string Name, string PartyCode, double Share, double? Change);
}
