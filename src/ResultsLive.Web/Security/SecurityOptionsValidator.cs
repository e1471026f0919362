using Microsoft.Extensions.Options;

using ResultsLive.Web.Configuration;

namespace ResultsLive.Web.Security;

/// <summary>Stops the node at start-up with every mistake in its users, keys and single sign-on listed.</summary>
public sealed class SecurityOptionsValidator : IValidateOptions<SecurityOptions>
{
    public const int MinimumKeyLength = 16;

    public ValidateOptionsResult Validate(string? name, SecurityOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < options.Users.Count; i++)
        {
            var user = options.Users[i];
            var key = $"{ResultsLiveOptions.Section}:Users:{i}";
            if (string.IsNullOrWhiteSpace(user.Name))
            {
                failures.Add($"{key}:Name is required.");
            }
            else if (!names.Add(user.Name))
            {
                failures.Add($"{key}:Name '{user.Name}' is configured twice; user names must be unique.");
            }
            else if (user.Name.Any(char.IsControl) || user.Name.Length > 64)
            {
                failures.Add($"{key}:Name must be at most 64 characters without control characters.");
            }

            if (!PasswordHashes.IsReadable(user.PasswordHash))
            {
                failures.Add($"{key}:PasswordHash is not a hash that `resultslive user hash` prints (passwords are never configured in plain text).");
            }

            if (user.Roles.Count == 0)
            {
                failures.Add($"{key}:Roles needs at least one of {string.Join(", ", NewsroomRoles.All)}.");
            }

            foreach (var role in user.Roles.Where(r => !NewsroomRoles.All.Contains(r)))
            {
                failures.Add($"{key}:Roles: '{role}' is not a role; use {string.Join(", ", NewsroomRoles.All)}.");
            }
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (keyName, apiKey) in options.ApiKeys)
        {
            var key = $"{ResultsLiveOptions.Section}:ApiKeys:{keyName}";
            if (apiKey.Key is not { Length: >= MinimumKeyLength })
            {
                failures.Add($"{key}:Key must be at least {MinimumKeyLength} characters.");
            }
            else if (!values.TryAdd(apiKey.Key, keyName))
            {
                failures.Add($"{key}:Key is the same as the key named '{values[apiKey.Key]}'; each name needs a key of its own.");
            }

            if (apiKey.Permissions.Count == 0)
            {
                failures.Add($"{key}:Permissions needs at least one of {string.Join(", ", ApiKeyPermissions.All)}.");
            }

            foreach (var permission in apiKey.Permissions.Where(p => !ApiKeyPermissions.All.Contains(p)))
            {
                failures.Add($"{key}:Permissions: '{permission}' is not a permission; use {string.Join(", ", ApiKeyPermissions.All)}.");
            }
        }

        var oidc = options.Auth.Oidc;
        string?[] oidcValues = [oidc.Authority, oidc.ClientId, oidc.ClientSecret, oidc.RoleClaim];
        if (!oidc.IsConfigured && oidcValues.Any(v => !string.IsNullOrWhiteSpace(v)))
        {
            failures.Add($"{ResultsLiveOptions.Section}:Auth:Oidc needs all of Authority, ClientId, ClientSecret and RoleClaim, or none of them.");
        }
        else if (oidc.IsConfigured && (!Uri.TryCreate(oidc.Authority, UriKind.Absolute, out var authority) || authority.Scheme is not ("https" or "http")))
        {
            failures.Add($"{ResultsLiveOptions.Section}:Auth:Oidc:Authority must be an absolute https URL.");
        }

        if (options.Auth.SignInRateLimit < 1 || options.Auth.SignInRateWindow <= TimeSpan.Zero)
        {
            failures.Add($"{ResultsLiveOptions.Section}:Auth:SignInRateLimit and :SignInRateWindow must be positive.");
        }

        return failures.Count > 0 ? ValidateOptionsResult.Fail(failures) : ValidateOptionsResult.Success;
    }
}
