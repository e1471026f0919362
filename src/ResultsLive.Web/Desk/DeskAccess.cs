using System.Security.Claims;

namespace ResultsLive.Web.Desk;

/// <summary>
/// The one seam between the desk and sign-in: who the editor is, and what closes the desk's pages, hub and APIs to everyone
/// else. Until the newsroom's sign-in is in place the editor names themselves on the desk (a cookie); afterwards their
/// signed-in name is used and the seam requires the editor role.
/// </summary>
public static class DeskAccess
{
    /// <summary>The cookie an editor's chosen name is kept in until sign-in replaces it.</summary>
    public const string EditorCookie = "resultslive-desk-editor";

    /// <summary>The editor's name: the signed-in user's, else the one they gave the desk; null when neither.</summary>
    public static string? EditorName(ClaimsPrincipal? user, IRequestCookieCollection? cookies)
    {
        if (user?.Identity is { IsAuthenticated: true, Name: { Length: > 0 } name })
        {
            return name;
        }

        return cookies is not null && cookies.TryGetValue(EditorCookie, out var chosen) ? DeskInput.EditorName(Uri.UnescapeDataString(chosen)) : null;
    }

    /// <summary>Closes an endpoint or hub to all but editors (the sign-in's <c>editor</c> policy once it exists).</summary>
    public static TBuilder RequireEditor<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder => builder;
}
