using System.CommandLine;

namespace ResultsLive.Cli.Tests;

/// <summary>Runs the real <c>resultslive</c> command tree in-process and captures what it prints.</summary>
internal static class CliRun
{
    public static async Task<(int ExitCode, string Output, string Error)> InvokeAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await CliApp.Create().Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (exitCode, output.ToString(), error.ToString());
    }
}
