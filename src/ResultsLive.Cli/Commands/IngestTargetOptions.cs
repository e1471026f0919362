using System.CommandLine;

namespace ResultsLive.Cli.Commands;

/// <summary>Where to post and with which key: <c>--to URL --api-key KEY</c>, shared by replay and declare.</summary>
internal sealed class IngestTargetOptions
{
    public IngestTargetOptions()
    {
        To.Validators.Add(result =>
        {
            if (!Uri.TryCreate(result.GetValueOrDefault<string>(), UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
            {
                result.AddError("--to must be an http or https URL, e.g. http://localhost:5080");
            }
        });
    }

    public Option<string> To { get; } = new("--to") { Description = "the node's base URL, e.g. http://localhost:5080", Required = true };

    public Option<string> ApiKey { get; } = new("--api-key")
    {
        Description = "an ingest key from ResultsLive:Ingest:ApiKeys (default: the RESULTSLIVE_API_KEY environment variable)",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("RESULTSLIVE_API_KEY") ?? "",
    };

    public IngestTarget Read(ParseResult parse)
    {
        var url = new Uri(parse.GetRequiredValue(To), UriKind.Absolute);
        return new IngestTarget(url.AbsoluteUri.EndsWith('/') ? url : new Uri(url.AbsoluteUri + "/"), parse.GetValue(ApiKey) ?? "");
    }
}

/// <summary>A node's base URL and the key to post to it with.</summary>
internal sealed record IngestTarget(Uri Url, string ApiKey);
