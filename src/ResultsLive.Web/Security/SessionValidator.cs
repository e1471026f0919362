using System.Security.Claims;

namespace ResultsLive.Web.Security;

/// <summary>
/// Whether a signed-in session still stands: its configured user is still configured with the same hash and roles, and the
/// account is not locked on the address the session signed in from. Checked on every cookie request and, for the newsroom's
/// circuits, every minute.
/// </summary>
public sealed class SessionValidator(UserDirectory users, SignInLockout lockout)
{
    public async Task<bool> StillStandsAsync(ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        if (!users.StillValid(principal))
        {
            return false;
        }

        return principal.Identity?.Name is not { } name
            || principal.FindFirst(ResultsLiveClaims.Address)?.Value is not { } address
            || (await lockout.CheckAsync(name, address).ConfigureAwait(false)).Kind != LockoutKind.Account;
    }
}
