using System.CommandLine;
using System.Diagnostics;

using ResultsLive.Cli.Ingest;
using ResultsLive.Core.Model;
using ResultsLive.Import;

namespace ResultsLive.Cli.Commands;

/// <summary><c>resultslive replay</c>: posts a whole election's declarations to a node in declaration-time order.</summary>
internal static class ReplayCommand
{
    public static Command Create()
    {
        var candidates = new Option<FileInfo>("--candidates") { Description = "Library results-by-candidate CSV: the votes to declare", Required = true };
        var constituencies = new Option<FileInfo?>("--constituencies") { Description = "Library results-by-constituency CSV: electorate and invalid votes" };
        var times = new Option<FileInfo?>("--times") { Description = "declaration-times CSV (HH:MM on the night); seats without a time go last" };
        var electionDay = new Option<DateOnly?>("--election-day") { Description = "polling day, for times without a date (default: from the file name, e.g. GE2024)" };
        var options = new IngestTargetOptions();
        var speed = new Option<string>("--speed")
        {
            Description = "N times real speed, or max for as fast as the node takes them",
            DefaultValueFactory = _ => "max",
        };
        speed.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<string>();
            if (value != "max" && (!double.TryParse(value, out var n) || n <= 0))
            {
                result.AddError("--speed must be a positive number or 'max'");
            }
        });

        var giveUp = new Option<int>("--give-up-after")
        {
            Description = "seconds to keep retrying one declaration that no node takes (503 while Redis fails over is retried as Retry-After says)",
            DefaultValueFactory = _ => 120,
        };
        giveUp.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 1)
            {
                result.AddError("--give-up-after must be at least 1 second");
            }
        });

        var command = new Command("replay", "post every seat's declaration to a node, in the order the seats declared")
        {
            candidates, constituencies, times, electionDay, options.To, options.ApiKey, speed, giveUp,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(
            parse.GetRequiredValue(candidates),
            parse.GetValue(constituencies),
            parse.GetValue(times),
            parse.GetValue(electionDay),
            options.Read(parse),
            parse.GetValue(speed) is "max" or null ? null : double.Parse(parse.GetValue(speed)!, System.Globalization.CultureInfo.InvariantCulture),
            TimeSpan.FromSeconds(parse.GetValue(giveUp)),
            parse.InvocationConfiguration,
            cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(
        FileInfo candidates,
        FileInfo? constituencies,
        FileInfo? times,
        DateOnly? electionDay,
        IngestTarget target,
        double? speed,
        TimeSpan giveUpAfter,
        InvocationConfiguration console,
        CancellationToken cancellationToken)
    {
        LoadedElection loaded;
        try
        {
            var day = electionDay ?? ElectionDays.FromFileName(candidates.Name);
            if (times is not null && day is null)
            {
                await console.Error.WriteLineAsync("--election-day is needed: the times file has no dates and the candidate file name does not say the year.").ConfigureAwait(false);
                return 2;
            }

            loaded = ElectionLoader.Load(new ElectionFiles(candidates.FullName, constituencies?.FullName, null, BaselineKind.Notional, null, times?.FullName, day));
        }
        catch (Exception ex) when (ex is ImportException or IOException)
        {
            await console.Error.WriteLineAsync(ex.Message).ConfigureAwait(false);
            return 2;
        }

        // Seats with a known time in time order; those without one (Inverness in 2024) after them. Seats that declared
        // in the same minute are simultaneous as far as the record goes, so they are posted together.
        var night = loaded.Results
            .OrderBy(d => loaded.DeclarationTimes.ContainsKey(d.Constituency) ? 0 : 1)
            .ThenBy(d => d.DeclaredAt)
            .ThenBy(d => d.Constituency, StringComparer.Ordinal)
            .GroupBy(d => (Timed: loaded.DeclarationTimes.ContainsKey(d.Constituency), d.DeclaredAt))
            .Select(g => g.ToList())
            .ToList();

        using var client = new IngestClient(target.Urls, target.ApiKey, giveUpAfter: giveUpAfter);
        var progress = new ProgressLine(console.Error, loaded.Results.Count);
        var summary = new ReplaySummary();
        var clock = Stopwatch.StartNew();
        var start = night.Count > 0 ? night[0][0].DeclaredAt : default;
        foreach (var together in night)
        {
            if (speed is { } factor)
            {
                var due = TimeSpan.FromTicks((long)((together[0].DeclaredAt - start).Ticks / factor));
                if (due > clock.Elapsed)
                {
                    await Task.Delay(due - clock.Elapsed, cancellationToken).ConfigureAwait(false);
                }
            }

            IngestReply[] replies;
            try
            {
                replies = await Task.WhenAll(together.Select(d => client.DeclareAsync(d, cancellationToken))).ConfigureAwait(false);
            }
            catch (HttpRequestException ex)
            {
                progress.Finish();
                await console.Error.WriteLineAsync($"{string.Join(", ", target.Urls)} did not answer for {giveUpAfter.TotalSeconds:0} s: {ex.Message}").ConfigureAwait(false);
                summary.Write(console.Output, clock.Elapsed, client.Retries, client.LongestOutage);
                return 1;
            }

            foreach (var (declaration, reply) in together.Zip(replies))
            {
                summary.Add(declaration, reply);
            }

            progress.Advance(summary.Done);
        }

        progress.Finish();
        summary.Write(console.Output, clock.Elapsed, client.Retries, client.LongestOutage);
        return summary.Rejected.Count == 0 ? 0 : 1;
    }
}
