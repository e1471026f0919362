using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;

using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;

namespace ResultsLive.Web.Security;

/// <summary>A configured newsroom user as the node sees it: name, roles, and a stamp of the password hash and roles.</summary>
public sealed record NewsroomUser(string Name, IReadOnlyList<string> Roles, string PasswordHash)
{
    /// <summary>Changes when the user's hash or roles change in configuration, which ends the sessions made before.</summary>
    public string Stamp { get; } = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(PasswordHash + "|" + string.Join(",", Roles))))[..16];
}

/// <summary>The users of <c>ResultsLive:Users</c>: looked up, verified, and turned into a signed-in principal.</summary>
public sealed class UserDirectory(IOptionsMonitor<SecurityOptions> options)
{
    // Verifying an unknown name against a real hash costs what a known name costs, so timing does not tell which names exist.
    private static readonly Lazy<string> DecoyHash = new(() => PasswordHashes.Hash(Guid.NewGuid().ToString("N")));

    public IReadOnlyList<NewsroomUser> Users =>
        [.. options.CurrentValue.Users.Where(u => u.Name is not null && u.PasswordHash is not null).Select(u => new NewsroomUser(u.Name!, [.. u.Roles], u.PasswordHash!))];

    public bool Any => options.CurrentValue.Users.Count > 0;

    public NewsroomUser? Find(string? name) =>
        string.IsNullOrEmpty(name) ? null : Users.FirstOrDefault(u => string.Equals(u.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The user when the password is right, otherwise null (in the same time for an unknown name).</summary>
    public NewsroomUser? Verify(string name, string password)
    {
        var user = Find(name);
        var verified = PasswordHashes.Verify(user?.PasswordHash ?? DecoyHash.Value, password);
        return verified ? user : null;
    }

    /// <summary>The cookie principal of a person: their actor name, roles and how they signed in.</summary>
    public static ClaimsPrincipal Principal(string actor, string name, IEnumerable<string> roles, string method, string? stamp = null, string? address = null)
    {
        var identity = new ClaimsIdentity(CookieAuthenticationDefaults.AuthenticationScheme, ClaimTypes.Name, ClaimTypes.Role);
        identity.AddClaim(new Claim(ClaimTypes.NameIdentifier, actor));
        identity.AddClaim(new Claim(ClaimTypes.Name, name));
        identity.AddClaim(new Claim(ResultsLiveClaims.Actor, actor));
        identity.AddClaim(new Claim(ResultsLiveClaims.Method, method));
        if (stamp is not null)
        {
            identity.AddClaim(new Claim(ResultsLiveClaims.Stamp, stamp));
        }

        if (address is not null)
        {
            identity.AddClaim(new Claim(ResultsLiveClaims.Address, address));
        }

        foreach (var role in roles.Distinct(StringComparer.Ordinal))
        {
            identity.AddClaim(new Claim(ClaimTypes.Role, role));
        }

        return new ClaimsPrincipal(identity);
    }

    /// <summary>
    /// Whether a signed-in principal still stands: a configured user must still be configured with the same hash and roles.
    /// People from single sign-on and the demo link have nothing here to check against, so they stand until the cookie ends.
    /// </summary>
    public bool StillValid(ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        if (principal.FindFirst(ResultsLiveClaims.Method)?.Value != SignInMethods.Password)
        {
            return true;
        }

        var user = Find(principal.Identity?.Name);
        return user is not null && user.Stamp == principal.FindFirst(ResultsLiveClaims.Stamp)?.Value;
    }
}

/// <summary>How a person signed in, carried in <see cref="ResultsLiveClaims.Method"/>.</summary>
public static class SignInMethods
{
    public const string Password = "password";
    public const string Oidc = "oidc";
    public const string DemoLink = "demo-link";
}
