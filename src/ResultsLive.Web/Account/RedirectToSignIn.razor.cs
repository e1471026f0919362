using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

using ResultsLive.Web.Security;

namespace ResultsLive.Web.Account;

/// <summary>What the router shows in a circuit for a page the person may not see: a full load of sign-in or the 403 page.</summary>
public sealed partial class RedirectToSignIn
{
    [Inject]
    public required NavigationManager Navigation { get; init; }

    [CascadingParameter]
    public required Task<AuthenticationState> AuthenticationState { get; set; }

    protected override async Task OnInitializedAsync()
    {
        var user = (await AuthenticationState).User;
        var returnUrl = Uri.EscapeDataString("/" + Navigation.ToBaseRelativePath(Navigation.Uri));
        var target = user.Identity?.IsAuthenticated == true ? SecurityHostExtensions.AccessDeniedPath : SecurityHostExtensions.SignInPath;
        Navigation.NavigateTo($"{target}?returnUrl={returnUrl}", forceLoad: true);
    }
}
