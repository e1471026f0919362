using System.Text;

using ResultsLive.Core.Arithmetic;
using ResultsLive.Core.Desk;
using ResultsLive.Core.Model;
using ResultsLive.Import;

namespace ResultsLive.Core.Tests.Desk;

/// <summary>Each notable reason on the 2024 night, checked against the Library's files read independently of the Import code.</summary>
public sealed class NotabilityTests : IClassFixture<DeskNight2024>
{
    private const string IslingtonNorth = "E14001305";
    private readonly DeskNight2024 _night;

    public NotabilityTests(DeskNight2024 night) => _night = night;

    [Fact]
    public void SittingMpDefeated_2024Night_FlagsEverySittingMpTheCandidateFileShowsLosing()
    {
        // Straight from the CSV: a sitting MP ("Sitting MP" = Yes) who is not the seat's top candidate was defeated.
        var rows = RawCsv.Read(SharedData.Candidates2024);
        var expected = rows
            .GroupBy(r => r["ONS ID"])
            .SelectMany(seat =>
            {
                var winner = seat.MaxBy(r => int.Parse(r["Votes"], System.Globalization.CultureInfo.InvariantCulture))!;
                return seat.Where(r => r["Sitting MP"] == "Yes" && !ReferenceEquals(r, winner)).Select(r => $"{seat.Key} {r["Candidate first name"]} {r["Candidate surname"]}");
            })
            .Order(StringComparer.Ordinal)
            .ToList();

        var flagged = _night.Declared
            .SelectMany(d => d.Reasons.Where(r => r.Kind == NotableKind.SittingMpDefeated).Select(r => (d.Seat, r)))
            .Select(x => $"{x.Seat.Constituency.Code} {x.Seat.Candidates.Single(c => x.r.Text.StartsWith(c.Name + " (", StringComparison.Ordinal)).Name}")
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.Equal(218, expected.Count);
        Assert.Equal(expected, flagged);
    }

    [Fact]
    public void Gain_IslingtonNorth_SaysTheSittingMpWasReElectedAsAnIndependentAgainstLabour()
    {
        var reasons = _night.ReasonsFor(IslingtonNorth);

        var gain = Assert.Single(reasons, r => r.Kind == NotableKind.Gain);
        Assert.Equal(
            "Islington North: Ind gain from Lab. Jeremy Corbyn, the sitting MP, is re-elected as an independent against Labour, who held the seat on the 2019 notional figures.",
            gain.Text);
        Assert.DoesNotContain(reasons, r => r.Kind == NotableKind.SittingMpDefeated);
    }

    [Fact]
    public void Gain_2024Night_IsGivenToExactlyTheSeatsTheLibraryRecordsAsGains()
    {
        var gains = HocConstituencyFile.Read(SharedData.Constituencies2024).Where(r => r.Result.Contains(" gain from ", StringComparison.Ordinal)).Select(r => r.Code).Order(StringComparer.Ordinal);

        var flagged = _night.Declared.Where(d => d.Reasons.Any(r => r.Kind == NotableKind.Gain)).Select(d => d.Seat.Constituency.Code).Order(StringComparer.Ordinal);

        Assert.Equal(gains, flagged);
    }

    [Fact]
    public void FirstDeclaration_2024Night_IsHoughtonAndSunderlandSouthAlone()
    {
        var first = Assert.Single(_night.Declared, d => d.Reasons.Any(r => r.Kind == NotableKind.FirstDeclaration));

        Assert.Equal("Houghton and Sunderland South", first.Seat.Constituency.Name);
        Assert.Same(_night.Declared[0].Seat, first.Seat);
    }

    [Fact]
    public void FirstGain_2024Night_MarksTheFirstGainOfTheNightAndEachPartysFirst()
    {
        // Independently: walk the night in order and note where each party first gains.
        var firsts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (seat, _) in _night.Declared)
        {
            if (seat.IsGain)
            {
                firsts.TryAdd(seat.Winner.Party, seat.Constituency.Code);
            }
        }

        var flagged = _night.Declared.Where(d => d.Reasons.Any(r => r.Kind == NotableKind.FirstGain)).ToDictionary(d => d.Seat.Winner.Party, d => d.Seat.Constituency.Code);
        var firstOfAll = _night.Declared.First(d => d.Seat.IsGain);

        Assert.Equal(firsts, flagged);
        Assert.StartsWith("The first gain of the night: ", firstOfAll.Reasons.Single(r => r.Kind == NotableKind.FirstGain).Text, StringComparison.Ordinal);
        var labour = _night.ReasonsFor(firsts["Lab"]).Single(r => r.Kind == NotableKind.FirstGain);
        Assert.True(firstOfAll.Seat.Winner.Party == "Lab" || labour.Text.StartsWith("Labour's first gain of the night: ", StringComparison.Ordinal), labour.Text);
    }

