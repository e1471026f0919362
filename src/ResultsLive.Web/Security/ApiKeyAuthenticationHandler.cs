using System.Security.Claims;
using System.Text.Encodings.Web;

using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

using ResultsLive.Web.Api;

namespace ResultsLive.Web.Security;

/// <summary>
/// The <c>X-Api-Key</c> scheme: a recognised key becomes a principal named <c>key:&lt;name&gt;</c> with one permission claim per
/// permission. A refusal is problem details naming the header, as the ingest API has always answered.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeyRing keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string Header = "X-Api-Key";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = Request.Headers[Header].ToString();
        if (presented.Length == 0)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        if (keys.Find(presented) is not { } key)
        {
            return Task.FromResult(AuthenticateResult.Fail("not an accepted key"));
        }

        var identity = new ClaimsIdentity(SchemeName, ClaimTypes.Name, ClaimTypes.Role);
        identity.AddClaim(new Claim(ClaimTypes.Name, key.Name));
        identity.AddClaim(new Claim(ClaimTypes.NameIdentifier, ActorNames.Key(key.Name)));
        identity.AddClaim(new Claim(ResultsLiveClaims.Actor, ActorNames.Key(key.Name)));
        foreach (var permission in key.Permissions)
        {
            identity.AddClaim(new Claim(ResultsLiveClaims.Permission, permission));
        }

        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = Header;
        var reason = Request.Headers[Header].ToString().Length == 0 ? "is required" : "is not an accepted key";
        return ApiProblems.Status(StatusCodes.Status401Unauthorized, "Unauthorized", Header, reason).ExecuteAsync(Context);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        var needed = Context.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.Authorization.IAuthorizeData>()?.Policy;
        var reason = needed is null ? "does not grant this" : $"does not grant the '{needed}' permission";
        return ApiProblems.Status(StatusCodes.Status403Forbidden, "Forbidden", Header, reason).ExecuteAsync(Context);
    }
}
