using System.Text.Json;

using ResultsLive.Core.Model;

using StackExchange.Redis;

using static ResultsLive.Feed.Tests.LegacyFixtureElection;
using static ResultsLive.Feed.Tests.TestElection;

namespace ResultsLive.Feed.Tests;

/// <summary>
/// A journal written by the previous format (Fixtures/journal-legacy.txt, dumped from a real Redis by the code of that
/// time) loaded into a fresh redis-server: today's code must read it, rebuild the same results, recognise repeats of its
/// declarations, and carry on appending after it.
/// </summary>
public sealed class LegacyJournalTests(RedisFixture redis) : IClassFixture<RedisFixture>, IAsyncLifetime, IDisposable
{
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(60));
    private readonly Election _election = LegacyFixtureElection.Create();
    private readonly string _electionId = "legacy-" + Guid.NewGuid().ToString("N");
    private ConnectionMultiplexer _connection = null!;
    private RedisDeclarationJournal _journal = null!;

    private CancellationToken Ct => _timeout.Token;

    public async Task InitializeAsync()
    {
        _connection = await ConnectionMultiplexer.ConnectAsync(redis.Server.ConnectionString);
        await LoadFixtureAsync(_connection.GetDatabase(), $"resultslive:{{{_electionId}}}:");
        _journal = new RedisDeclarationJournal(_connection, _electionId);
    }

    public async Task DisposeAsync() => await _connection.DisposeAsync();

    public void Dispose() => _timeout.Dispose();

    [Fact]
    public async Task Read_LegacyEntries_GivesEachAsItWasWritten()
    {
        var entries = await _journal.ReadAfterAsync(0, 100, Ct).ToListAsync(Ct);

        Assert.Equal(Enumerable.Range(1, 8).Select(i => (long)i), entries.Select(e => e.Sequence));
        Assert.Equal(
            [
                (JournalEntryKind.Status, AlphaNorth), (JournalEntryKind.Declaration, AlphaNorth), (JournalEntryKind.Declaration, YnysMon),
                (JournalEntryKind.Declaration, AlphaNorth), (JournalEntryKind.Status, BetaSouth), (JournalEntryKind.Declaration, BetaSouth),
                (JournalEntryKind.Declaration, DeltaFirth), (JournalEntryKind.Status, DeltaFirth),
            ],
            entries.Select(e => (e.Kind, e.Constituency)));
        Assert.Equal([SeatStatus.Counting, SeatStatus.Recount, SeatStatus.Awaiting], entries.Where(e => e.Status is not null).Select(e => e.Status!.Value));
        Assert.All(entries, e => Assert.Equal((WrittenAt, (Provenance?)null), (e.RecordedAt, e.Provenance)));
        var welsh = LegacyDeclarations()[1];
        var read = entries[2].Declaration!;
        Assert.Equal("Siân O'Brien-Llŷr", read.Candidates[2].Name);
        Assert.Equal(welsh.Candidates, read.Candidates);
        Assert.Equal((welsh.DeclaredAt, welsh.DeclaredAt.Offset, welsh.Electorate, welsh.InvalidVotes), (read.DeclaredAt, read.DeclaredAt.Offset, read.Electorate, read.InvalidVotes));
    }

    [Fact]
    public async Task Rebuild_LegacyJournal_GivesTheSameResultsAsTheSameNightWrittenToday()
    {
        var today = new InMemoryDeclarationJournal();
        var declarations = LegacyDeclarations();
        await today.AppendStatusAsync(AlphaNorth, SeatStatus.Counting, Sent, Ct);
        await today.AppendDeclarationAsync(declarations[0], Sent, Ct);
        await today.AppendDeclarationAsync(declarations[1], Sent, Ct);
        await today.AppendDeclarationAsync(declarations[2], Sent, Ct);
        await today.AppendStatusAsync(BetaSouth, SeatStatus.Recount, Sent, Ct);
        await today.AppendDeclarationAsync(declarations[3], Sent, Ct);
        await today.AppendDeclarationAsync(declarations[4], Sent, Ct);
        await today.AppendStatusAsync(DeltaFirth, SeatStatus.Awaiting, Sent, Ct);

        var legacy = await RebuildAsync(_journal);
        var expected = await RebuildAsync(today);

        Assert.Equal((8L, 0), (legacy.Sequence, legacy.QuarantinedCount));
        Assert.Equal((3, "PC", "Siân O'Brien-Llŷr"), (legacy.National.Declared, legacy.Seat(YnysMon)!.Winner.Party, legacy.Seat(YnysMon)!.Candidates[2].Name));
        Assert.Equal(SnapshotFingerprint.Of(expected), SnapshotFingerprint.Of(legacy));
    }

    [Fact]
    public async Task AppendDeclaration_RepeatsOfLegacyRevisions_AreRepeatsWhicheverShapeTheyComeIn()
    {
        var declarations = LegacyDeclarations();
        var welsh = declarations[1];

        var exact = await _journal.AppendDeclarationAsync(declarations[0], Sent, Ct);
        var reshaped = await _journal.AppendDeclarationAsync(
            welsh with { DeclaredAt = welsh.DeclaredAt.ToUniversalTime(), Candidates = [.. welsh.Candidates.Reverse()] }, Provenance.User("alice"), Ct);
        var withdrawn = await _journal.AppendDeclarationAsync(declarations[4], Sent, Ct);
        var changed = await _journal.AppendDeclarationAsync(welsh with { InvalidVotes = 7 }, Sent, Ct);
        var superseded = await _journal.AppendDeclarationAsync(declarations[0] with { InvalidVotes = 7 }, Sent, Ct);

        Assert.Equal(new AppendResult(AppendOutcome.Repeated, 2, 2), exact);
        Assert.Equal(new AppendResult(AppendOutcome.Repeated, 3, 1), reshaped);
        Assert.Equal(new AppendResult(AppendOutcome.Repeated, 7, 1), withdrawn);
        Assert.Equal(new AppendResult(AppendOutcome.Conflict, 0, 1), changed);
        Assert.Equal(new AppendResult(AppendOutcome.Stale, 0, 2), superseded);
        var rebuilt = await RebuildAsync(_journal);
        Assert.Equal((8L, (Core.Arithmetic.SeatResult?)null), (rebuilt.Sequence, rebuilt.Seat(DeltaFirth)));
    }

    [Fact]
    public async Task Append_AfterALegacyJournal_CarriesOnItsSequencesInTheNewFormatUnderANewEpoch()
    {
        var epochBefore = (await _journal.CheckAsync(Ct)).Epoch;

        var declared = await _journal.AppendDeclarationAsync(Declare(_election, GammaVale, 1, 20_000, 9_000, 6_000), Sent, Ct);
        var corrected = await _journal.AppendDeclarationAsync(LegacyDeclarations()[1] with { Revision = 2 }, Sent, Ct);
        var status = await _journal.AppendStatusAsync(GammaVale, SeatStatus.Recount, Sent, Ct);

        var entries = await _journal.ReadAfterAsync(0, 100, Ct).ToListAsync(Ct);
        var stream = await _connection.GetDatabase().StreamRangeAsync(_journal.JournalKey, "0-9", "+");
        var rebuilt = await RebuildAsync(_journal);
        Assert.Null(epochBefore);
        Assert.Equal((AppendOutcome.Appended, 9L, AppendOutcome.Appended, 10L, 11L), (declared.Outcome, declared.Sequence, corrected.Outcome, corrected.Sequence, status));
        Assert.Equal(11, entries.Count);
        Assert.All(entries.Take(8), e => Assert.Null(e.Provenance));
        Assert.All(entries.Skip(8), e => Assert.Equal(Sent, e.Provenance));
        Assert.All(stream, e => Assert.Equal("1", (string?)e["v"]));
        Assert.Equal(new JournalPosition((await _journal.CheckAsync(Ct)).Epoch!, 11), await _journal.GetPositionAsync(Ct));
        Assert.Equal((11L, 4, 2), (rebuilt.Sequence, rebuilt.National.Declared, rebuilt.Seat(YnysMon)!.Revision));
    }

    /// <summary>The declarations the fixture holds, in the order they were appended (AlphaNorth 1, Ynys Môn, AlphaNorth 2, BetaSouth, DeltaFirth).</summary>
    private List<Declaration> LegacyDeclarations() =>
    [
        Declare(_election, AlphaNorth, 1, 21_000, 14_000, 3_000, 1_000),
        Declare(_election, YnysMon, 1, 10_590, 9_953, 7_619) with { DeclaredAt = new DateTimeOffset(2024, 7, 5, 4, 12, 0, TimeSpan.FromHours(1)) },
        Declare(_election, AlphaNorth, 2, 12_000, 14_000, 3_000, 1_000),
        Declare(_election, BetaSouth, 1, 20_000, 9_000, 6_000),
        Declare(_election, DeltaFirth, 1, 18_000, 15_000, 5_000),
    ];

    private async Task<LiveSnapshot> RebuildAsync(IDeclarationJournal journal)
    {
        var live = new LiveResults(_election, "test");
        using var consumer = new JournalConsumer(journal, live, new ListLogger<JournalConsumer>());
        await consumer.StartAsync(Ct);
        await live.Ready.WaitAsync(Ct);
        await consumer.StopAsync(Ct);
        return live.Current;
    }

    /// <summary>Writes every key the fixture lists under <paramref name="prefix"/>, exactly as it was dumped.</summary>
    private static async Task LoadFixtureAsync(IDatabase db, string prefix)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Fixtures", "journal-legacy.txt");
        foreach (var line in await File.ReadAllLinesAsync(path))
        {
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var parts = JsonSerializer.Deserialize<string[]>(line)!;
            var key = prefix + parts[1];
            switch (parts[0])
            {
                case "stream":
                    var fields = parts.Skip(3).Chunk(2).Select(f => new NameValueEntry(f[0], f[1])).ToArray();
                    await db.StreamAddAsync(key, fields, messageId: parts[2]);
                    break;
                case "hash":
                    await db.HashSetAsync(key, parts[2], parts[3]);
                    break;
                case "string":
                    await db.StringSetAsync(key, parts[2]);
                    break;
                default:
                    throw new InvalidDataException($"the fixture has a line of unknown type: {line}");
            }
        }
    }
}
