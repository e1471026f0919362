using System.Globalization;
using System.Net;
using System.Text.Json;

using ResultsLive.Web.Tests.Hosting;

namespace ResultsLive.Web.Tests.Api;

/// <summary>
/// <c>GET /api/v1/swingometer</c> on a real node after every third 2024 seat (in the Library's order) has declared, its
/// numbers checked against the Library's 2024 and notional 2019 files read here, apart from the importer and Core.
/// </summary>
[Collection(SwingometerNight.Collection)]
public sealed class SwingometerApiTests(SwingometerNight night)
{
    [Fact]
    public async Task Swingometer_LabAndCon_SwingIsTheLikeForLikeButlerSwingOfTheDeclaredSeats()
    {
        using var json = await night.Node.GetJsonAsync("/api/v1/swingometer?a=lab&b=CON");

        var root = json.RootElement;
        var declared = night.Declared.Where(c => Files.Notional[c].Votes.GetValueOrDefault("Lab") > 0 || Files.Now[c].Votes.GetValueOrDefault("Lab") > 0)
            .Where(c => Files.Notional[c].Votes.GetValueOrDefault("Con") > 0 || Files.Now[c].Votes.GetValueOrDefault("Con") > 0).ToList();
        double Change(string party) =>
            (night.Declared.Sum(c => (double)Files.Now[c].Votes.GetValueOrDefault(party)) * 100 / night.Declared.Sum(c => (double)Files.Now[c].Total))
            - (night.Declared.Sum(c => (double)Files.Notional[c].Votes.GetValueOrDefault(party)) * 100 / night.Declared.Sum(c => (double)Files.Notional[c].Total));
        var toLab = (Change("Lab") - Change("Con")) / 2;

        Assert.Equal(("Lab", "Con", "uk"), (
            root.GetProperty("partyA").GetProperty("code").GetString(), root.GetProperty("partyB").GetProperty("code").GetString(), root.GetProperty("scope").GetString()));
        Assert.Equal(toLab, root.GetProperty("swingToA").GetDouble(), 9);
        Assert.Equal(("Con", "Lab"), (root.GetProperty("swing").GetProperty("from").GetString(), root.GetProperty("swing").GetProperty("to").GetString()));
        Assert.Equal(toLab, root.GetProperty("swing").GetProperty("value").GetDouble(), 9);
        Assert.Equal(declared.Count, root.GetProperty("declared").GetInt32());
        Assert.Equal(night.Sequence, root.GetProperty("sequence").GetInt64());
    }

