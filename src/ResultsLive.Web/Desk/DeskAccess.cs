using System.Security.Claims;

using ResultsLive.Web.Security;

namespace ResultsLive.Web.Desk;

/// <summary>The one seam between the desk and sign-in: who the editor is, and what closes the desk to all but editors.</summary>
public static class DeskAccess
{
    /// <summary>The signed-in editor's name as other editors see it on claims; null when nobody is signed in.</summary>
    public static string? EditorName(ClaimsPrincipal? user) =>
        user?.Identity is { IsAuthenticated: true, Name: { Length: > 0 } name } ? name : null;

    /// <summary>Closes an endpoint or hub to all but editors (admins included): the sign-in's <c>editor</c> policy.</summary>
    public static TBuilder RequireEditor<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder => builder.RequireAuthorization(Policies.Editor);
}
