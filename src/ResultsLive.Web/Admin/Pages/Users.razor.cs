using System.Globalization;

using Microsoft.AspNetCore.Components;

using ResultsLive.Web.Audit;
using ResultsLive.Web.Security;

namespace ResultsLive.Web.Admin.Pages;

/// <summary><c>/admin/users</c>: the configured users, whether they are locked (and where), their last sign-in, and Unlock.</summary>
public sealed partial class Users
{
    [Inject]
    public required UserDirectory Directory { get; init; }

    [Inject]
    public required SignInLockout Lockout { get; init; }

    [Inject]
    public required PasswordSignIn SignIns { get; init; }

    [Inject]
    public required AuditRecorder Audit { get; init; }

    [Inject]
    public required DemoSignInLink Link { get; init; }

    [CascadingParameter]
    public HttpContext? HttpContext { get; set; }

    [SupplyParameterFromForm(FormName = "unlock")]
    public string? UnlockName { get; set; }

    private List<UserRow> Rows { get; } = [];

    private string? Notice { get; set; }

    protected override async Task OnInitializedAsync()
    {
        Rows.Clear();
        foreach (var user in Directory.Users)
        {
            Rows.Add(new UserRow(user.Name, user.Roles, await Lockout.LocksAsync(user.Name), await SignIns.LastSignInAsync(user.Name)));
        }
    }

    private async Task UnlockAsync()
    {
        if (Directory.Find(UnlockName) is not { } user)
        {
            Notice = "There is no such user to unlock.";
            return;
        }

        var wasLocked = await Lockout.UnlockAsync(user.Name);
        await Audit.RecordAsync(HttpContext?.User, AuditActions.UserUnlock, ActorNames.User(user.Name), wasLocked ? "unlocked on every address" : "was not locked");
        Notice = $"{user.Name} is unlocked.";
        await OnInitializedAsync();
    }

    private static string Format(DateTimeOffset at) => at.UtcDateTime.ToString("d MMM yyyy, HH:mm 'UTC'", CultureInfo.InvariantCulture);

    private static string Minutes(TimeSpan remaining) => $"{Math.Max(1, (int)Math.Ceiling(remaining.TotalMinutes))} min";

    private sealed record UserRow(string Name, IReadOnlyList<string> Roles, IReadOnlyList<(string Address, TimeSpan Remaining)> Locks, DateTimeOffset? LastSignIn);
}
