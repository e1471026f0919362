namespace ResultsLive.Web.Security;

/// <summary>Who may reach the newsroom and the privileged API: the parts of the <c>ResultsLive</c> section that this folder reads.</summary>
public sealed class SecurityOptions
{
    /// <summary>Newsroom users (<c>ResultsLive:Users:N:Name</c>, <c>:PasswordHash</c>, <c>:Roles</c>).</summary>
    public IList<UserOptions> Users { get; } = [];

    /// <summary>Named API keys (<c>ResultsLive:ApiKeys:&lt;name&gt;:Key</c>, <c>:Permissions</c>).</summary>
    public IDictionary<string, ApiKeyOptions> ApiKeys { get; } = new Dictionary<string, ApiKeyOptions>(StringComparer.Ordinal);

    public AuthOptions Auth { get; set; } = new();
}

/// <summary>One configured newsroom user. The password is only ever held as a hash from <c>resultslive user hash</c>.</summary>
public sealed class UserOptions
{
    public string? Name { get; set; }

    public string? PasswordHash { get; set; }

    /// <summary><c>editor</c>, <c>operator</c>, <c>admin</c> (admin implies the others).</summary>
    public IList<string> Roles { get; } = [];
}

/// <summary>One named API key and what it may do.</summary>
public sealed class ApiKeyOptions
{
    public string? Key { get; set; }

    /// <summary><c>ingest</c>, <c>override</c>, <c>operator</c>.</summary>
    public IList<string> Permissions { get; } = [];
}

/// <summary><c>ResultsLive:Auth</c>: single sign-on and the sign-in limits.</summary>
public sealed class AuthOptions
{
    public OidcOptions Oidc { get; set; } = new();

    /// <summary>Sign-in attempts (form posts) one address may make per <see cref="SignInRateWindow"/>, on each node.</summary>
    public int SignInRateLimit { get; set; } = 30;

    public TimeSpan SignInRateWindow { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary><c>ResultsLive:Auth:Oidc</c>: an OpenID provider, offered beside the configured passwords when all four are set.</summary>
public sealed class OidcOptions
{
    public string? Authority { get; set; }

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    /// <summary>The claim whose values <c>editor</c>, <c>operator</c>, <c>admin</c> become roles (e.g. <c>roles</c> or <c>groups</c>).</summary>
    public string? RoleClaim { get; set; }

    /// <summary>The provider's name on the sign-in button ("Sign in with …").</summary>
    public string? DisplayName { get; set; }

    public bool IsConfigured =>
        !string.IsNullOrWhiteSpace(Authority) && !string.IsNullOrWhiteSpace(ClientId)
        && !string.IsNullOrWhiteSpace(ClientSecret) && !string.IsNullOrWhiteSpace(RoleClaim);
}
