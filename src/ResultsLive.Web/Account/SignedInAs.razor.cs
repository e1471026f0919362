using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

using ResultsLive.Web.Security;

namespace ResultsLive.Web.Account;

/// <summary>The signed-in person's name and roles, with a sign-out button.</summary>
public sealed partial class SignedInAs
{
    [CascadingParameter]
    public Task<AuthenticationState>? AuthenticationState { get; set; }

    private string Name { get; set; } = "";

    private string Roles { get; set; } = "";

    protected override async Task OnParametersSetAsync()
    {
        var user = AuthenticationState is null ? null : (await AuthenticationState).User;
        Name = user?.Identity?.Name ?? "";
        Roles = string.Join(", ", NewsroomRoles.All.Where(r => user?.IsInRole(r) == true));
    }
}
