using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;

using CsCheck;

using Microsoft.Extensions.DependencyInjection;

using ResultsLive.Feed;
using ResultsLive.Web.Tests.Hosting;
using ResultsLive.Web.Tests.Security;

using Xunit.Abstractions;

namespace ResultsLive.Web.Tests.Api;

/// <summary>
/// Thousands of generated hostile declarations thrown at a real node's <c>POST /api/v1/declarations</c>: Islington North's
/// true declaration with one to three things broken (wrong types, huge, negative and overflowing numbers, control and
/// bidirectional characters, duplicate, missing and unknown candidates, unknown seats, revisions out of range, times far
/// off, deep nesting, very long strings, implausible figures, an override from a key without the permission), and bodies
/// that are not a declaration at all. Never a 5xx; every refusal is problem details naming a field and changes nothing;
/// whatever is accepted the projection applies (nothing is ever quarantined), overrides included.
/// </summary>
public sealed class HostileIngestPropertyTests(ITestOutputHelper output) : IDisposable
{
    private const int Samples = 2_000;

    private static readonly string[] Fields = ["constituency", "revision", "declaredAt", "electorate", "invalidVotes", "candidates", "override"];

    private static readonly string[] CandidateFields = ["name", "party", "votes"];

    /// <summary>Characters that have broken parsers, terminals and pages: controls, bidirectional overrides, quotes, markup, astral and combining.</summary>
    private const string Awkward = "\u0000\u0007\u001b\t\n\r\u007f\u0085\u00a0\u200b\u200e\u202e\u2028\u2029\ufeff\ufffd\"'\\<>&/{}[]:,é中🗳️\u0301";