    [Fact]
    public async Task Swingometer_LabAndCon_SeatsAlongTheDialAreEveryConAndLabSeatWithinRangeAtHalfTheGap()
    {
        using var json = await night.Node.GetJsonAsync("/api/v1/swingometer?a=Lab&b=Con");

        var root = json.RootElement;
        var range = root.GetProperty("range").GetDouble();
        var swing = root.GetProperty("swingToA").GetDouble();
        Assert.Equal(Math.Max(25, Math.Ceiling((Math.Abs(swing) + 5) / 5) * 5), range);

        // Con's seats are Labour's targets (a swing to Lab, positive); Labour's are Con's (negative).
        var expected = Files.Notional
            .Where(s => s.Value.Winner is "Con" or "Lab")
            .Select(s =>
            {
                var (lab, con) = (s.Value.Share("Lab"), s.Value.Share("Con"));
                return (Code: s.Key, s.Value.Winner, Needed: s.Value.Winner == "Con" ? (con - lab) / 2 : -(lab - con) / 2);
            })
            .Where(s => Math.Abs(s.Needed) <= range)
            .ToDictionary(s => s.Code);
        var seats = root.GetProperty("seats").EnumerateArray().ToList();
        Assert.Equal("constituency name swingNeeded baselineWinner status winner won swing falls", string.Join(' ', seats[0].EnumerateObject().Select(p => p.Name)));
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), seats.Select(s => s.GetProperty("constituency").GetString()!).Order(StringComparer.Ordinal));
        var needed = seats.Select(s => s.GetProperty("swingNeeded").GetDouble()).ToList();
        Assert.Equal(needed.Order(), needed);
        Assert.Equal(
            Files.Notional.Count(s => s.Value.Winner is "Con" or "Lab") - seats.Count,
            root.GetProperty("offDial").GetInt32());

        foreach (var seat in seats)
        {
            var code = seat.GetProperty("constituency").GetString()!;
            var known = expected[code];
            Assert.Equal(known.Needed, seat.GetProperty("swingNeeded").GetDouble(), 9);
            Assert.Equal(known.Winner, seat.GetProperty("baselineWinner").GetString());
            var isDeclared = night.Declared.Contains(code);
            Assert.Equal(isDeclared ? "declared" : "awaiting", seat.GetProperty("status").GetString());
            var falls = known.Needed > 0 && known.Needed <= swing;
            Assert.Equal(falls, seat.GetProperty("falls").GetBoolean());
            if (!isDeclared)
            {
                Assert.Equal((JsonValueKind.Null, JsonValueKind.Null, false), (seat.GetProperty("winner").ValueKind, seat.GetProperty("swing").ValueKind, seat.GetProperty("won").GetBoolean()));
                continue;
            }

            var winner = Files.Now[code].Winner;
            Assert.Equal(winner, seat.GetProperty("winner").GetString());
            Assert.Equal(winner == (known.Winner == "Con" ? "Lab" : "Con"), seat.GetProperty("won").GetBoolean());
            Assert.Equal(Files.SwingToLab(code), seat.GetProperty("swing").GetDouble(), 9);
        }

        Assert.Equal(seats.Count(s => s.GetProperty("falls").GetBoolean()), root.GetProperty("falling").GetInt32());
        Assert.Equal(
            seats.Count(s => s.GetProperty("falls").GetBoolean() && s.GetProperty("winner").GetString() is { } w && w != s.GetProperty("baselineWinner").GetString()),
            root.GetProperty("fallingChangedHands").GetInt32());
        Assert.Contains(seats, s => s.GetProperty("falls").GetBoolean() && s.GetProperty("won").GetBoolean());
    }

    [Fact]
    public async Task Swingometer_LabAndCon_BuckedTheTrendAreTheDeclaredSeatsThatSwungToCon()
    {
        using var json = await night.Node.GetJsonAsync("/api/v1/swingometer?a=Lab&b=Con");

        var bucked = json.RootElement.GetProperty("buckedTheTrend").EnumerateArray().ToList();
        var further = json.RootElement.GetProperty("further").EnumerateArray().ToList();
        var country = json.RootElement.GetProperty("swingToA").GetDouble();
        var bothStood = night.Declared.Where(c => Files.Notional[c].Winner is not "Spk" && Files.Now[c].Votes.GetValueOrDefault("Lab") + Files.Notional[c].Votes.GetValueOrDefault("Lab") > 0
            && Files.Now[c].Votes.GetValueOrDefault("Con") + Files.Notional[c].Votes.GetValueOrDefault("Con") > 0).ToList();

        Assert.True(country > 0, "2024 swung to Labour");
        Assert.Equal(
            bothStood.Where(c => Files.SwingToLab(c) < 0).OrderByDescending(c => Math.Abs(Files.SwingToLab(c))).ThenBy(c => c, StringComparer.Ordinal),
            bucked.Select(b => b.GetProperty("constituency").GetString()!));
        Assert.NotEmpty(bucked);
        Assert.All(bucked, b => Assert.Equal(Files.SwingToLab(b.GetProperty("constituency").GetString()!), b.GetProperty("swing").GetDouble(), 9));
        Assert.Equal(
            bothStood.Where(c => Files.SwingToLab(c) > country).Order(StringComparer.Ordinal),
            further.Select(f => f.GetProperty("constituency").GetString()!).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Swingometer_NoParties_IsTheTwoLargestAtTheBaselineInTheScope()
    {
        using var uk = await night.Node.GetJsonAsync("/api/v1/swingometer");
        using var scotland = await night.Node.GetJsonAsync("/api/v1/swingometer?scope=Scotland");
        using var london = await night.Node.GetJsonAsync("/api/v1/swingometer?scope=region-london&b=LD");

        Assert.Equal(("Con", "Lab"), Pair(uk));
        Assert.Equal(("nation-scotland", "Scotland"), (scotland.RootElement.GetProperty("scope").GetString(), scotland.RootElement.GetProperty("area").GetString()));
        Assert.Equal(("SNP", "Con"), Pair(scotland));
        Assert.All(scotland.RootElement.GetProperty("seats").EnumerateArray(), s => Assert.StartsWith("S", s.GetProperty("constituency").GetString(), StringComparison.Ordinal));
        Assert.Equal(("Lab", "LD"), Pair(london));
        Assert.Equal("region-london", london.RootElement.GetProperty("scope").GetString());
    }

    [Theory]
    [InlineData("?a=Whigs", HttpStatusCode.NotFound, "a", "'Whigs' is not a party")]
    [InlineData("?a=Lab&b=Tories", HttpStatusCode.NotFound, "b", "'Tories' is not a party")]
    [InlineData("?a=SNP&scope=wales", HttpStatusCode.NotFound, "a", "'SNP' contests no seat in Wales")]
    [InlineData("?a=Lab&b=lab", HttpStatusCode.BadRequest, "b", "two different parties")]
    [InlineData("?scope=atlantis", HttpStatusCode.NotFound, "scope", "yorkshire-and-the-humber")]
    public async Task Swingometer_BadQuery_IsProblemDetailsNamingTheParameter(string query, HttpStatusCode status, string field, string reason)
    {
        using var client = night.Node.CreateClient();

        using var response = await client.GetAsync(new Uri("/api/v1/swingometer" + query, UriKind.Relative));

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains(reason, problem.RootElement.GetProperty("errors").GetProperty(field)[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Swingometer_SameSequenceAgain_Is304WithTheResultsCaching()
    {
        using var client = night.Node.CreateClient();
        using var first = await client.GetAsync(new Uri("/api/v1/swingometer?a=Lab&b=Con", UriKind.Relative));
        first.EnsureSuccessStatusCode();

        using var again = new HttpRequestMessage(HttpMethod.Get, new Uri("/api/v1/swingometer?a=Lab&b=Con", UriKind.Relative));
        again.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        using var second = await client.SendAsync(again);

        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
        var caching = first.Headers.CacheControl!;
        Assert.Equal((true, TimeSpan.FromSeconds(1)), (caching.Public, caching.MaxAge));
        Assert.Contains(caching.Extensions, e => e.Name == "stale-while-revalidate" && e.Value == "5");
        Assert.Equal(first.Headers.ETag, second.Headers.ETag);
        Assert.Equal("*", first.Headers.GetValues("Access-Control-Allow-Origin").Single());
    }

    private static (string?, string?) Pair(JsonDocument json) =>
        (json.RootElement.GetProperty("partyA").GetProperty("code").GetString(), json.RootElement.GetProperty("partyB").GetProperty("code").GetString());

    /// <summary>The Library's 2024 constituency file and the notional 2019 file, read here with nothing of the importer.</summary>
    internal static class Files
    {
        private static readonly Lazy<Dictionary<string, Seat>> NowOnce = new(() => Read(
            SharedData.Constituencies2024, "ONS ID", "Valid votes", "First party", new() { ["Con"] = "Con", ["Lab"] = "Lab" }));

        private static readonly Lazy<Dictionary<string, Seat>> NotionalOnce = new(() => Read(
            SharedData.Notional2019, "ONS code", "total_votes", "Win19", new() { ["Con"] = "Conv", ["Lab"] = "Labv" }));

        public static Dictionary<string, Seat> Now => NowOnce.Value;

        public static Dictionary<string, Seat> Notional => NotionalOnce.Value;

        /// <summary>Butler swing to Lab from Con in a seat, in points.</summary>
        public static double SwingToLab(string code) =>
            ((Now[code].Share("Lab") - Notional[code].Share("Lab")) - (Now[code].Share("Con") - Notional[code].Share("Con"))) / 2;

        private static Dictionary<string, Seat> Read(string path, string codeColumn, string totalColumn, string winnerColumn, Dictionary<string, string> parties)
        {
            var lines = File.ReadAllLines(path);
            var header = LibraryCsv.Fields(lines[0]);
            int Column(string name) => Array.IndexOf(header, name);
            var seats = new Dictionary<string, Seat>(StringComparer.Ordinal);
            foreach (var fields in lines.Skip(1).Where(l => l.Length > 0).Select(LibraryCsv.Fields))
            {
                long Number(string column) => long.Parse(fields[Column(column)] is { Length: > 0 } v ? v.Replace(",", "", StringComparison.Ordinal) : "0", CultureInfo.InvariantCulture);
                var code = fields[Column(codeColumn)];
                seats[LibraryCsv.CurrentCode(code)] = new Seat(
                    fields[Column(winnerColumn)] is "Spkr" ? "Spk" : fields[Column(winnerColumn)],
                    Number(totalColumn),
                    parties.ToDictionary(p => p.Key, p => Number(p.Value)));
            }

            return seats;
        }
    }

    /// <summary>A seat in one of the files: its winner, its total of valid votes, and Con's and Lab's votes.</summary>
    internal sealed record Seat(string Winner, long Total, Dictionary<string, long> Votes)
    {
        public double Share(string party) => Votes.GetValueOrDefault(party) * 100.0 / Total;
    }
}
