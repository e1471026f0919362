using Microsoft.AspNetCore.Identity;

namespace ResultsLive.Cli.Tests.Commands;

/// <summary><c>resultslive user hash</c>: a password on stdin in, a hash the web host verifies out, the password nowhere.</summary>
public sealed class UserCommandTests
{
    [Fact]
    public async Task Hash_PasswordOnStdin_PrintsAHashThatVerifiesIt()
    {
        var (exitCode, output, _) = await InvokeAsync("correct horse battery staple\n", "user", "hash");

        Assert.Equal(0, exitCode);
        var hash = output.Trim();
        Assert.DoesNotContain("horse", hash, StringComparison.Ordinal);
        var hasher = new PasswordHasher<object>();
        Assert.NotEqual(PasswordVerificationResult.Failed, hasher.VerifyHashedPassword(new object(), hash, "correct horse battery staple"));
        Assert.Equal(PasswordVerificationResult.Failed, hasher.VerifyHashedPassword(new object(), hash, "correct horse battery stapler"));
    }

    [Fact]
    public async Task Hash_SamePasswordTwice_GivesDifferentSaltedHashes()
    {
        var first = await InvokeAsync("correct horse battery staple\n", "user", "hash");
        var second = await InvokeAsync("correct horse battery staple\n", "user", "hash");

        Assert.NotEqual(first.Output, second.Output);
    }

    [Theory]
    [InlineData("")]
    [InlineData("short\n")]
    public async Task Hash_NoOrShortPassword_FailsWithoutPrintingAHash(string input)
    {
        var (exitCode, output, error) = await InvokeAsync(input, "user", "hash");

        Assert.Equal(2, exitCode);
        Assert.Empty(output);
        Assert.Contains("at least 8 characters", error, StringComparison.Ordinal);
    }

    private static async Task<(int ExitCode, string Output, string Error)> InvokeAsync(string stdin, params string[] args)
    {
        using var input = new StringReader(stdin);
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await CliApp.Create(() => input).Parse(args).InvokeAsync(new System.CommandLine.InvocationConfiguration { Output = output, Error = error });
        return (exitCode, output.ToString(), error.ToString());
    }
}
