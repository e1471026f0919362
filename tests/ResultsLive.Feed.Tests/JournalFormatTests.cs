using ResultsLive.Core.Model;

using static ResultsLive.Feed.Tests.TestElection;

namespace ResultsLive.Feed.Tests;

public sealed class JournalFormatTests
{
    private const string Now = "2024-07-05T01:30:00.0000000+00:00";

    private readonly Election _election = Create();

    [Fact]
    public void Identity_SameDeclarationInAnotherShape_IsTheSame()
    {
        var declaration = Declare(_election, AlphaNorth, 2, 21_000, 14_000, 3_000, 1_000);

        var reshaped = declaration with
        {
            Constituency = " e14000001 ",
            DeclaredAt = declaration.DeclaredAt.ToUniversalTime(),
            Candidates = [.. declaration.Candidates.Reverse().Select(c => c with { Name = $"  {c.Name.ToUpperInvariant().Replace(" ", "   ", StringComparison.Ordinal)} ", Party = c.Party.ToLowerInvariant() })],
        };

        Assert.Equal(JournalFormat.Identity(declaration), JournalFormat.Identity(reshaped));
        Assert.Matches("^[0-9a-f]{64}$", JournalFormat.Identity(declaration));
    }

    [Fact]
    public void Identity_AnyFigureChanged_Differs()
    {
        var declaration = Declare(_election, AlphaNorth, 2, 21_000, 14_000, 3_000, 1_000);
        var changes = new[]
        {
            declaration with { Constituency = BetaSouth },
            declaration with { Revision = 3 },
            declaration with { DeclaredAt = declaration.DeclaredAt.AddTicks(1) },
            declaration with { Electorate = declaration.Electorate - 1 },
            declaration with { InvalidVotes = declaration.InvalidVotes + 1 },
            declaration with { Candidates = [.. declaration.Candidates.Select((c, i) => i == 3 ? c with { Votes = c.Votes + 1 } : c)] },
            declaration with { Candidates = [.. declaration.Candidates.Select((c, i) => i == 3 ? c with { Name = "Dan Dean" } : c)] },
            declaration with { Candidates = [.. declaration.Candidates.Take(3)] },

            // Two candidates swapping votes: the same multiset of numbers, but not the same result.
            declaration with { Candidates = [.. declaration.Candidates.Select((c, i) => i < 2 ? c with { Votes = declaration.Candidates[1 - i].Votes } : c)] },
        };

        var identities = changes.Select(JournalFormat.Identity).Append(JournalFormat.Identity(declaration)).ToList();

        Assert.Equal(identities.Count, identities.Distinct().Count());
    }

    [Fact]
    public void EncodeDeclaration_ThenDecode_GivesEveryFieldBack()
    {
        var declaration = Declare(_election, BetaSouth, 1, 20_000, 9_000, 6_000) with
        {
            DeclaredAt = new DateTimeOffset(2024, 7, 5, 3, 42, 17, 250, TimeSpan.FromHours(1)),
            Candidates = [new("Siân O'Brien-Llŷr", "Lab", 20_000), new("Fay \"Foxy\" Fox", "Con", 9_000), new("Gus Gray", "Ind", 6_000)],
        };

        var body = JournalFormat.EncodeDeclaration(declaration);
        var entry = JournalFormat.Decode(new StoredEntry(7, "1", "declaration", BetaSouth, Now, "key:reuters-feed", null, body));

        Assert.Contains("Siân O'Brien-Llŷr", body, StringComparison.Ordinal);
        Assert.Equal((7L, JournalEntryKind.Declaration, BetaSouth), (entry.Sequence, entry.Kind, entry.Constituency));
        Assert.Equal(new Provenance("key:reuters-feed"), entry.Provenance);
        var read = entry.Declaration!;
        Assert.Equal(declaration with { Candidates = [] }, read with { Candidates = [] });
        Assert.Equal(declaration.DeclaredAt.Offset, read.DeclaredAt.Offset);
        Assert.Equal(declaration.Candidates, read.Candidates);
    }

    [Fact]
    public void EncodeExitPoll_ThenDecode_GivesEveryFieldBack()
    {
        var exitPoll = new ExitPoll([new("Lab", 410), new("Con", 131), new("Oth", 109)], "BBC/ITV News/Sky News", new DateTimeOffset(2024, 7, 4, 22, 0, 0, TimeSpan.FromHours(1)));

        var entry = JournalFormat.Decode(new StoredEntry(3, "1", "exitPoll", "", Now, "user:alice", null, JournalFormat.EncodeExitPoll(exitPoll)));

        Assert.Equal(JournalEntryKind.ExitPoll, entry.Kind);
        Assert.Equal(exitPoll.Parties, entry.ExitPoll!.Parties);
        Assert.Equal((exitPoll.Source, exitPoll.PublishedAt, exitPoll.PublishedAt.Offset), (entry.ExitPoll.Source, entry.ExitPoll.PublishedAt, entry.ExitPoll.PublishedAt.Offset));
    }

