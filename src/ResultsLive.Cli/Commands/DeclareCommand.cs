using System.CommandLine;

using ResultsLive.Cli.Ingest;

namespace ResultsLive.Cli.Commands;

/// <summary><c>resultslive declare</c>: posts one declaration from a JSON file (the body of POST /api/v1/declarations).</summary>
internal static class DeclareCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("FILE") { Description = "a JSON declaration, as the API takes it" };
        var options = new IngestTargetOptions();
        var command = new Command("declare", "post one declaration") { options.To, options.ApiKey, file };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var console = parse.InvocationConfiguration;
            var path = parse.GetRequiredValue(file);
            if (!path.Exists)
            {
                await console.Error.WriteLineAsync($"{path.FullName} does not exist.").ConfigureAwait(false);
                return 2;
            }

            var target = options.Read(parse);
            using var client = new IngestClient(target.Url, target.ApiKey);
            IngestReply reply;
            try
            {
                reply = await client.PostAsync(await File.ReadAllTextAsync(path.FullName, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException ex)
            {
                await console.Error.WriteLineAsync($"{target.Url} did not answer after retries: {ex.Message}").ConfigureAwait(false);
                return 1;
            }

            switch (reply.Status)
            {
                case IngestStatus.Accepted:
                    await console.Output.WriteLineAsync($"accepted as sequence {reply.Sequence}").ConfigureAwait(false);
                    return 0;
                case IngestStatus.Repeated:
                    await console.Output.WriteLineAsync($"already declared: sequence {reply.Sequence}").ConfigureAwait(false);
                    return 0;
                default:
                    await console.Error.WriteLineAsync($"rejected ({reply.HttpStatus}): {reply.Problem}").ConfigureAwait(false);
                    return 1;
            }
        });
        return command;
    }
}
