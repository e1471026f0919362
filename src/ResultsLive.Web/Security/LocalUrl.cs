namespace ResultsLive.Web.Security;

/// <summary>Return addresses after sign-in: only a path on this site, so a crafted link cannot send a person elsewhere.</summary>
public static class LocalUrl
{
    public static string Sanitize(string? url, string fallback = "/")
    {
        if (string.IsNullOrEmpty(url) || url.Length > 2048 || url[0] != '/' || url.Any(c => char.IsControl(c) || c == '\\'))
        {
            return fallback;
        }

        // "//host" and "/\host" are protocol-relative: another site.
        return url.Length > 1 && url[1] == '/' ? fallback : url;
    }
}
