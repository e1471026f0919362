using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

using ResultsLive.Web.Security;

namespace ResultsLive.Web.Account;

/// <summary>
/// The signed-in person's name and roles, with a sign-out button. In a circuit it also ends the page when the person's
/// session stops standing (removed, changed or locked; see NewsroomAuthenticationStateProvider): a full load of the page
/// then meets the endpoint's authorization, which sends them to sign in.
/// </summary>
public sealed partial class SignedInAs : IDisposable
{
    [Inject]
    public required AuthenticationStateProvider Authentication { get; init; }

    [Inject]
    public required NavigationManager Navigation { get; init; }

    [CascadingParameter]
    public Task<AuthenticationState>? AuthenticationState { get; set; }

    private string Name { get; set; } = "";

    private string Roles { get; set; } = "";

    protected override void OnInitialized() => Authentication.AuthenticationStateChanged += OnAuthenticationStateChanged;

    protected override async Task OnParametersSetAsync()
    {
        var user = AuthenticationState is null ? null : (await AuthenticationState).User;
        Name = user?.Identity?.Name ?? "";
        Roles = string.Join(", ", NewsroomRoles.All.Where(r => user?.IsInRole(r) == true));
    }

    public void Dispose() => Authentication.AuthenticationStateChanged -= OnAuthenticationStateChanged;

    private async void OnAuthenticationStateChanged(Task<AuthenticationState> state)
    {
        if ((await state).User.Identity?.IsAuthenticated != true)
        {
            await InvokeAsync(() => Navigation.NavigateTo(Navigation.Uri, forceLoad: true));
        }
    }
}
