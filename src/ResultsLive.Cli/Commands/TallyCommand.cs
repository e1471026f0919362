using System.CommandLine;
using System.Text.Json;

using ResultsLive.Core.Arithmetic;
using ResultsLive.Core.Contracts;
using ResultsLive.Core.Model;
using ResultsLive.Import;

namespace ResultsLive.Cli.Commands;

/// <summary><c>resultslive tally</c>: treats every seat in a results-by-candidate file as declared and prints the outcome.</summary>
internal static class TallyCommand
{
    public static Command Create()
    {
        var candidates = new Option<FileInfo>("--candidates")
        {
            Description = "House of Commons Library results-by-candidate CSV (votes and nominations)",
            Required = true,
        };
        var constituencies = new Option<FileInfo?>("--constituencies")
        {
            Description = "House of Commons Library results-by-constituency CSV (electorate, invalid votes, region, nation)",
        };
        var baseline = new Option<FileInfo?>("--baseline")
        {
            Description = "baseline file: a notional results CSV, or an earlier election's results-by-candidate CSV",
        };
        var baselineKind = new Option<BaselineKind>("--baseline-kind")
        {
            Description = "notional | previous",
            DefaultValueFactory = _ => BaselineKind.Notional,
        };
        var times = new Option<FileInfo?>("--times") { Description = "declaration-times CSV, so each seat carries the time it declared" };
        var electionDay = new Option<DateOnly?>("--election-day") { Description = "polling day, for times without a date (default: from the file name, e.g. GE2024)" };
        var json = new Option<bool>("--json") { Description = "print the public API's JSON shapes instead of tables" };

        var command = new Command("tally", "declare every seat in a results file and print the national tally and every seat")
        {
            candidates, constituencies, baseline, baselineKind, times, electionDay, json,
        };
        command.SetAction(parse => Run(
            new ElectionFiles(
                parse.GetRequiredValue(candidates).FullName,
                parse.GetValue(constituencies)?.FullName,
                parse.GetValue(baseline)?.FullName,
                parse.GetValue(baselineKind),
                null,
                parse.GetValue(times)?.FullName,
                parse.GetValue(electionDay) ?? ElectionDays.FromFileName(parse.GetRequiredValue(candidates).Name)),
            parse.GetValue(json),
            parse.InvocationConfiguration.Output,
            parse.InvocationConfiguration.Error));
        return command;
    }

    private static int Run(ElectionFiles files, bool json, TextWriter output, TextWriter error)
    {
        LoadedElection loaded;
        try
        {
            loaded = ElectionLoader.Load(files);
        }
        catch (Exception ex) when (ex is ImportException or IOException)
        {
            error.WriteLine(ex.Message);
            return 2;
        }

        var election = loaded.Election;
        var tally = new NationalTally(election);
        foreach (var declaration in loaded.Results)
        {
            tally.Apply(SeatCalculator.Calculate(election, declaration));
        }

        var snapshot = tally.Snapshot();
        if (json)
        {
            var document = new TallyDocument(
                ResultsContract.National(election, snapshot, "live", loaded.Results.Count),
                [.. election.Constituencies.Select(c => ResultsContract.Detail(election, c, SeatStatus.Declared, tally.Seat(c.Code)))]);
            output.WriteLine(JsonSerializer.Serialize(document, ResultsContract.JsonOptions));
        }
        else
        {
            TallyTables.Write(output, election, snapshot, tally);
        }

        return 0;
    }

    /// <summary>What <c>--json</c> prints: the national snapshot and every seat, in the public API's shapes.</summary>
    private sealed record TallyDocument(NationalResultsDto National, IReadOnlyList<ConstituencyDetailDto> Constituencies);
}
