using Microsoft.Extensions.Time.Testing;

using ResultsLive.Web.Security;

namespace ResultsLive.Web.Tests.Security;

/// <summary>Lockout on a node without Redis, and the memory store's own bounds: expiry on its clock and a capacity.</summary>
public sealed class MemorySignInLockoutTests : SignInLockoutContract
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);

    protected override ISecurityStore Store() => new MemorySecurityStore(_clock);

    [Fact]
    public async Task Lock_AfterItsWindow_Ends()
    {
        var lockout = new SignInLockout(Store(), new UserDirectory(new StaticOptions(Users("oscar"))));
        for (var i = 0; i < SignInLockout.PairLimit; i++)
        {
            await lockout.RecordFailureAsync("oscar", "203.0.113.7");
        }

        _clock.Advance(SignInLockout.Window - TimeSpan.FromSeconds(1));
        Assert.True((await lockout.CheckAsync("oscar", "203.0.113.7")).IsLocked);
        _clock.Advance(TimeSpan.FromSeconds(2));
        Assert.False((await lockout.CheckAsync("oscar", "203.0.113.7")).IsLocked);
    }

    [Fact]
    public async Task Store_FloodedWithKeys_StaysWithinItsCapacity()
    {
        var store = new MemorySecurityStore(_clock);

        for (var i = 0; i < MemorySecurityStore.Capacity + 5_000; i++)
        {
            await store.IncrementAsync($"lockout:address:{i}", SignInLockout.Window);
        }

        Assert.InRange(store.Count, 1, MemorySecurityStore.Capacity);
    }

    [Fact]
    public async Task Store_DeletingAOneTimeKey_SucceedsOnce()
    {
        var store = new MemorySecurityStore(_clock);
        await store.SetAsync("demo-link:abc", "1", TimeSpan.FromHours(24));

        Assert.True(await store.DeleteAsync("demo-link:abc"));
        Assert.False(await store.DeleteAsync("demo-link:abc"));
    }
}
