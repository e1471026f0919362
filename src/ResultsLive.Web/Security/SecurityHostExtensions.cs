using System.Net;
using System.Security.Claims;
using System.Threading.RateLimiting;

using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

using ResultsLive.Web.Account;
using ResultsLive.Web.Api;
using ResultsLive.Web.Audit;
using ResultsLive.Web.Configuration;

using StackExchange.Redis;

namespace ResultsLive.Web.Security;

/// <summary>
/// The newsroom's door: cookie sign-in for people (password, optional OpenID Connect, the demo link), the <c>X-Api-Key</c>
/// scheme for machines, the role and permission policies, lockout and rate limiting, and the sign-in endpoints.
/// </summary>
public static class SecurityHostExtensions
{
    /// <summary>Picks the cookie or the key per request, so one endpoint can take either.</summary>
    public const string Scheme = "ResultsLive";
    public const string CookieScheme = CookieAuthenticationDefaults.AuthenticationScheme;
    public const string OidcScheme = OpenIdConnectDefaults.AuthenticationScheme;
    public const string SignInRateLimit = "signin";
    public const string SignInPath = AccountSurface.SignIn;
    public const string AccessDeniedPath = AccountSurface.AccessDenied;
    public const string CookieName = "ResultsLive.Auth";

    /// <summary>A newsroom session lasts the night: 12 hours, renewed while in use.</summary>
    public static readonly TimeSpan SessionLength = TimeSpan.FromHours(12);

