using System.CommandLine;

using ResultsLive.Cli.Commands;

namespace ResultsLive.Cli;

/// <summary>The <c>resultslive</c> command and its subcommands, built in one place so tests run exactly what users run.</summary>
public static class CliApp
{
    /// <param name="input">Where <c>user hash</c> reads the password; the console (without echo at a terminal) when null.</param>
    public static RootCommand Create(Func<TextReader>? input = null) => new("resultslive: election-night results from the command line")
    {
        TallyCommand.Create(),
        ReplayCommand.Create(),
        DeclareCommand.Create(),
        WatchCommand.Create(),
        BacktestCommand.Create(),
        UserCommand.Create(input),
        GraphicsCommand.Create(),
    };
}
