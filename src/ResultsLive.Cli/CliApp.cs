using System.CommandLine;

using ResultsLive.Cli.Commands;

namespace ResultsLive.Cli;

/// <summary>The <c>resultslive</c> command and its subcommands, built in one place so tests run exactly what users run.</summary>
public static class CliApp
{
    public static RootCommand Create() => new("resultslive: election-night results from the command line")
    {
        TallyCommand.Create(),
        ReplayCommand.Create(),
        DeclareCommand.Create(),
        WatchCommand.Create(),
        BacktestCommand.Create(),
    };
}
