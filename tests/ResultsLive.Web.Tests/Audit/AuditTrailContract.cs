using Microsoft.Extensions.Time.Testing;

using ResultsLive.Web.Audit;
using ResultsLive.Web.Security;

namespace ResultsLive.Web.Tests.Audit;

/// <summary>One body of tests for both audit trails (Redis and memory), with failed sign-ins sampled into each.</summary>
public abstract class AuditTrailContract
{
    private static readonly DateTimeOffset Night = new(2024, 7, 5, 2, 0, 0, TimeSpan.Zero);

    protected abstract IAuditTrail Trail(int capacity = IAuditTrail.Capacity);

    protected abstract ISecurityStore Store(TimeProvider time);

    protected abstract Task<long> StoredCountAsync(IAuditTrail trail);

    [Fact]
    public async Task Read_AfterRecords_GivesThemNewestFirstWithEveryField()
    {
        var trail = Trail();
        await trail.RecordAsync(Event(0, "key:wire", AuditActions.Declaration, "E14001305", "revision 1, sequence 1"));
        await trail.RecordAsync(Event(1, "key:wire", AuditActions.Status, "E14001306", "counting, sequence 2"));

        var page = await trail.ReadAsync(new AuditFilter(), new AuditPaging());

        Assert.Equal([AuditActions.Status, AuditActions.Declaration], page.Events.Select(e => e.Event.Action));
        Assert.Equal(Event(0, "key:wire", AuditActions.Declaration, "E14001305", "revision 1, sequence 1"), page.Events[1].Event);
        Assert.Null(page.Next);
    }

    [Fact]
    public async Task Read_WithFilter_GivesOnlyMatchingEvents()
    {
        var trail = Trail();
        await trail.RecordAsync(Event(0, "user:alice", AuditActions.SignIn, "user:alice", null));
        await trail.RecordAsync(Event(1, ActorNames.Anonymous, AuditActions.SignInFailed, "oscar", "wrong password"));
        await trail.RecordAsync(Event(2, "key:wire", AuditActions.Declaration, "E14001305", null));
        await trail.RecordAsync(Event(3, "user:alice", AuditActions.UserUnlock, "user:oscar", null));

        var signIns = await trail.ReadAsync(new AuditFilter(Action: "signin"), new AuditPaging());
        var alice = await trail.ReadAsync(new AuditFilter(Actor: "ALICE"), new AuditPaging());
        var seat = await trail.ReadAsync(new AuditFilter(Target: "e14001305"), new AuditPaging());
        var window = await trail.ReadAsync(new AuditFilter(From: Night.AddMinutes(1), To: Night.AddMinutes(2)), new AuditPaging());

        Assert.Equal([AuditActions.SignInFailed, AuditActions.SignIn], signIns.Events.Select(e => e.Event.Action));
        Assert.Equal([AuditActions.UserUnlock, AuditActions.SignIn], alice.Events.Select(e => e.Event.Action));
        Assert.Equal(AuditActions.Declaration, Assert.Single(seat.Events).Event.Action);
        Assert.Equal([AuditActions.Declaration, AuditActions.SignInFailed], window.Events.Select(e => e.Event.Action));
    }

    [Fact]
    public async Task Read_PageByPage_GoesBackThroughEveryEventOnce()
    {
        var trail = Trail();
        for (var i = 0; i < 25; i++)
        {
            await trail.RecordAsync(Event(i, "key:wire", AuditActions.Declaration, $"S{i:00}", null));
        }

        var seen = new List<string>();
        string? before = null;
        do
        {
            var page = await trail.ReadAsync(new AuditFilter(), new AuditPaging(before, 10));
            Assert.True(page.Events.Count <= 10);
            seen.AddRange(page.Events.Select(e => e.Event.Target!));
            before = page.Next;
        }
        while (before is not null);

        Assert.Equal(Enumerable.Range(0, 25).Reverse().Select(i => $"S{i:00}"), seen);
    }

    [Fact]
    public async Task Read_WithAHostileCursor_IsTheFirstPage()
    {
        var trail = Trail();
        await trail.RecordAsync(Event(0, "key:wire", AuditActions.Declaration, "E14001305", null));

        var page = await trail.ReadAsync(new AuditFilter(), new AuditPaging("+ ) DEL *", 10));

        Assert.Single(page.Events);
    }

    [Fact]
    public async Task Record_PastCapacity_KeepsTheTrailBounded()
    {
        const int capacity = 100;
        var trail = Trail(capacity);
        for (var i = 0; i < 1000; i++)
        {
            await trail.RecordAsync(Event(i, "key:wire", AuditActions.Status, "E14001305", null));
        }

        // Redis trims whole nodes of its stream (~100 entries each), so "about" the capacity: never ten times it.
        Assert.InRange(await StoredCountAsync(trail), capacity, 2 * capacity + 100);
        var newest = await trail.ReadAsync(new AuditFilter(), new AuditPaging(null, 1));
        Assert.Equal(Night.AddMinutes(999), newest.Events[0].Event.At);
    }

    [Fact]
    public async Task FailedSignIns_AFloodFromOneAddress_IsCountedInFullButSampledAFewAMinute()
    {
        var clock = new FakeTimeProvider(Night);
        var trail = Trail();
        var failures = new FailedSignIns(Store(clock), trail, new NodeIdentity(new NoServer()), clock);

        var written = 0;
        for (var i = 0; i < 200; i++)
        {
            written += await failures.RecordAsync("oscar", "203.0.113.9", "wrong password") ? 1 : 0;
        }

        Assert.Equal(FailedSignIns.SamplesPerAddress, written);
        var page = await trail.ReadAsync(new AuditFilter(Action: AuditActions.SignInFailed), new AuditPaging());
        Assert.Equal(FailedSignIns.SamplesPerAddress, page.Events.Count);
        Assert.Equal(200, (await failures.PerMinuteAsync(5)).Sum(m => m.Count));

        // The next minute samples afresh.
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.True(await failures.RecordAsync("oscar", "203.0.113.9", "wrong password"));
    }

    [Fact]
    public async Task FailedSignIns_ASprayFromManyAddresses_WritesAtMostTheMinutesSampleInAll()
    {
        var clock = new FakeTimeProvider(Night);
        var trail = Trail();
        var failures = new FailedSignIns(Store(clock), trail, new NodeIdentity(new NoServer()), clock);

        for (var address = 0; address < 100; address++)
        {
            for (var i = 0; i < 5; i++)
            {
                await failures.RecordAsync("alice", $"203.0.113.{address}", "wrong password");
            }
        }

        var page = await trail.ReadAsync(new AuditFilter(Action: AuditActions.SignInFailed), new AuditPaging(null, AuditPaging.MaxLimit));
        Assert.Equal(FailedSignIns.SamplesPerMinute, page.Events.Count);
        Assert.Equal(500, (await failures.PerMinuteAsync(1)).Single().Count);
    }

    private static AuditEvent Event(int minute, string actor, string action, string? target, string? detail) =>
        new(Night.AddMinutes(minute), actor, action, target, detail, "test-node:5080");
}
