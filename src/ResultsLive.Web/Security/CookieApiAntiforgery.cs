using Microsoft.AspNetCore.Antiforgery;

using ResultsLive.Web.Api;

namespace ResultsLive.Web.Security;

/// <summary>
/// For JSON APIs a signed-in person's page or script may call: a cookie caller must also send the antiforgery token (from
/// <c>GET /api/v1/antiforgery</c>) in the <c>RequestVerificationToken</c> header. Another site's page can neither read that
/// token nor set the header, so a cookie alone (which SameSite=Strict already keeps from cross-site requests) is never
/// enough. API-key callers send no cookie and need no token.
/// </summary>
public sealed class CookieApiAntiforgery(IAntiforgery antiforgery) : IEndpointFilter
{
    public const string Header = "RequestVerificationToken";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = context.HttpContext;
        if (http.User.Identity?.AuthenticationType != ApiKeyAuthenticationHandler.SchemeName)
        {
            try
            {
                await antiforgery.ValidateRequestAsync(http).ConfigureAwait(false);
            }
            catch (AntiforgeryValidationException)
            {
                return ApiProblems.Status(StatusCodes.Status400BadRequest, "Antiforgery token required", Header, "is missing or not valid for this session; get one from GET /api/v1/antiforgery");
            }
        }

        return await next(context).ConfigureAwait(false);
    }
}

/// <summary>Puts <see cref="CookieApiAntiforgery"/> on an endpoint or group.</summary>
public static class CookieApiAntiforgeryExtensions
{
    public static TBuilder RequireAntiforgeryHeader<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder => builder.AddEndpointFilter<TBuilder, CookieApiAntiforgery>();
}
