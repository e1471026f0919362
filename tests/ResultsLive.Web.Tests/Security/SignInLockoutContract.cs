using Microsoft.Extensions.Options;

using ResultsLive.Web.Security;

namespace ResultsLive.Web.Tests.Security;

/// <summary>One body of lockout tests for both stores (Redis, so several nodes agree, and memory).</summary>
public abstract class SignInLockoutContract
{
    protected abstract ISecurityStore Store();

    private SignInLockout Lockout() => new(Store(), new UserDirectory(new StaticOptions(Users("oscar", "edith"))));

    [Fact]
    public async Task Check_AfterFiveFailuresOnOnePair_LocksThatPairOnly()
    {
        var lockout = Lockout();
        for (var i = 0; i < SignInLockout.PairLimit; i++)
        {
            Assert.False((await lockout.CheckAsync("oscar", "203.0.113.1")).IsLocked);
            await lockout.RecordFailureAsync("oscar", "203.0.113.1");
        }

        var locked = await lockout.CheckAsync("OSCAR", "203.0.113.1");
        Assert.Equal(LockoutKind.Account, locked.Kind);
        Assert.InRange(locked.Remaining, TimeSpan.FromMinutes(14), SignInLockout.Window);
        Assert.False((await lockout.CheckAsync("oscar", "198.51.100.1")).IsLocked);
        Assert.False((await lockout.CheckAsync("edith", "203.0.113.1")).IsLocked);
        Assert.Equal(["203.0.113.1"], (await lockout.LocksAsync("oscar")).Select(l => l.Address));
    }

    [Fact]
    public async Task Check_AnAddressFailingAcrossAccounts_HoldsTheAddressBack()
    {
        var lockout = Lockout();
        for (var i = 0; i < SignInLockout.AddressLimit; i++)
        {
            await lockout.RecordFailureAsync(i % 2 == 0 ? "oscar" : $"nobody-{i}", "203.0.113.2");
        }

        Assert.Equal(LockoutKind.Address, (await lockout.CheckAsync("edith", "203.0.113.2")).Kind);
        Assert.False((await lockout.CheckAsync("edith", "203.0.113.3")).IsLocked);
    }

    [Fact]
    public async Task Check_IPv6AddressesOfOneSubnet_CountTogether()
    {
        var lockout = Lockout();
        for (var i = 0; i < SignInLockout.PairLimit; i++)
        {
            await lockout.RecordFailureAsync("oscar", $"2001:db8:1:2::{i + 1:x}");
        }

        Assert.Equal(LockoutKind.Account, (await lockout.CheckAsync("oscar", "2001:db8:1:2:ffff::9")).Kind);
        Assert.False((await lockout.CheckAsync("oscar", "2001:db8:1:3::1")).IsLocked);
    }

    [Fact]
    public async Task Unlock_LiftsTheAccountsLocksOnEveryAddress()
    {
        var lockout = Lockout();
        foreach (var address in new[] { "203.0.113.4", "203.0.113.5" })
        {
            for (var i = 0; i < SignInLockout.PairLimit; i++)
            {
                await lockout.RecordFailureAsync("edith", address);
            }
        }

        Assert.True(await lockout.UnlockAsync("edith"));

        Assert.False((await lockout.CheckAsync("edith", "203.0.113.4")).IsLocked);
        Assert.False((await lockout.CheckAsync("edith", "203.0.113.5")).IsLocked);
        Assert.Empty(await lockout.LocksAsync("edith"));
    }

    [Fact]
    public async Task Succeeded_ClearsThePairsCount()
    {
        var lockout = Lockout();
        for (var i = 0; i < SignInLockout.PairLimit - 1; i++)
        {
            await lockout.RecordFailureAsync("oscar", "203.0.113.6");
        }

        await lockout.SucceededAsync("oscar", "203.0.113.6");
        await lockout.RecordFailureAsync("oscar", "203.0.113.6");

        Assert.False((await lockout.CheckAsync("oscar", "203.0.113.6")).IsLocked);
    }

    internal static SecurityOptions Users(params string[] names)
    {
        var options = new SecurityOptions();
        foreach (var name in names)
        {
            var user = new UserOptions { Name = name, PasswordHash = "AQAAAAIAAYagAAAAEJ6xvOVm2CE6aWbM6Y7m2m0Y9x4e3mM5Z3GqGQXQ1O1q1l0s0kV1mX0y7mKx2Y3n4Q==" };
            user.Roles.Add(NewsroomRoles.Editor);
            options.Users.Add(user);
        }

        return options;
    }

    /// <summary>Options that never change, as IOptionsMonitor.</summary>
    internal sealed class StaticOptions(SecurityOptions value) : IOptionsMonitor<SecurityOptions>
    {
        public SecurityOptions CurrentValue => value;

        public SecurityOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<SecurityOptions, string?> listener) => null;
    }
}
