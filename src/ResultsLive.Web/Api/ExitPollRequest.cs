using ResultsLive.Core.Model;
using ResultsLive.Core.Validation;

namespace ResultsLive.Web.Api;

/// <summary>The body of <c>POST /api/v1/exit-poll</c>. Every field is nullable so a missing one is named, not defaulted.</summary>
public sealed class ExitPollRequest
{
    public IList<ExitPollPartyRequest?>? Parties { get; set; }

    public string? Source { get; set; }

    public DateTimeOffset? PublishedAt { get; set; }

    /// <summary>The exit poll, or the fields that are missing. The validator then checks the figures themselves.</summary>
    public (ExitPoll? ExitPoll, IReadOnlyList<ValidationProblem> Missing) ToExitPoll()
    {
        var missing = new List<ValidationProblem>();
        if (Parties is null)
        {
            missing.Add(new("parties", "is required"));
        }

        if (string.IsNullOrWhiteSpace(Source))
        {
            missing.Add(new("source", "is required: whose exit poll it is"));
        }

        if (PublishedAt is null)
        {
            missing.Add(new("publishedAt", "is required: when it was published, with its offset"));
        }

        for (var i = 0; i < (Parties?.Count ?? 0); i++)
        {
            if (Parties![i] is not { } party)
            {
                missing.Add(new($"parties[{i}]", "is required"));
                continue;
            }

            if (string.IsNullOrWhiteSpace(party.Party))
            {
                missing.Add(new($"parties[{i}].party", "is required"));
            }

            if (party.Seats is null)
            {
                missing.Add(new($"parties[{i}].seats", "is required"));
            }
        }

        return missing.Count > 0
            ? (null, missing)
            : (new ExitPoll([.. Parties!.Select(p => new ExitPollSeats(p!.Party!.Trim(), p.Seats!.Value))], Source!, PublishedAt!.Value), missing);
    }
}

/// <summary>One party's forecast seats in a posted exit poll.</summary>
public sealed class ExitPollPartyRequest
{
    public string? Party { get; set; }

    public int? Seats { get; set; }
}
