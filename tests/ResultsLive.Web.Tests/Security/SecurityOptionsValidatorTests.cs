using ResultsLive.Web.Security;

namespace ResultsLive.Web.Tests.Security;

/// <summary>Start-up refuses users, keys and single sign-on that would not work, naming each key at fault.</summary>
public sealed class SecurityOptionsValidatorTests
{
    private static readonly string Hash = PasswordHashes.Hash("a good long password");

    [Fact]
    public void Validate_GoodConfiguration_Succeeds()
    {
        var options = new SecurityOptions();
        options.Users.Add(User("alice", Hash, NewsroomRoles.Admin));
        options.ApiKeys["wire"] = Key("wire-key-0123456789", ApiKeyPermissions.Ingest);

        Assert.True(new SecurityOptionsValidator().Validate(null, options).Succeeded);
    }

    [Fact]
    public void Validate_EveryMistake_IsListed()
    {
        var options = new SecurityOptions();
        options.Users.Add(User("alice", Hash, NewsroomRoles.Admin));
        options.Users.Add(User("ALICE", Hash, NewsroomRoles.Editor));
        options.Users.Add(User("bob", "plain-text-password", "superuser"));
        options.ApiKeys["short"] = Key("too-short", ApiKeyPermissions.Ingest);
        options.ApiKeys["odd"] = Key("odd-key-0123456789012", "delete-everything");
        options.ApiKeys["twin"] = Key("odd-key-0123456789012", ApiKeyPermissions.Ingest);
        options.Auth.Oidc.Authority = "https://login.example";

        var failures = new SecurityOptionsValidator().Validate(null, options).Failures!.ToList();

        Assert.Contains(failures, f => f.Contains("ResultsLive:Users:1:Name 'ALICE' is configured twice", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("ResultsLive:Users:2:PasswordHash", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("ResultsLive:Users:2:Roles: 'superuser'", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("ResultsLive:ApiKeys:short:Key must be at least 16", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("ResultsLive:ApiKeys:odd:Permissions: 'delete-everything'", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("ResultsLive:ApiKeys:twin:Key is the same as the key named 'odd'", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("ResultsLive:Auth:Oidc needs all of", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not base64 at all")]
    [InlineData("AQAAAA==")]
    [InlineData("AgAAAAIAAYagAAAAEJ6xvOVm2CE6aWbM6Y7m2m0=")]
    public void PasswordHashes_AnythingButAHasherHash_IsNotReadable(string hash) => Assert.False(PasswordHashes.IsReadable(hash));

    [Fact]
    public void PasswordHashes_WhatTheHasherPrints_IsReadableAndVerifies()
    {
        Assert.True(PasswordHashes.IsReadable(Hash));
        Assert.True(PasswordHashes.Verify(Hash, "a good long password"));
        Assert.False(PasswordHashes.Verify(Hash, "a good long passwore"));
    }

    private static UserOptions User(string name, string hash, string role)
    {
        var user = new UserOptions { Name = name, PasswordHash = hash };
        user.Roles.Add(role);
        return user;
    }

    private static ApiKeyOptions Key(string key, string permission)
    {
        var options = new ApiKeyOptions { Key = key };
        options.Permissions.Add(permission);
        return options;
    }
}
