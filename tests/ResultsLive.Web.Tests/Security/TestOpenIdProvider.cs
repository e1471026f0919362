using System.Net;
using System.Security.Claims;

using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;

using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace ResultsLive.Web.Tests.Security;

/// <summary>
/// A real OpenID provider for the single sign-on tests: OpenIddict's server on Kestrel on a loopback port, in degraded mode
/// (no stores: one client and its redirect address checked by the handlers below), authorization code with PKCE, and a
/// login page of its own where a test types who it is. Users and their <c>roles</c> claim are fixed here.
/// </summary>
public sealed class TestOpenIdProvider : IAsyncDisposable
{
    public const string ClientId = "resultslive";
    public const string ClientSecret = "test-client-secret-0123456789";
    public const string RoleClaim = "roles";
    private const string ProviderCookie = "provider";

    /// <summary>Who can sign in at the provider, and the roles it says they have.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> People = new Dictionary<string, string[]>
    {
        ["olive"] = ["operator"],
        ["nora"] = [],
        ["adam"] = ["admin", "someone-elses-role"],
    };

    private readonly WebApplication _app;

    private TestOpenIdProvider(WebApplication app) => _app = app;

    public Uri Authority { get; private set; } = null!;

    /// <summary>Set once the ResultsLive node is up: its <c>/signin-oidc</c>, the only redirect address this client may use.</summary>
    public Uri? RedirectUri { get; set; }

    public static async Task<TestOpenIdProvider> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddAuthentication(ProviderCookie).AddCookie(ProviderCookie, options =>
        {
            options.Cookie.Name = "provider-session";
            options.LoginPath = "/login";
        });
        builder.Services.AddAuthorization();

        TestOpenIdProvider? provider = null;
        builder.Services.AddOpenIddict().AddServer(options =>
        {
            options.SetAuthorizationEndpointUris("connect/authorize").SetTokenEndpointUris("connect/token");
            options.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
            options.RegisterScopes(Scopes.OpenId, Scopes.Profile);
            options.AddEphemeralEncryptionKey().AddEphemeralSigningKey();
            options.EnableDegradedMode();
            options.UseAspNetCore().EnableAuthorizationEndpointPassthrough().DisableTransportSecurityRequirement();

            // Degraded mode has no application store: the client and its redirect address are checked here.
            options.AddEventHandler<ValidateAuthorizationRequestContext>(handler => handler.UseInlineHandler(context =>
            {
                if (context.ClientId != ClientId)
                {
                    context.Reject(Errors.InvalidClient, "unknown client");
                }
                else if (provider?.RedirectUri is not { } redirect || context.RedirectUri != redirect.ToString())
                {
                    context.Reject(Errors.InvalidRequest, "the redirect_uri is not registered for this client");
                }

                return default;
            }));
            options.AddEventHandler<ValidateTokenRequestContext>(handler => handler.UseInlineHandler(context =>
            {
                if (context.ClientId != ClientId || context.Request.ClientSecret != ClientSecret)
                {
                    context.Reject(Errors.InvalidClient, "wrong client or secret");
                }

                return default;
            }));
        });

        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapGet("/login", (string? returnUrl) => Results.Content(
            $"""<!DOCTYPE html><html><head><title>Test provider</title></head><body><h1>Test provider</h1><form method="post" action="/login?returnUrl={WebUtility.UrlEncode(returnUrl)}"><label for="who">Who are you?</label><input id="who" name="who"><button type="submit">Continue</button></form></body></html>""",
            "text/html"));
        app.MapPost("/login", async (HttpContext http, string? returnUrl) =>
        {
            var who = (await http.Request.ReadFormAsync())["who"].ToString();
            if (!People.ContainsKey(who))
            {
                return Results.Content("<p>Unknown person.</p>", "text/html", statusCode: StatusCodes.Status401Unauthorized);
            }

            var identity = new ClaimsIdentity(ProviderCookie, ClaimTypes.Name, ClaimTypes.Role);
            identity.AddClaim(new Claim(ClaimTypes.Name, who));
            await http.SignInAsync(ProviderCookie, new ClaimsPrincipal(identity));
            return Results.Redirect(returnUrl is { Length: > 0 } && returnUrl.StartsWith('/') ? returnUrl : "/");
        });
        app.MapMethods("connect/authorize", [HttpMethods.Get, HttpMethods.Post], async (HttpContext http) =>
        {
            var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("not an OpenID Connect request");
            var session = await http.AuthenticateAsync(ProviderCookie);
            if (!session.Succeeded)
            {
                return Results.Challenge(new AuthenticationProperties { RedirectUri = http.Request.PathBase + http.Request.Path + http.Request.QueryString }, [ProviderCookie]);
            }

            var name = session.Principal!.Identity!.Name!;
            var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, Claims.Role);
            identity.AddClaim(new Claim(Claims.Subject, "sub-" + name));
            identity.AddClaim(new Claim(Claims.PreferredUsername, name));
            foreach (var role in People[name])
            {
                identity.AddClaim(new Claim(RoleClaim, role));
            }

            identity.SetScopes(request.GetScopes());
            identity.SetDestinations(static _ => [Destinations.IdentityToken, Destinations.AccessToken]);
            return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        });

        await app.StartAsync();
        provider = new TestOpenIdProvider(app);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        provider.Authority = new Uri(address.TrimEnd('/') + "/");
        return provider;
    }

    /// <summary>The node's settings that point its single sign-on here.</summary>
    public Dictionary<string, string?> Settings() => new()
    {
        ["ResultsLive:Auth:Oidc:Authority"] = Authority.ToString(),
        ["ResultsLive:Auth:Oidc:ClientId"] = ClientId,
        ["ResultsLive:Auth:Oidc:ClientSecret"] = ClientSecret,
        ["ResultsLive:Auth:Oidc:RoleClaim"] = RoleClaim,
        ["ResultsLive:Auth:Oidc:DisplayName"] = "Test provider",
    };

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
