using System.CommandLine;

namespace ResultsLive.Cli.Commands;

/// <summary>
/// Where to post and with which key: <c>--to URL --api-key KEY</c>, shared by replay and declare. <c>--to</c> may be given
/// more than once: posts are spread over the nodes, and one that does not answer is left for the next.
/// </summary>
internal sealed class IngestTargetOptions
{
    public IngestTargetOptions()
    {
        To.Validators.Add(result =>
        {
            foreach (var value in result.GetValueOrDefault<string[]>() ?? [])
            {
                if (!Uri.TryCreate(value, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
                {
                    result.AddError("--to must be an http or https URL, e.g. http://localhost:5080");
                }
            }
        });
    }

    public Option<string[]> To { get; } = new("--to")
    {
        Description = "a node's base URL, e.g. http://localhost:5080; repeat it to post through several nodes",
        Required = true,
    };

    public Option<string> ApiKey { get; } = new("--api-key")
    {
        Description = "an ingest key from ResultsLive:Ingest:ApiKeys (default: the RESULTSLIVE_API_KEY environment variable)",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("RESULTSLIVE_API_KEY") ?? "",
    };

    public IngestTarget Read(ParseResult parse)
    {
        var urls = parse.GetRequiredValue(To)
            .Select(u => new Uri(u, UriKind.Absolute))
            .Select(u => u.AbsoluteUri.EndsWith('/') ? u : new Uri(u.AbsoluteUri + "/"))
            .ToList();
        return new IngestTarget(urls, parse.GetValue(ApiKey) ?? "");
    }
}

/// <summary>The nodes' base URLs and the key to post to them with.</summary>
internal sealed record IngestTarget(IReadOnlyList<Uri> Urls, string ApiKey)
{
    /// <summary>The first node, for commands that post once.</summary>
    public Uri Url => Urls[0];
}
