using System.ComponentModel.DataAnnotations;

using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.Options;

using ResultsLive.Web.Security;

namespace ResultsLive.Web.Account;

/// <summary>
/// <c>/signin</c>: a static page (no circuit) with a password form under antiforgery and, when configured, single sign-on.
/// Errors appear beside the password; the attempt itself is limited, locked out and audited by <see cref="PasswordSignIn"/>.
/// </summary>
public sealed partial class SignIn
{
    [Inject]
    public required UserDirectory Users { get; init; }

    [Inject]
    public required PasswordSignIn PasswordSignIn { get; init; }

    [Inject]
    public required IOptions<SecurityOptions> Options { get; init; }

    [Inject]
    public required NavigationManager Navigation { get; init; }

    [Inject]
    public required DemoSignInLink DemoLink { get; init; }

    [CascadingParameter]
    public HttpContext? HttpContext { get; set; }

    [SupplyParameterFromQuery]
    public string? ReturnUrl { get; set; }

    [SupplyParameterFromQuery(Name = "error")]
    public string? Error { get; set; }

    [SupplyParameterFromForm(FormName = "signin")]
    private SignInInput Input { get; set; } = default!;

    private string? Notice { get; set; }

    private bool OidcConfigured => Options.Value.Auth.Oidc.IsConfigured;

    private string OidcName => Options.Value.Auth.Oidc.DisplayName ?? "single sign-on";

    private string OidcLink => "signin/oidc?returnUrl=" + Uri.EscapeDataString(LocalUrl.Sanitize(ReturnUrl));

    protected override void OnInitialized()
    {
        Input ??= new SignInInput();
        Notice = Error switch
        {
            "link" => "That sign-in link has been used or has expired. Restart the demo for a new one.",
            "sso" => "Single sign-on did not complete. Try again, or sign in with a password.",
            _ => null,
        };
    }

    private async Task SignInAsync(EditContext context)
    {
        var http = HttpContext ?? throw new InvalidOperationException("the sign-in page renders on the server only");
        var result = await PasswordSignIn.SignInAsync(Input.Name!, Input.Password!, SecurityHostExtensions.ClientAddress(http));
        if (result.Principal is null)
        {
            var messages = new ValidationMessageStore(context);
            messages.Add(context.Field(nameof(SignInInput.Password)), result.Lockout.Kind switch
            {
                LockoutKind.Account => $"This account is locked on this address after too many failed attempts. Try again in {Minutes(result.Lockout.Remaining)}, or ask an admin to unlock it.",
                LockoutKind.Address => $"Too many failed sign-ins from this address. Try again in {Minutes(result.Lockout.Remaining)}.",
                _ => "That name and password do not match.",
            });
            context.NotifyValidationStateChanged();
            http.Response.StatusCode = result.Lockout.IsLocked ? StatusCodes.Status429TooManyRequests : StatusCodes.Status401Unauthorized;
            return;
        }

        await http.SignInAsync(SecurityHostExtensions.CookieScheme, result.Principal, new AuthenticationProperties { IsPersistent = true });
        Navigation.NavigateTo(LocalUrl.Sanitize(ReturnUrl, Landing(result.Principal)));
    }

    // With no page asked for, a person lands on the surface of their role.
    private static string Landing(System.Security.Claims.ClaimsPrincipal user) =>
        user.IsInRole(NewsroomRoles.Admin) ? "/admin" : user.IsInRole(NewsroomRoles.Operator) ? "/operator" : "/desk";

    private static string Minutes(TimeSpan remaining)
    {
        var minutes = Math.Max(1, (int)Math.Ceiling(remaining.TotalMinutes));
        return minutes == 1 ? "a minute" : $"{minutes} minutes";
    }

    /// <summary>The sign-in form's fields.</summary>
    internal sealed class SignInInput
    {
        [Required(ErrorMessage = "Enter your name.")]
        [StringLength(64, ErrorMessage = "Names are at most 64 characters.")]
        public string? Name { get; set; }

        [Required(ErrorMessage = "Enter your password.")]
        [StringLength(256, ErrorMessage = "Passwords are at most 256 characters.")]
        public string? Password { get; set; }
    }
}
