using System.Security.Claims;

namespace ResultsLive.Web.Desk;

/// <summary>The editor at this desk (one per circuit): the signed-in user of the request that opened the circuit.</summary>
public sealed class DeskEditor(IHttpContextAccessor accessor)
{
    private readonly Lazy<ClaimsPrincipal?> _user = new(() => accessor.HttpContext?.User);

    public ClaimsPrincipal? User => _user.Value;

    public string? Name => DeskAccess.EditorName(User);
}