    [Theory]
    [InlineData("1", "counting", SeatStatus.Counting)]
    [InlineData("1", "awaiting", SeatStatus.Awaiting)]
    [InlineData(null, "Recount", SeatStatus.Recount)] // the previous format stored the enum's name
    [InlineData(null, "Declared", SeatStatus.Declared)]
    public void Decode_Status_ReadsBothFormats(string? version, string stored, SeatStatus expected)
    {
        var entry = JournalFormat.Decode(new StoredEntry(2, version, "status", GammaVale, Now, null, null, stored));

        Assert.Equal((JournalEntryKind.Status, (SeatStatus?)expected, (Provenance?)null), (entry.Kind, entry.Status, entry.Provenance));
    }

    [Theory]
    [InlineData("1", "declaration", "{\"constituency\":", "cannot read the declaration")]
    [InlineData("1", "declaration", "not json at all", "cannot read the declaration")]
    [InlineData("1", "declaration", "[1,2,3]", "the body is not a JSON object")]
    [InlineData("1", "declaration", "{\"constituency\":\"E14000001\",\"revision\":1}", "candidates is not a list")]
    [InlineData("1", "declaration", "{\"constituency\":\"E14000001\",\"revision\":1,\"declaredAt\":\"2024-07-05T00:01:00+01:00\",\"electorate\":70000,\"invalidVotes\":0,\"candidates\":[{\"name\":\"Ann Able\",\"party\":\"Lab\",\"votes\":3000000000}]}", "votes is not a whole number within range")]
    [InlineData("1", "declaration", "{\"constituency\":\"E14000001\",\"revision\":1,\"declaredAt\":\"yesterday\",\"electorate\":70000,\"invalidVotes\":0,\"candidates\":[{\"name\":\"Ann Able\",\"party\":\"Lab\",\"votes\":1}]}", "declaredAt is not an ISO 8601 time")]
    [InlineData("1", "declaration", "{\"constituency\":\"E14000001\",\"revision\":1,\"declaredAt\":\"2024-07-05T00:01:00+01:00\",\"electorate\":70000,\"invalidVotes\":0,\"candidates\":[]}", "has no candidates")]
    [InlineData("1", "declaration", null, "has no body")]
    [InlineData("1", "status", "7", "status is not one of")]
    [InlineData("1", "status", null, "status is not one of")]
    [InlineData("1", "exitPoll", "{\"parties\":{}}", "parties is not a list")]
    [InlineData("1", "tombstone", "{}", "unknown kind 'tombstone'")]
    [InlineData("1", null, "{}", "has no kind")]
    [InlineData("2", "declaration", "{}", "format version '2' is newer than this node reads")]
    public void Decode_Unreadable_IsQuarantinedWithTheReasonNeverThrown(string? version, string? kind, string? payload, string reason)
    {
        var entry = JournalFormat.Decode(new StoredEntry(12, version, kind, AlphaNorth, Now, "key:x", null, payload));

        Assert.Equal((12L, JournalEntryKind.Quarantined, AlphaNorth), (entry.Sequence, entry.Kind, entry.Constituency));
        Assert.Null(entry.Declaration);
        Assert.Contains(reason, entry.Problem, StringComparison.Ordinal);
        Assert.Contains("entry 0-12", entry.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_NoRecordedAt_IsQuarantined()
    {
        var entry = JournalFormat.Decode(new StoredEntry(4, "1", "status", null, "tomorrow", null, null, "counting"));

        Assert.Equal((JournalEntryKind.Quarantined, "", DateTimeOffset.UnixEpoch), (entry.Kind, entry.Constituency, entry.RecordedAt));
        Assert.Contains("recordedAt", entry.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_LongGarbage_SummarisesTheRawFieldsBriefly()
    {
        var garbage = new string('x', 10_000);

        var entry = JournalFormat.Decode(new StoredEntry(5, "1", "declaration", AlphaNorth, Now, null, null, garbage));

        Assert.Contains("payload of 10000 characters", entry.Problem, StringComparison.Ordinal);
        Assert.True(entry.Problem!.Length < 400, entry.Problem);
    }
}