    /// <summary>Values that are wrong for any field: the wrong type, out of every range, or not JSON at all.</summary>
    private static readonly Gen<string> HostileValue = Gen.OneOf<string>(
        Gen.OneOf(
            "null", "true", "false", "\"\"", "\"12\"", "[]", "{}", "[1,2]", "{\"a\":1}", "-1", "0", "1.5", "-0", "1e308", "1e999", "-1e999",
            "2147483647", "2147483648", "-2147483649", "9223372036854775807", "99999999999999999999999", "0x10", "NaN", "Infinity",
            "\"\\ud800\"", "\"\\u0000\"", "undefined", "'single'", ""),
        Gen.Int.Select(i => i.ToString(CultureInfo.InvariantCulture)),
        Gen.Long.Select(l => l.ToString(CultureInfo.InvariantCulture)),
        Gen.Char[Awkward].Array[0, 40].Select(c => JsonSerializer.Serialize(new string(c))),
        // The same characters raw, unescaped: not valid JSON.
        Gen.Char[Awkward].Array[1, 10].Select(c => "\"" + new string(c) + "\""),
        Gen.Int[1, 100_000].Select(n => "\"" + new string('x', n) + "\""),
        Gen.Int[2, 3_000].Select(depth => new string('[', depth) + new string(']', depth)),
        Gen.Int[2, 3_000].Select(depth => string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth)));

    /// <summary>Figures of the right type that are wrong or implausible for Islington North.</summary>
    private static readonly Gen<(string Field, string Value)> WrongFigure = Gen.OneOf<(string Field, string Value)>(
        Gen.OneOf("0", "-1", "727520", "7285", "10000001", "150001", "2147483647").Select(v => ("electorate", v)),
        Gen.OneOf("-1", "20000", "10000001", "2147483647").Select(v => ("invalidVotes", v)),
        Gen.OneOf("0", "-1", "1000001", "2147483647", "-2147483648").Select(v => ("revision", v)),
        Gen.OneOf(
            "\"9999-12-31T23:59:59+14:00\"", "\"0001-01-01T00:00:00Z\"", "\"2099-07-05T03:42:00+01:00\"", "\"2024-07-05T03:42:00\"",
            "\"2024-02-30T03:42:00Z\"", "\"tonight\"", "\"2024-07-05T03:42:00+25:00\"").Select(v => ("declaredAt", v)),
        Gen.OneOf(
            "\"E99999999\"", "\"\"", "\" \"", "\"W07000001\"", "\"E14001305\\u0000\"", "\"Islington North\"", "\"../E14001305\"", "\"%45%31%34\"")
            .Select(v => ("constituency", v)),
        Gen.OneOf("{}", "{\"reason\":\"the returning officer confirmed it\"}", "{\"reason\":null}", "{\"reason\":\"\"}", "\"yes\"")
            .Select(v => ("override", v)));

    private static readonly Gen<Mutation> OneMutation = Gen.Frequency<Mutation>(
        (4, Gen.Select(Gen.Int[0, Fields.Length - 1], HostileValue, (f, v) => (Mutation)(b => b.Set(Fields[f], v)))),
        (5, WrongFigure.Select(w => (Mutation)(b => b.Set(w.Field, w.Value)))),
        (2, Gen.Int[0, Fields.Length - 1].Select(f => (Mutation)(b => b.Remove(Fields[f])))),
        (1, Gen.Select(Gen.Char["abcdefghijklmnopqrstuvwxyzCONSTITUENCY"].Array[1, 12].Select(c => new string(c)), HostileValue, (name, v) => (Mutation)(b => b.Set(name, v)))),
        (4, Gen.Select(Gen.Int[0, 9], Gen.Int[0, CandidateFields.Length - 1], HostileValue, (i, f, v) => (Mutation)(b => b.SetCandidate(i, CandidateFields[f], v)))),
        (3, Gen.Select(Gen.Int[0, 9], Gen.OneOf(
                "-1", "0", "72853", "10000000", "10000001", "2147483647", "1073741824", "24121"),
            (i, v) => (Mutation)(b => b.SetCandidate(i, "votes", v)))),
        (2, Gen.Int[0, 9].Select(i => (Mutation)(b => b.RemoveCandidate(i)))),
        (2, Gen.Int[0, 9].Select(i => (Mutation)(b => b.DuplicateCandidate(i)))),
        (1, Gen.Select(HostileValue, HostileValue, (name, party) => (Mutation)(b => b.AddCandidate(name, party)))),
        // Every candidate at the same huge figure: each in range, the sum past 32 bits.
        (2, Gen.OneOf(int.MaxValue / 2, 9_999_999, 400_000_000).Select(v => (Mutation)(b => b.SetAllVotes(v)))));

    /// <summary>A body: the true declaration with one to three mutations, a true correction of it, or something that is not a declaration at all.</summary>
    private static readonly Gen<string> Bodies = Gen.Frequency<string>(
        (20, OneMutation.Array[1, 3].Select(mutations =>
        {
            var body = new Body();
            foreach (var mutate in mutations)
            {
                mutate(body);
            }

            return body.ToString();
        })),
        // True declarations and corrections among them, so that state moves and refusals are judged against a changing night.
        (1, Gen.Int[1, 40].Select(revision =>
        {
            var body = new Body();
            body.Set("revision", revision.ToString(CultureInfo.InvariantCulture));
            body.SetCandidate(6, "votes", (32 + revision).ToString(CultureInfo.InvariantCulture));
            return body.ToString();
        })),
        (2, HostileValue),
        (1, Gen.OneOf("{", "{\"constituency\":", "{}", "{\"candidates\":[null]}", "[{}]", "{\"constituency\":\"E14001305\"}{}", "\u00ef\u00bb\u00bf{}")));

    private readonly WebNode _node = WebNode.For2024(PlausibilityApiTests.Settings());

    public void Dispose() => _node.Dispose();

    [Fact]
    public async Task Post_ThousandsOfHostileDeclarations_NeverA5xxEveryRefusalNamesAFieldAndChangesNothingNothingQuarantined()
    {
        var live = _node.Services.GetRequiredService<LiveResults>();
        var journal = _node.Services.GetRequiredService<IDeclarationJournal>();
        // Half the bodies come from a key that may override, so a reason gets past the plausibility checks and what stands
        // behind them (the validator's bounds) is tested too; the other half from an ingest-only key, refused any override.
        using var ingest = Key(Newsroom.IngestKey);
        using var desk = Key(PlausibilityApiTests.DeskKey);
        var before = await StateAsync(journal);
        var accepted = 0;
        var refused = new Dictionary<HttpStatusCode, int>();

        await Gen.Select(Gen.Bool, Bodies).SampleAsync(
            async (overrider, text) =>
            {
                var client = overrider ? desk : ingest;
                using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(text));
                content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
                using var response = await client.PostAsync(new Uri("/api/v1/declarations", UriKind.Relative), content);
                var answer = await response.Content.ReadAsStringAsync();
                var status = (int)response.StatusCode;

                Assert.True(status is >= 200 and < 500, $"{status} for {Shorten(text)}: {answer}");
                Assert.Equal(0, live.Current.QuarantinedCount);
                if (status < 300)
                {
                    // Accepted (202) or an identical repeat (200): the projection has applied it, so the state moves on from here.
                    var sequence = JsonDocument.Parse(answer).RootElement.GetProperty("sequence").GetInt64();
                    Assert.True(live.Current.Sequence >= sequence, $"sequence {sequence} was accepted but the projection is at {live.Current.Sequence}");
                    accepted++;
                    before = await StateAsync(journal);
                    return;
                }

                Assert.True("application/problem+json" == response.Content.Headers.ContentType?.MediaType, $"{status} without problem details for {Shorten(text)}: {answer}");
                var errors = JsonDocument.Parse(answer).RootElement.GetProperty("errors");
                Assert.True(errors.EnumerateObject().Any(e => e.Name.Length > 0 && e.Value.GetArrayLength() > 0), $"{status} names no field for {Shorten(text)}: {answer}");
                refused[response.StatusCode] = refused.GetValueOrDefault(response.StatusCode) + 1;
                Assert.Equal(before, await StateAsync(journal));
            },
            iter: Samples,
            threads: 1,
            print: t => $"{(t.Item1 ? "desk" : "ingest")} key: {Shorten(t.Item2)}");

        // The generator reaches every kind of refusal, and now and then a body that is a true declaration after all.
        Assert.All(
            [HttpStatusCode.BadRequest, HttpStatusCode.NotFound, HttpStatusCode.Conflict, HttpStatusCode.UnprocessableEntity, HttpStatusCode.Forbidden, HttpStatusCode.RequestEntityTooLarge],
            code => Assert.True(refused.GetValueOrDefault(code) > 0, $"no {code} among {string.Join(", ", refused)}"));
        Assert.True(accepted > 0, $"nothing accepted among {Samples}");
        output.WriteLine($"{Samples} bodies: {accepted} accepted, refused {string.Join(", ", refused.OrderBy(r => r.Key).Select(r => $"{(int)r.Key} x{r.Value}"))}");
    }

    private HttpClient Key(string key)
    {
        var client = _node.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }

    /// <summary>What a refused request must leave alone: the journal's last sequence, the projection's, and the national results.</summary>
    private async Task<(long Journal, long Projection, string Results)> StateAsync(IDeclarationJournal journal)
    {
        var position = await journal.GetPositionAsync(CancellationToken.None);
        var results = await _node.GetStringAsync("/api/v1/results");
        return (position.LastSequence, _node.Services.GetRequiredService<LiveResults>().Current.Sequence, results);
    }

    private static string Shorten(string text) => text.Length <= 300 ? text : $"{text[..300]}… ({text.Length:N0} characters)";

    private delegate void Mutation(Body body);

    /// <summary>Islington North's true declaration as raw JSON text per field, so a mutation can put anything in, valid JSON or not.</summary>
    private sealed class Body
    {
        private readonly List<KeyValuePair<string, string>> _fields =
        [
            new("constituency", "\"E14001305\""),
            new("revision", "1"),
            new("declaredAt", "\"2024-07-05T03:42:00+01:00\""),
            new("electorate", "72852"),
            new("invalidVotes", "189"),
        ];

        private readonly List<List<KeyValuePair<string, string>>> _candidates =
        [
            Candidate("Jeremy Corbyn", "Ind", 24120),
            Candidate("Praful Nargund", "Lab", 16873),
            Candidate("Sheridan Kates", "Green", 2660),
            Candidate("Karen Harries", "Con", 1950),
            Candidate("Martyn Nelson", "RUK", 1710),
            Candidate("Vikas Aggarwal", "LD", 1661),
            Candidate("Paul Josling", "Ind", 32),
        ];

        private string? _candidatesRaw;
        private bool _candidatesRemoved;

        public void Set(string field, string value)
        {
            if (field == "candidates")
            {
                _candidatesRaw = value;
                return;
            }

            var at = _fields.FindIndex(f => f.Key == field);
            if (at >= 0)
            {
                _fields[at] = new(field, value);
            }
            else
            {
                _fields.Add(new(field, value));
            }
        }

        public void Remove(string field)
        {
            if (field == "candidates")
            {
                _candidatesRemoved = true;
            }

            _fields.RemoveAll(f => f.Key == field);
        }

        public void SetCandidate(int index, string field, string value)
        {
            if (_candidates.Count == 0)
            {
                return;
            }

            var candidate = _candidates[index % _candidates.Count];
            var at = candidate.FindIndex(f => f.Key == field);
            candidate[at] = new(field, value);
        }

        public void RemoveCandidate(int index)
        {
            if (_candidates.Count > 0)
            {
                _candidates.RemoveAt(index % _candidates.Count);
            }
        }

        public void DuplicateCandidate(int index)
        {
            if (_candidates.Count > 0)
            {
                _candidates.Add([.. _candidates[index % _candidates.Count]]);
            }
        }

        public void AddCandidate(string name, string party) =>
            _candidates.Add([new("name", name), new("party", party), new("votes", "100")]);

        public void SetAllVotes(int votes)
        {
            for (var i = 0; i < _candidates.Count; i++)
            {
                SetCandidate(i, "votes", votes.ToString(CultureInfo.InvariantCulture));
            }
        }

        public override string ToString()
        {
            var fields = _fields.Select(f => $"\"{f.Key}\":{f.Value}").ToList();
            if (!_candidatesRemoved)
            {
                fields.Add("\"candidates\":" + (_candidatesRaw ?? "[" + string.Join(",", _candidates.Select(c => "{" + string.Join(",", c.Select(f => $"\"{f.Key}\":{f.Value}")) + "}")) + "]"));
            }

            return "{" + string.Join(",", fields) + "}";
        }

        private static List<KeyValuePair<string, string>> Candidate(string name, string party, int votes) =>
            [new("name", JsonSerializer.Serialize(name)), new("party", JsonSerializer.Serialize(party)), new("votes", votes.ToString(CultureInfo.InvariantCulture))];
    }
}
