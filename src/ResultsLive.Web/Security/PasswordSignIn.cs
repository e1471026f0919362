using System.Globalization;
using System.Security.Claims;

using ResultsLive.Web.Audit;

namespace ResultsLive.Web.Security;

/// <summary>
/// A sign-in with a configured password: refused while the (account, address) pair or the address is locked, counted and
/// sampled into the audit trail when wrong, recorded (last sign-in, audit) when right.
/// </summary>
public sealed class PasswordSignIn(UserDirectory users, SignInLockout lockout, FailedSignIns failures, ISecurityStore store, IAuditTrail audit, NodeIdentity node, TimeProvider time)
{
    private static readonly TimeSpan LastSignInRetention = TimeSpan.FromDays(30);

    public async Task<PasswordSignInResult> SignInAsync(string name, string password, string address)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(password);
        var state = await lockout.CheckAsync(name, address).ConfigureAwait(false);
        if (state.IsLocked)
        {
            // Guessing on while locked still counts against the address, so a spray cannot go on under a locked pair.
            await lockout.RecordRefusalAsync(address).ConfigureAwait(false);
            await failures.RecordAsync(name, address, state.Kind == LockoutKind.Account ? "refused: locked" : "refused: address held back").ConfigureAwait(false);
            return new PasswordSignInResult(null, state);
        }

        var user = users.Verify(name, password);
        if (user is null)
        {
            await lockout.RecordFailureAsync(name, address).ConfigureAwait(false);
            await failures.RecordAsync(name, address, users.Find(name) is null ? "unknown user" : "wrong password").ConfigureAwait(false);
            return new PasswordSignInResult(null, await lockout.CheckAsync(name, address).ConfigureAwait(false));
        }

        await lockout.SucceededAsync(name, address).ConfigureAwait(false);
        var principal = UserDirectory.Principal(ActorNames.User(user.Name), user.Name, user.Roles, SignInMethods.Password, user.Stamp, address);
        await RecordSignInAsync(principal, $"password; from {address}").ConfigureAwait(false);
        return new PasswordSignInResult(principal, LockoutState.Open);
    }

    /// <summary>Audits a sign-in by any method and remembers when the person last signed in.</summary>
    public async Task RecordSignInAsync(ClaimsPrincipal principal, string detail)
    {
        ArgumentNullException.ThrowIfNull(principal);
        var now = time.GetUtcNow();
        await store.SetAsync(LastSignInKey(principal.Identity?.Name ?? ""), now.ToString("O", CultureInfo.InvariantCulture), LastSignInRetention).ConfigureAwait(false);
        await audit.RecordAsync(new AuditEvent(now, principal.ActorName(), AuditActions.SignIn, principal.ActorName(), detail, node.Name)).ConfigureAwait(false);
    }

    public async Task<DateTimeOffset?> LastSignInAsync(string name) =>
        await store.GetAsync(LastSignInKey(name)).ConfigureAwait(false) is { } value
            ? DateTimeOffset.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind)
            : null;

    private static string LastSignInKey(string name) => "last-signin:" + name.ToUpperInvariant();
}

/// <summary>The signed-in principal, or null with the lockout that now applies (none after an ordinary wrong password).</summary>
public sealed record PasswordSignInResult(ClaimsPrincipal? Principal, LockoutState Lockout)
{
    public bool Succeeded => Principal is not null;
}
