namespace ResultsLive.Web.Account;

/// <summary>The ways in and out of the newsroom: sign-in, sign-out, the demo link, single sign-on and the 403 page.</summary>
public static class AccountSurface
{
    public const string SignIn = "/signin";

    public const string SignOut = "/signout";

    public const string AccessDenied = "/access-denied";

    public const string DemoLink = "/signin/link";

    public const string SingleSignOn = "/signin/oidc";

    /// <summary>Where single sign-on comes back to before moving on from the site itself (see SecurityHostExtensions).</summary>
    public const string SignInComplete = "/signin/complete";

    /// <summary>The sign-in page, coming back to <paramref name="returnUrl"/> (a path on this site) afterwards.</summary>
    public static string SignInUrl(string returnUrl) => SignIn + "?returnUrl=" + Uri.EscapeDataString(returnUrl);

    public static string Title(params string[] parts) => Public.PublicSurface.Title(parts);
}
