namespace ResultsLive.Web.Shared;

/// <summary>One entry of a surface's navigation: its text and its address relative to the site's base.</summary>
/// <param name="Text">What the link says.</param>
/// <param name="Href">The address, relative to <c>&lt;base href="/"&gt;</c> ("" is the home page).</param>
/// <param name="Match">How the current address is matched to mark the link as the current page.</param>
public sealed record SurfaceLink(string Text, string Href, SurfaceLinkMatch Match = SurfaceLinkMatch.Exact)
{
    /// <summary>Whether <paramref name="path"/> (base-relative, no query) is this link's page.</summary>
    public bool IsCurrent(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Match == SurfaceLinkMatch.Exact
            ? string.Equals(path, Href, StringComparison.OrdinalIgnoreCase)
            : path.Equals(Href, StringComparison.OrdinalIgnoreCase) || path.StartsWith(Href + "/", StringComparison.OrdinalIgnoreCase);
    }
}

/// <summary>How a navigation link decides it is the current page.</summary>
public enum SurfaceLinkMatch
{
    /// <summary>Only its own address.</summary>
    Exact,

    /// <summary>Its address and every address below it.</summary>
    Prefix,
}
