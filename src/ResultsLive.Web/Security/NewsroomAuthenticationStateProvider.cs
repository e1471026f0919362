using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;

namespace ResultsLive.Web.Security;

/// <summary>The newsroom circuits' sign-in state, checked again every minute: a removed, changed or locked user loses the circuit.</summary>
internal sealed class NewsroomAuthenticationStateProvider(ILoggerFactory loggerFactory, SessionValidator sessions)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromMinutes(1);

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken) =>
        authenticationState.User.Identity?.IsAuthenticated != true || await sessions.StillStandsAsync(authenticationState.User).ConfigureAwait(false);
}