    [Fact]
    public void MajorityReached_2024Night_MarksTheSeatThatGaveLabourIts326th()
    {
        var labour = 0;
        var crossing = _night.Declared.First(d => d.Seat.Winner.Party == "Lab" && ++labour == 326).Seat.Constituency.Code;

        var reached = Assert.Single(_night.Declared, d => d.Reasons.Any(r => r.Kind == NotableKind.MajorityReached));

        Assert.Equal(crossing, reached.Seat.Constituency.Code);
        Assert.Equal(
            $"Labour reach 326 seats with {reached.Seat.Constituency.Name}: a majority of the 650.",
            reached.Reasons.Single(r => r.Kind == NotableKind.MajorityReached).Text);

        // The same moment as the tally's own path to a majority.
        var final = new NationalTally(_night.Election);
        foreach (var declaration in _night.Order)
        {
            final.Apply(SeatCalculator.Calculate(_night.Election, declaration));
        }

        Assert.Equal(crossing, final.Snapshot().PathFor("Lab")!.CrossedAt!.Constituency.Code);
    }

    [Fact]
    public void LastSeat_2024Night_IsTheSeatThatDeclaredLast()
    {
        var last = Assert.Single(_night.Declared, d => d.Reasons.Any(r => r.Kind == NotableKind.LastSeat));

        Assert.Same(_night.Declared[^1].Seat, last.Seat);
        Assert.Equal("Inverness, Skye and West Ross-shire", last.Seat.Constituency.Name);
    }

    [Fact]
    public void LargestAndSmallestMajority_2024Night_MarkEachNewRecordAndNothingElse()
    {
        int? largest = null, smallest = null;
        List<string> larger = [], smaller = [];
        foreach (var (seat, _) in _night.Declared)
        {
            if (largest is { } l && seat.Majority > l)
            {
                larger.Add(seat.Constituency.Code);
            }

            if (smallest is { } s && seat.Majority < s)
            {
                smaller.Add(seat.Constituency.Code);
            }

            largest = Math.Max(largest ?? seat.Majority, seat.Majority);
            smallest = Math.Min(smallest ?? seat.Majority, seat.Majority);
        }

        Assert.Equal(larger, Flagged(NotableKind.LargestMajority));
        Assert.Equal(smaller, Flagged(NotableKind.SmallestMajority));
        Assert.NotEmpty(larger);
        Assert.NotEmpty(smaller);
    }

    [Fact]
    public void BigSwingAndTurnoutChange_2024Night_FollowTheirThresholds()
    {
        var swings = _night.Declared.Count(d => d.Seat.Swing?.Value >= 15);
        var turnouts = _night.Declared.Count(d => Math.Abs(d.Seat.TurnoutChange ?? 0) >= 10);

        Assert.Equal(swings, Flagged(NotableKind.BigSwing).Count);
        Assert.Equal(turnouts, Flagged(NotableKind.TurnoutChange).Count);
        Assert.InRange(swings, 1, 649);

        var stricter = DeskNight2024.Replay(_night.Election, _night.Order, new NotabilityOptions { BigSwing = 25, TurnoutChange = 15 });
        Assert.Equal(_night.Declared.Count(d => d.Seat.Swing?.Value >= 25), stricter.Count(d => d.Reasons.Any(r => r.Kind == NotableKind.BigSwing)));
        Assert.True(stricter.Count(d => d.Reasons.Any(r => r.Kind == NotableKind.BigSwing)) < swings);
    }

