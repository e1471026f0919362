using ResultsLive.Core.Model;

namespace ResultsLive.Core.Validation;

/// <summary>Checks an exit poll against the election and reports every problem at once, as <see cref="DeclarationValidator"/> does.</summary>
public static class ExitPollValidator
{
    /// <summary>The longest source: a name and a line of who it was for ("Ipsos for BBC, ITV News and Sky News"), shown on air.</summary>
    public const int MaxSourceLength = 100;

    /// <returns>Every problem (field names as in the JSON body), or none and the poll with the election's spelling of each party.</returns>
    public static (IReadOnlyList<ValidationProblem> Problems, ExitPoll? Accepted) Validate(Election election, ExitPoll exitPoll)
    {
        ArgumentNullException.ThrowIfNull(election);
        ArgumentNullException.ThrowIfNull(exitPoll);

        var problems = new List<ValidationProblem>();
        if (string.IsNullOrWhiteSpace(exitPoll.Source))
        {
            problems.Add(new("source", "must say whose exit poll it is"));
        }
        else if (exitPoll.Source.Trim().Length > MaxSourceLength)
        {
            problems.Add(new("source", $"must be at most {MaxSourceLength} characters, not {exitPoll.Source.Trim().Length}"));
        }
        else if (exitPoll.Source.Any(char.IsControl))
        {
            problems.Add(new("source", "must be one line of plain text, without control characters"));
        }

        if (exitPoll.PublishedAt == default)
        {
            problems.Add(new("publishedAt", "is required"));
        }

        var parties = exitPoll.Parties ?? [];
        if (parties.Count == 0)
        {
            problems.Add(new("parties", "must list at least one party"));
        }

        var accepted = new List<ExitPollSeats>(parties.Count);
        var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        long total = 0;
        for (var i = 0; i < parties.Count; i++)
        {
            if (parties[i] is not { } party)
            {
                problems.Add(new($"parties[{i}]", "is missing"));
                continue;
            }

            if (party.Seats < 0)
            {
                problems.Add(new($"parties[{i}].seats", $"must not be negative, not {party.Seats}"));
            }

            total += Math.Max(0, party.Seats);
            var code = Known(election, party.Party);
            if (code is null)
            {
                problems.Add(new($"parties[{i}].party", $"'{party.Party}' is not a party of {election.Name}; use its code, or {Party.OtherCode} for the rest"));
                continue;
            }

            if (!seen.TryAdd(code, i))
            {
                problems.Add(new($"parties[{i}].party", $"'{code}' is listed twice (also parties[{seen[code]}])"));
                continue;
            }

            accepted.Add(new ExitPollSeats(code, party.Seats));
        }

        if (total > election.SeatCount)
        {
            problems.Add(new("parties", $"forecasts {total:N0} seats in all, more than the {election.SeatCount:N0} there are"));
        }

        return problems.Count > 0 ? (problems, null) : (problems, exitPoll with { Parties = accepted, Source = exitPoll.Source.Trim() });
    }

    /// <summary>The election's own spelling of a party code, <see cref="Party.OtherCode"/> for the rest, or null.</summary>
    private static string? Known(Election election, string? code)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            return null;
        }

        if (string.Equals(code.Trim(), Party.OtherCode, StringComparison.OrdinalIgnoreCase))
        {
            return Party.OtherCode;
        }

        var index = election.PartyIndex(code.Trim());
        return index >= 0 ? election.PartyAt(index).Code : null;
    }
}
