using Microsoft.Extensions.Time.Testing;

using ResultsLive.Web.Security;

namespace ResultsLive.Web.Tests.Security;

/// <summary>A session ends when its user is removed or changed in configuration, or locked on the session's own address.</summary>
public sealed class SessionValidatorTests
{
    private readonly SecurityOptions _options = SignInLockoutContract.Users("oscar");
    private readonly MemorySecurityStore _store = new(new FakeTimeProvider(DateTimeOffset.UtcNow));

    [Fact]
    public async Task StillStands_UnchangedUser_IsTrue() => Assert.True(await Validator().StillStandsAsync(Session()));

    [Fact]
    public async Task StillStands_UserRemoved_IsFalse()
    {
        var session = Session();
        _options.Users.Clear();

        Assert.False(await Validator().StillStandsAsync(session));
    }

    [Fact]
    public async Task StillStands_PasswordChanged_IsFalse()
    {
        var session = Session();
        _options.Users[0].PasswordHash = "AQAAAAIAAYagAAAAEChanged";

        Assert.False(await Validator().StillStandsAsync(session));
    }

    [Fact]
    public async Task StillStands_LockedOnTheSessionsAddress_IsFalseButNotWhenLockedElsewhere()
    {
        var session = Session("198.51.100.9");
        var lockout = new SignInLockout(_store, Directory());
        for (var i = 0; i < SignInLockout.PairLimit; i++)
        {
            await lockout.RecordFailureAsync("oscar", "203.0.113.9");
        }

        Assert.True(await Validator().StillStandsAsync(session));

        for (var i = 0; i < SignInLockout.PairLimit; i++)
        {
            await lockout.RecordFailureAsync("oscar", "198.51.100.9");
        }

        Assert.False(await Validator().StillStandsAsync(session));
    }

    private UserDirectory Directory() => new(new SignInLockoutContract.StaticOptions(_options));

    private SessionValidator Validator() => new(Directory(), new SignInLockout(_store, Directory()));

    private System.Security.Claims.ClaimsPrincipal Session(string address = "198.51.100.8")
    {
        var user = Directory().Find("oscar")!;
        return UserDirectory.Principal(ActorNames.User(user.Name), user.Name, user.Roles, SignInMethods.Password, user.Stamp, address);
    }
}