    [Fact]
    public void ExitPollGap_2024Night_MarksTheMomentTheProjectionMovesBeyondTheThresholdFromTheExitPoll()
    {
        // Independently: the projection after each declaration against the poll, and where a party first goes 10 or more away
        // (the projection is anchored on the poll, so on the 2024 night it never strays 20 seats).
        var tally = new NationalTally(_night.Election);
        tally.SetExitPoll(DeskNight2024.ExitPoll);
        var beyond = new HashSet<string>(StringComparer.Ordinal);
        var moments = new List<string>();
        foreach (var declaration in _night.Order)
        {
            tally.Apply(SeatCalculator.Calculate(_night.Election, declaration));
            if (tally.Declared < 50)
            {
                continue;
            }

            var projection = tally.Project();
            foreach (var forecast in DeskNight2024.ExitPoll.Parties.Where(p => _night.Election.PartyIndex(p.Party) >= 0))
            {
                var gap = Math.Abs((projection.Seats.FirstOrDefault(s => s.Party.Code == forecast.Party)?.Seats ?? 0) - forecast.Seats);
                if (gap < 10)
                {
                    beyond.Remove(forecast.Party);
                }
                else if (beyond.Add(forecast.Party))
                {
                    moments.Add($"{declaration.Constituency} {forecast.Party}");
                }
            }
        }

        var flagged = DeskNight2024.Replay(_night.Election, _night.Order, new NotabilityOptions { ExitPollGap = 10 })
            .SelectMany(d => d.Reasons.Where(r => r.Kind == NotableKind.ExitPollGap).Select(r => $"{d.Seat.Constituency.Code} {PartyIn(r.Text)}"))
            .ToList();

        Assert.NotEmpty(moments);
        Assert.Equal(moments, flagged);
    }

    [Fact]
    public void Declared_SameNightTwice_GivesTheSameReasons()
    {
        var again = DeskNight2024.Replay(_night.Election, _night.Order, NotabilityOptions.Default);

        Assert.Equal(_night.Declared.Select(d => d.Reasons), again.Select(d => d.Reasons), new ReasonsComparer());
    }

    [Fact]
    public void Recount_StatusBeforeTheDeclaration_IsGivenOnceToTheNextDeclaration()
    {
        var election = TestElection.Create();
        var tally = new NationalTally(election);
        var notability = new Notability(election);
        notability.StatusChanged("X01", SeatStatus.Recount, null);

        var first = Apply(tally, notability, TestElection.Declare("X01", 1, ("Ann Red", "Lab", 20_000), ("Bob Blue", "Con", 10_000), ("Cat Orange", "LD", 1_000)));
        var corrected = Apply(tally, notability, TestElection.Declare("X01", 2, ("Ann Red", "Lab", 20_010), ("Bob Blue", "Con", 10_000), ("Cat Orange", "LD", 1_000)));

        Assert.Equal("Northtown declared after a recount.", Assert.Single(first, r => r.Kind == NotableKind.Recount).Text);
        Assert.DoesNotContain(corrected, r => r.Kind == NotableKind.Recount);
    }

    [Fact]
    public void WinnerCorrected_CorrectionThatChangesTheWinner_SaysWhoWinsNow()
    {
        var election = TestElection.Create();
        var tally = new NationalTally(election);
        var notability = new Notability(election);
        var first = Apply(tally, notability, TestElection.Declare("X01", 1, ("Ann Red", "Lab", 20_000), ("Bob Blue", "Con", 19_990), ("Cat Orange", "LD", 1_000)));
        var sameWinner = Apply(tally, notability, TestElection.Declare("X01", 2, ("Ann Red", "Lab", 20_000), ("Bob Blue", "Con", 19_995), ("Cat Orange", "LD", 1_000)));
        var newWinner = Apply(tally, notability, TestElection.Declare("X01", 3, ("Ann Red", "Lab", 20_000), ("Bob Blue", "Con", 20_005), ("Cat Orange", "LD", 1_000)));

        Assert.DoesNotContain(first, r => r.Kind == NotableKind.WinnerCorrected);
        Assert.DoesNotContain(sameWinner, r => r.Kind == NotableKind.WinnerCorrected);
        Assert.Equal("Correction: Bob Blue (Con) wins Northtown, not Ann Red (Lab) as revision 2 said.", Assert.Single(newWinner, r => r.Kind == NotableKind.WinnerCorrected).Text);
        Assert.Contains(newWinner, r => r.Kind == NotableKind.Gain);
        Assert.Equal(1, tally.Snapshot().Party("Con")!.Seats);
    }

