using System.Net;
using System.Net.Sockets;

namespace ResultsLive.Web.Security;

/// <summary>
/// Failed sign-ins counted per (account, address) and per address. Five failures lock the pair for 15 minutes, so the
/// account's real user on another address is never locked out by an attacker's guesses; twenty failures from one address,
/// across any accounts, hold that address back for 15 minutes. An admin can unlock an account on every address.
/// </summary>
public sealed class SignInLockout(ISecurityStore store, UserDirectory users)
{
    public const int PairLimit = 5;
    public const int AddressLimit = 20;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    // Names that are not configured share one count per address, so guessed names cannot multiply the keys.
    private const string UnknownAccount = "?";

    /// <summary>Whether <paramref name="account"/> may try a password from <paramref name="address"/>, and for how long not.</summary>
    public async Task<LockoutState> CheckAsync(string account, string address)
    {
        var pair = await store.ReadCounterAsync(PairKey(account, address)).ConfigureAwait(false);
        if (pair.Count >= PairLimit)
        {
            return new LockoutState(LockoutKind.Account, pair.Remaining ?? Window);
        }

        var byAddress = await store.ReadCounterAsync(AddressKey(address)).ConfigureAwait(false);
        return byAddress.Count >= AddressLimit
            ? new LockoutState(LockoutKind.Address, byAddress.Remaining ?? Window)
            : LockoutState.Open;
    }

    public async Task RecordFailureAsync(string account, string address)
    {
        await store.IncrementAsync(PairKey(account, address), Window, extendAt: PairLimit).ConfigureAwait(false);
        await store.IncrementAsync(AddressKey(address), Window, extendAt: AddressLimit).ConfigureAwait(false);
        if (Known(account) is { } name)
        {
            await store.AddToSetAsync(AddressesKey(name), AddressBucket(address), Window).ConfigureAwait(false);
        }
    }

    /// <summary>An attempt refused while its pair is locked: counted against the address only.</summary>
    public Task RecordRefusalAsync(string address) => store.IncrementAsync(AddressKey(address), Window, extendAt: AddressLimit);

    /// <summary>A right password clears its own pair's count (not the address's: one success does not excuse a spray).</summary>
    public Task SucceededAsync(string account, string address) => store.DeleteAsync(PairKey(account, address));

    /// <summary>The addresses an account is locked on now; empty when it is not locked anywhere.</summary>
    public async Task<IReadOnlyList<(string Address, TimeSpan Remaining)>> LocksAsync(string account)
    {
        var locks = new List<(string, TimeSpan)>();
        foreach (var address in await store.SetMembersAsync(AddressesKey(account)).ConfigureAwait(false))
        {
            var pair = await store.ReadCounterAsync(PairKeyForBucket(account, address)).ConfigureAwait(false);
            if (pair.Count >= PairLimit)
            {
                locks.Add((address, pair.Remaining ?? Window));
            }
        }

        return locks;
    }

    /// <summary>Unlocks an account on every address it failed from, and lifts those addresses' hold.</summary>
    public async Task<bool> UnlockAsync(string account)
    {
        var addresses = await store.SetMembersAsync(AddressesKey(account)).ConfigureAwait(false);
        string[] keys = [.. addresses.Select(a => PairKeyForBucket(account, a)), .. addresses.Select(a => "lockout:address:" + a), AddressesKey(account)];
        return await store.DeleteAsync(keys).ConfigureAwait(false);
    }

    /// <summary>
    /// The unit an address is counted in: an IPv4 address, or an IPv6 /64 (one subscriber's usual allocation, so an attacker
    /// cannot step through the addresses of a subnet to escape the count).
    /// </summary>
    public static string AddressBucket(string address)
    {
        if (!IPAddress.TryParse(address, out var ip))
        {
            return address;
        }

        if (ip.IsIPv4MappedToIPv6)
        {
            return ip.MapToIPv4().ToString();
        }

        if (ip.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return ip.ToString();
        }

        var bytes = ip.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    private string? Known(string account) => users.Find(account)?.Name;

    private string PairKey(string account, string address) => PairKeyForBucket(Known(account) ?? UnknownAccount, AddressBucket(address));

    private static string PairKeyForBucket(string account, string bucket) => $"lockout:pair:{account.ToUpperInvariant()}|{bucket}";

    private static string AddressKey(string address) => "lockout:address:" + AddressBucket(address);

    private static string AddressesKey(string account) => "lockout:addresses:" + account.ToUpperInvariant();
}

/// <summary>What holds a sign-in back: nothing, this account on this address, or this address.</summary>
public enum LockoutKind
{
    None,
    Account,
    Address,
}

/// <summary>The answer of <see cref="SignInLockout.CheckAsync"/>.</summary>
public sealed record LockoutState(LockoutKind Kind, TimeSpan Remaining)
{
    public static LockoutState Open { get; } = new(LockoutKind.None, TimeSpan.Zero);

    public bool IsLocked => Kind != LockoutKind.None;
}
