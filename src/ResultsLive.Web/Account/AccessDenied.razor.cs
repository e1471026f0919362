using Microsoft.AspNetCore.Components;

using ResultsLive.Web.Security;

namespace ResultsLive.Web.Account;

/// <summary><c>/access-denied</c>: where a signed-in person without the page's role is sent; answers 403.</summary>
public sealed partial class AccessDenied
{
    [CascadingParameter]
    public HttpContext? HttpContext { get; set; }

    private string Name => HttpContext?.User.Identity?.Name ?? "nobody";

    private string Roles => string.Join(", ", NewsroomRoles.All.Where(r => HttpContext?.User.IsInRole(r) == true));

    protected override void OnInitialized()
    {
        if (HttpContext is { Response.HasStarted: false } http)
        {
            http.Response.StatusCode = StatusCodes.Status403Forbidden;
        }
    }
}