    public static IHostApplicationBuilder AddResultsLiveSecurity(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<SecurityOptions>().BindConfiguration(ResultsLiveOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SecurityOptions>, SecurityOptionsValidator>();

        var redis = builder.Configuration[$"{ResultsLiveOptions.Section}:Redis"];
        if (string.IsNullOrWhiteSpace(redis))
        {
            services.AddSingleton<ISecurityStore>(sp => new MemorySecurityStore(sp.GetRequiredService<TimeProvider>()));
            services.AddSingleton<IAuditTrail>(_ => new InMemoryAuditTrail());
        }
        else
        {
            services.AddSingleton<ISecurityStore>(sp => new RedisSecurityStore(sp.GetRequiredService<IConnectionMultiplexer>(), sp.GetRequiredService<ElectionContext>().Election.Id));
            services.AddSingleton<IAuditTrail>(sp => new RedisAuditTrail(sp.GetRequiredService<IConnectionMultiplexer>(), sp.GetRequiredService<ElectionContext>().Election.Id));
        }

        services.AddSingleton<NodeIdentity>();
        services.AddSingleton<AuditRecorder>();
        services.AddSingleton<FailedSignIns>();
        services.AddSingleton<UserDirectory>();
        services.AddSingleton<ApiKeyRing>();
        services.AddSingleton<SignInLockout>();
        services.AddSingleton<SessionValidator>();
        services.AddSingleton<PasswordSignIn>();
        services.AddSingleton<DemoSignInLink>();
        services.AddHostedService(sp => sp.GetRequiredService<DemoSignInLink>());

        var authentication = services.AddAuthentication(options =>
            {
                options.DefaultScheme = Scheme;
                options.DefaultChallengeScheme = Scheme;
            })
            .AddPolicyScheme(Scheme, "Cookie or API key", options => options.ForwardDefaultSelector = context =>
                context.Request.Headers.ContainsKey(ApiKeyAuthenticationHandler.Header) ? ApiKeyAuthenticationHandler.SchemeName : CookieScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null)
            .AddCookie(CookieScheme, ConfigureCookie);

        var oidc = builder.Configuration.GetSection($"{ResultsLiveOptions.Section}:Auth:Oidc").Get<OidcOptions>() ?? new OidcOptions();
        if (oidc.IsConfigured)
        {
            authentication.AddOpenIdConnect(OidcScheme, oidc.DisplayName ?? "single sign-on", options => ConfigureOidc(options, oidc));
        }

        services.AddAuthorization(AddPolicies);
        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, NewsroomAuthenticationStateProvider>();
        services.AddAntiforgery(options => options.Cookie.SameSite = SameSiteMode.Strict);

        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.AddPolicy(SignInRateLimit, context =>
            {
                // Only attempts (posts) count; showing the form is free.
                if (!HttpMethods.IsPost(context.Request.Method))
                {
                    return RateLimitPartition.GetNoLimiter("show");
                }

                var auth = context.RequestServices.GetRequiredService<IOptions<SecurityOptions>>().Value.Auth;
                return RateLimitPartition.GetFixedWindowLimiter(
                    SignInLockout.AddressBucket(ClientAddress(context)),
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = auth.SignInRateLimit, Window = auth.SignInRateWindow, QueueLimit = 0 });
            });
            options.OnRejected = static (context, _) =>
            {
                context.HttpContext.Response.ContentType = "text/plain; charset=utf-8";
                return new ValueTask(context.HttpContext.Response.WriteAsync(
                    "Too many sign-in attempts from this address. Wait a minute and try again.", context.HttpContext.RequestAborted));
            };
        });

        // Behind infra/nginx (on the same machine) the client's address and scheme arrive in X-Forwarded-*; only a proxy on
        // loopback is believed, so a client cannot pick the address its failed sign-ins are counted against.
        services.Configure<ForwardedHeadersOptions>(options => options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto);
        return builder;
    }

    /// <summary>The address sign-in failures are counted against (the client's, after a trusted proxy's X-Forwarded-For).</summary>
    public static string ClientAddress(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var address = context.Connection.RemoteIpAddress;
        return address is null ? "unknown" : (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString();
    }

    /// <summary>True for the API and hubs, which answer 401/403 with problem details instead of sending a person to sign in.</summary>
    public static bool IsApi(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments("/hubs");
    }

    /// <summary>The sign-in, sign-out, demo-link and single-sign-on endpoints, and the antiforgery token for cookie API callers.</summary>
    public static IEndpointRouteBuilder MapResultsLiveSecurity(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapPost(AccountSurface.SignOut, SignOutAsync).ExcludeFromDescription();
        app.MapGet(DemoSignInLink.Path, SignInWithLinkAsync).ExcludeFromDescription();
        app.MapGet(AccountSurface.SingleSignOn, (string? returnUrl, IAuthenticationSchemeProvider schemes) => ChallengeOidcAsync(returnUrl, schemes)).ExcludeFromDescription();
        app.MapGet(AccountSurface.SignInComplete, CompleteSignIn).ExcludeFromDescription();
        app.MapGet("/api/v1/antiforgery", GetAntiforgeryToken)
            .RequireAuthorization(policy => policy.AddAuthenticationSchemes(CookieScheme).RequireAuthenticatedUser())
            .WithTags("Newsroom")
            .WithSummary("The antiforgery token a signed-in person's script sends in the RequestVerificationToken header");
        return app;
    }

    private static void ConfigureCookie(CookieAuthenticationOptions options)
    {
        options.Cookie.Name = CookieName;
        options.Cookie.HttpOnly = true;
        options.Cookie.SameSite = SameSiteMode.Strict;
        options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        options.ExpireTimeSpan = SessionLength;
        options.SlidingExpiration = true;
        options.LoginPath = SignInPath;
        options.AccessDeniedPath = AccessDeniedPath;
        options.ReturnUrlParameter = "returnUrl";
        options.Events = new CookieAuthenticationEvents
        {
            OnRedirectToLogin = context =>
            {
                if (IsApi(context.HttpContext))
                {
                    context.Response.Headers.WWWAuthenticate = "Cookie, X-Api-Key";
                    return ApiProblems.Status(StatusCodes.Status401Unauthorized, "Unauthorized", "authentication", "sign in, or send an X-Api-Key").ExecuteAsync(context.HttpContext);
                }

                context.Response.Redirect(SignInPath + "?returnUrl=" + Uri.EscapeDataString(LocalUrl.Sanitize(context.Request.PathBase + context.Request.Path + context.Request.QueryString)));
                return Task.CompletedTask;
            },
            OnRedirectToAccessDenied = context =>
            {
                if (IsApi(context.HttpContext))
                {
                    return ApiProblems.Status(StatusCodes.Status403Forbidden, "Forbidden", "role", $"{context.HttpContext.User.ActorName()} does not have the role this needs").ExecuteAsync(context.HttpContext);
                }

                context.Response.Redirect(AccessDeniedPath + "?returnUrl=" + Uri.EscapeDataString(LocalUrl.Sanitize(context.Request.PathBase + context.Request.Path + context.Request.QueryString)));
                return Task.CompletedTask;
            },
            OnValidatePrincipal = async context =>
            {
                var sessions = context.HttpContext.RequestServices.GetRequiredService<SessionValidator>();
                if (context.Principal is { } principal && !await sessions.StillStandsAsync(principal).ConfigureAwait(false))
                {
                    context.RejectPrincipal();
                    await context.HttpContext.SignOutAsync(CookieScheme).ConfigureAwait(false);
                }
            },
        };
    }

    private static void ConfigureOidc(OpenIdConnectOptions options, OidcOptions oidc)
    {
        options.Authority = oidc.Authority;
        options.ClientId = oidc.ClientId;
        options.ClientSecret = oidc.ClientSecret;
        options.ResponseType = "code";
        options.UsePkce = true;

        // The code comes back in the query of a top-level GET, so the correlation and nonce cookies can be SameSite=Lax
        // (a form_post callback is a cross-site POST, which would need SameSite=None).
        options.ResponseMode = "query";
        options.CorrelationCookie.SameSite = SameSiteMode.Lax;
        options.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        options.NonceCookie.SameSite = SameSiteMode.Lax;
        options.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        options.SignInScheme = CookieScheme;
        options.MapInboundClaims = false;
        options.SaveTokens = false;
        options.Scope.Clear();
        options.Scope.Add("openid");
        options.Scope.Add("profile");

        // Plain http only for a provider on this machine (a test's, or a development one).
        var authority = new Uri(oidc.Authority!);
        options.RequireHttpsMetadata = !authority.IsLoopback;
        options.Events = new OpenIdConnectEvents
        {
            OnTokenValidated = async context =>
            {
                var external = context.Principal!;
                var name = external.FindFirst("preferred_username")?.Value ?? external.FindFirst("name")?.Value
                    ?? external.FindFirst("email")?.Value ?? external.FindFirst("sub")?.Value ?? "unknown";
                var roles = external.FindAll(oidc.RoleClaim!)
                    .SelectMany(c => c.Value.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries))
                    .Where(r => NewsroomRoles.All.Contains(r));
                var address = ClientAddress(context.HttpContext);
                context.Principal = UserDirectory.Principal(ActorNames.SingleSignOn(name), name, roles, SignInMethods.Oidc, address: address);
                context.Properties!.IsPersistent = true;
                var signIn = context.HttpContext.RequestServices.GetRequiredService<PasswordSignIn>();
                await signIn.RecordSignInAsync(context.Principal, $"single sign-on; from {address}").ConfigureAwait(false);
            },
            OnRemoteFailure = async context =>
            {
                var failures = context.HttpContext.RequestServices.GetRequiredService<FailedSignIns>();
                await failures.RecordAsync("(single sign-on)", ClientAddress(context.HttpContext), "single sign-on failed: " + AuditEvent.Clean(context.Failure?.Message)).ConfigureAwait(false);
                context.Response.Redirect(SignInPath + "?error=sso");
                context.HandleResponse();
            },
        };
    }

    private static void AddPolicies(Microsoft.AspNetCore.Authorization.AuthorizationOptions options)
    {
        static bool Role(ClaimsPrincipal user, string role) => user.IsInRole(role) || user.IsInRole(NewsroomRoles.Admin);
        static bool Permission(ClaimsPrincipal user, string permission) => user.HasClaim(ResultsLiveClaims.Permission, permission);

        options.AddPolicy(Policies.Editor, p => p.RequireAuthenticatedUser().RequireAssertion(c => Role(c.User, NewsroomRoles.Editor)));
        options.AddPolicy(Policies.Operator, p => p.RequireAuthenticatedUser()
            .RequireAssertion(c => Role(c.User, NewsroomRoles.Operator) || Permission(c.User, ApiKeyPermissions.Operator)));
        options.AddPolicy(Policies.Admin, p => p.RequireAuthenticatedUser().RequireRole(NewsroomRoles.Admin));
        options.AddPolicy(Policies.Ingest, p => p.AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName)
            .RequireAuthenticatedUser().RequireClaim(ResultsLiveClaims.Permission, ApiKeyPermissions.Ingest));
        options.AddPolicy(Policies.Override, p => p.RequireAuthenticatedUser()
            .RequireAssertion(c => c.User.IsInRole(NewsroomRoles.Admin) || Permission(c.User, ApiKeyPermissions.Override)));
        options.AddPolicy(Policies.ExitPoll, p => p.RequireAuthenticatedUser()
            .RequireAssertion(c => c.User.IsInRole(NewsroomRoles.Admin) || Permission(c.User, ApiKeyPermissions.Ingest)));
    }

    private static async Task<IResult> SignOutAsync(HttpContext context, IAntiforgery antiforgery, AuditRecorder audit)
    {
        if (!await antiforgery.IsRequestValidAsync(context).ConfigureAwait(false))
        {
            return ApiProblems.Status(StatusCodes.Status400BadRequest, "Bad request", "__RequestVerificationToken", "is missing or not valid for this session");
        }

        if (context.User.Identity?.IsAuthenticated == true)
        {
            await audit.RecordAsync(context.User, AuditActions.SignOut, context.User.ActorName(), null).ConfigureAwait(false);
            await context.SignOutAsync(CookieScheme).ConfigureAwait(false);
        }

        return Results.Redirect("/");
    }

    private static async Task<IResult> SignInWithLinkAsync(string? token, HttpContext context, DemoSignInLink link, PasswordSignIn signIn, FailedSignIns failures)
    {
        var address = ClientAddress(context);
        if (!await link.RedeemAsync(token).ConfigureAwait(false))
        {
            await failures.RecordAsync(DemoSignInLink.UserName, address, "demo link not valid (used, expired or wrong)").ConfigureAwait(false);
            return Results.Redirect(SignInPath + "?error=link");
        }

        var principal = UserDirectory.Principal(ActorNames.User(DemoSignInLink.UserName), DemoSignInLink.UserName, [NewsroomRoles.Admin], SignInMethods.DemoLink, address: address);
        await context.SignInAsync(CookieScheme, principal, new AuthenticationProperties { IsPersistent = true }).ConfigureAwait(false);
        await signIn.RecordSignInAsync(principal, $"one-time demo link; from {address}").ConfigureAwait(false);
        return Results.Redirect("/admin");
    }

    private static async Task<IResult> ChallengeOidcAsync(string? returnUrl, IAuthenticationSchemeProvider schemes)
    {
        if (await schemes.GetSchemeAsync(OidcScheme).ConfigureAwait(false) is null)
        {
            return Results.Redirect(SignInPath);
        }

        var target = LocalUrl.Sanitize(returnUrl);
        return Results.Challenge(new AuthenticationProperties { RedirectUri = AccountSurface.SignInComplete + "?returnUrl=" + Uri.EscapeDataString(target) }, [OidcScheme]);
    }

    // The provider's redirect back is a cross-site navigation, on which a browser does not send a SameSite=Strict cookie;
    // this page moves on from the site itself, so the next request carries the session cookie.
    private static IResult CompleteSignIn(string? returnUrl)
    {
        var target = WebUtility.HtmlEncode(LocalUrl.Sanitize(returnUrl));
        return Results.Content(
            $"""<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><meta http-equiv="refresh" content="0;url={target}"><title>Signed in · ResultsLive</title></head><body><p>Signed in. <a href="{target}">Continue</a>.</p></body></html>""",
            "text/html; charset=utf-8");
    }

    private static IResult GetAntiforgeryToken(HttpContext context, IAntiforgery antiforgery)
    {
        var tokens = antiforgery.GetAndStoreTokens(context);
        return Results.Json(new { headerName = tokens.HeaderName, token = tokens.RequestToken });
    }
}
