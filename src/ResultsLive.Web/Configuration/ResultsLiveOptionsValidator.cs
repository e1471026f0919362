using Microsoft.Extensions.Options;

namespace ResultsLive.Web.Configuration;

/// <summary>Fails start-up with every configuration mistake listed, rather than on the first declaration.</summary>
public sealed class ResultsLiveOptionsValidator : IValidateOptions<ResultsLiveOptions>
{
    public ValidateOptionsResult Validate(string? name, ResultsLiveOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.Mode is { Length: > 0 } mode && mode is not ("live" or "test"))
        {
            failures.Add($"ResultsLive:Mode must be 'live' or 'test', not '{mode}'.");
        }

        var election = options.Election;
        foreach (var (key, path) in new[]
                 {
                     ("Candidates", election.Candidates), ("Constituencies", election.Constituencies),
                     ("Baseline", election.Baseline), ("Hexmap", election.Hexmap),
                 })
        {
            if (!string.IsNullOrWhiteSpace(path) && !File.Exists(path))
            {
                failures.Add($"ResultsLive:Election:{key} names '{path}', which does not exist.");
            }
        }

        if (options.IsDemo && (election.Constituencies ?? election.Baseline ?? election.Hexmap) is not null)
        {
            failures.Add("ResultsLive:Election:Candidates is required when other election files are configured.");
        }

        if (options.Demo.Seats is < 1 or > 5000)
        {
            failures.Add("ResultsLive:Demo:Seats must be between 1 and 5000.");
        }

        if (options.Demo.Duration <= TimeSpan.Zero)
        {
            failures.Add("ResultsLive:Demo:Duration must be positive.");
        }

        if (options.Journal.ReplicaAcks is < 0 or > 10)
        {
            failures.Add("ResultsLive:Journal:ReplicaAcks must be between 0 and 10.");
        }

        if (options.Journal.ReplicaAckTimeout <= TimeSpan.Zero || options.Journal.ReplicaAckTimeout > TimeSpan.FromSeconds(30))
        {
            failures.Add("ResultsLive:Journal:ReplicaAckTimeout must be more than 0 and at most 30 seconds.");
        }

        if (options.Push.SendTimeout <= TimeSpan.Zero)
        {
            failures.Add("ResultsLive:Push:SendTimeout must be positive.");
        }

        if (options.Ingest.ApiKeys.Any(k => k.Length < 16))
        {
            failures.Add("ResultsLive:Ingest:ApiKeys: every key must be at least 16 characters.");
        }

        return failures.Count > 0 ? ValidateOptionsResult.Fail(failures) : ValidateOptionsResult.Success;
    }
}
