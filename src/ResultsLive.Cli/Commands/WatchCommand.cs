using System.CommandLine;

using ResultsLive.Cli.Watch;

namespace ResultsLive.Cli.Commands;

/// <summary><c>resultslive watch</c>: prints each declaration's result text as it arrives, through reconnects.</summary>
internal static class WatchCommand
{
    public static Command Create()
    {
        var url = new Option<string>("--url") { Description = "the node's base URL, e.g. http://localhost:5080", Required = true };
        var constituency = new Option<string?>("--constituency") { Description = "follow one seat (its GSS code) instead of the whole election" };
        var command = new Command("watch", "print each declaration's result text as it arrives") { url, constituency };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var console = parse.InvocationConfiguration;
            if (!Uri.TryCreate(parse.GetRequiredValue(url).TrimEnd('/') + "/", UriKind.Absolute, out var baseUrl))
            {
                await console.Error.WriteLineAsync("--url must be an absolute URL").ConfigureAwait(false);
                return 2;
            }

            await using var watcher = new ResultsWatcher(baseUrl, parse.GetValue(constituency), text => console.Output.WriteLineAsync(text));
            watcher.Notice += notice => console.Error.WriteLine(notice);
            try
            {
                await watcher.StartAsync(cancellationToken).ConfigureAwait(false);
                await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Ctrl+C: a normal way to stop watching.
            }
            catch (HttpRequestException ex)
            {
                await console.Error.WriteLineAsync($"{baseUrl} did not answer: {ex.Message}").ConfigureAwait(false);
                return 1;
            }

            return 0;
        });
        return command;
    }
}