    [Fact]
    public void LargestAndSmallestMajority_CorrectionOfTheRecordHolder_SetsNoRecordAgainstItself()
    {
        var election = TestElection.Create();
        var tally = new NationalTally(election);
        var notability = new Notability(election);
        Apply(tally, notability, TestElection.Declare("X01", 1, ("Ann Red", "Lab", 20_000), ("Bob Blue", "Con", 10_000), ("Cat Orange", "LD", 1_000)));
        Apply(tally, notability, TestElection.Declare("X02", 1, ("Dan Red", "Lab", 9_000), ("Eve Blue", "Con", 20_000), ("Fay Free", "Ind", 1_000)));

        var corrected = Apply(tally, notability, TestElection.Declare("X02", 2, ("Dan Red", "Lab", 9_000), ("Eve Blue", "Con", 9_500), ("Fay Free", "Ind", 1_000)));
        var next = Apply(tally, notability, TestElection.Declare("X03", 1, ("Gus Red", "Lab", 9_000), ("Hal Blue", "Con", 9_100), ("Ivy Teal", "RUK", 1_000)));

        Assert.DoesNotContain(corrected, r => r.Kind is NotableKind.SmallestMajority or NotableKind.LargestMajority);
        Assert.Contains(next, r => r.Kind == NotableKind.SmallestMajority);
    }

    [Fact]
    public void Names_HostileCharacters_StayOnOneLineInEveryReason()
    {
        var seats = new[] { new Constituency("X01", "Ynys Môn \"<&>\" 'Нью'\nline", "North", "Wales", 50_000) };
        var nominations = new Dictionary<string, IReadOnlyList<Nomination>>
        {
            ["X01"] = [new("Zoë \"<b>\" O'Brien\r\n& 李", "Lab"), new("Sion Jones", "PC", SittingMp: true)],
        };
        var baseline = new Baseline(BaselineKind.Notional, "test notional", new Dictionary<string, BaselineResult>
        {
            ["X01"] = new("X01", new Dictionary<string, int> { ["PC"] = 20_000, ["Lab"] = 10_000 }, 30_000, "PC", 60),
        });
        var election = new Election("t", "T", seats, nominations, baseline);
        var tally = new NationalTally(election);

        var reasons = Apply(tally, new Notability(election), new Declaration("X01", 1, DateTimeOffset.UnixEpoch, 50_000, 0, [new("Zoë \"<b>\" O'Brien\r\n& 李", "Lab", 20_000), new("Sion Jones", "PC", 10_000)]));

        Assert.Contains(reasons, r => r.Kind == NotableKind.SittingMpDefeated);
        Assert.All(reasons, r => Assert.DoesNotContain(r.Text, c => char.IsControl(c)));
        Assert.Contains(reasons, r => r.Text.Contains("Zoë \"<b>\" O'Brien & 李", StringComparison.Ordinal));
    }

    private static IReadOnlyList<NotableReason> Apply(NationalTally tally, Notability notability, Declaration declaration)
    {
        var seat = SeatCalculator.Calculate(tally.Election, declaration);
        var previous = tally.Seat(seat.Constituency.Code);
        tally.Apply(seat);
        return notability.Declared(seat, previous, tally);
    }

    private List<string> Flagged(NotableKind kind) =>
        [.. _night.Declared.Where(d => d.Reasons.Any(r => r.Kind == kind)).Select(d => d.Seat.Constituency.Code)];

    private string PartyIn(string text) =>
        DeskNight2024.ExitPoll.Parties.Select(p => p.Party).Single(code => text.Contains($"gives {HouseStyle.PartyName(_night.Election, code)} ", StringComparison.Ordinal));

    private sealed class ReasonsComparer : IEqualityComparer<IReadOnlyList<NotableReason>>
    {
        public bool Equals(IReadOnlyList<NotableReason>? x, IReadOnlyList<NotableReason>? y) => x!.SequenceEqual(y!);

        public int GetHashCode(IReadOnlyList<NotableReason> obj) => obj.Count;
    }

    /// <summary>A CSV file read by the tests' own splitting, so the check does not lean on the code under test.</summary>
    private static class RawCsv
    {
        public static List<Dictionary<string, string>> Read(string path)
        {
            var lines = File.ReadAllLines(path, Encoding.UTF8);
            var header = LibraryCsv.Fields(lines[0].TrimStart('\uFEFF'));
            return [.. lines.Skip(1).Where(l => l.Length > 0).Select(l => LibraryCsv.Fields(l).Select((v, i) => (header[i], v)).ToDictionary(x => x.Item1, x => x.v, StringComparer.Ordinal))];
        }
    }
}
