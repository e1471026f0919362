using System.Text.Json;

using ResultsLive.Core.Contracts;
using ResultsLive.Feed;
using ResultsLive.Web.Shared.Markup;

namespace ResultsLive.Web.Graphics;

/// <summary>
/// What moved under a held graphic since the sequence it was pinned at, in the words a gallery uses ("Lab +120; majority
/// 4,512 → 4,632"), with the data an Update would give the template.
/// </summary>
public sealed record HoldChange(string Summary, long FromSequence, long ToSequence, string Data)
{
    private const int MaxParties = 4;

    /// <summary>The change under <paramref name="item"/> as of <paramref name="snapshot"/>, or null if its figures are unchanged.</summary>
    public static HoldChange? Between(GraphicsItem item, LiveSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(snapshot);
        if (GraphicsTemplates.Find(item.Template) is not { } template || snapshot.Sequence <= item.Sequence)
        {
            return null;
        }

        var (fresh, _) = GraphicsData.Build(template, item.Constituency, snapshot, item.Choice);
        if (fresh is null)
        {
            // The seat went back to awaiting (its result withdrawn): the held graphic shows figures that no longer stand.
            return template.NeedsSeat
                ? new HoldChange("result withdrawn", item.Sequence, snapshot.Sequence, item.Data)
                : null;
        }

        var summary = template.Data switch
        {
            TemplateData.Seat => Seat(Read<ConstituencyDetailDto>(item.Data), Read<ConstituencyDetailDto>(fresh)),
            TemplateData.National => National(Read<NationalResultsDto>(item.Data), Read<NationalResultsDto>(fresh)),
            TemplateData.Gains => Count("gains", Read<List<ConstituencySummaryDto>>(item.Data), Read<List<ConstituencySummaryDto>>(fresh)),
            TemplateData.Swingometer => Swingometer(Read<SwingometerDto>(item.Data), Read<SwingometerDto>(fresh)),
            _ => null,
        };
        return summary is null ? null : new HoldChange(summary, item.Sequence, snapshot.Sequence, fresh);
    }

    private static string? Seat(ConstituencyDetailDto held, ConstituencyDetailDto now)
    {
        if (held.Revision == now.Revision && held.Status == now.Status)
        {
            return null;
        }

        var parts = new List<string>();
        if (now.Status != held.Status && now.Status != "declared")
        {
            parts.Add(now.Status);
        }

        var ambiguous = now.Candidates.GroupBy(c => c.Party, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var candidate in now.Candidates)
        {
            var before = held.Candidates.FirstOrDefault(c =>
                string.Equals(c.Name, candidate.Name, StringComparison.OrdinalIgnoreCase) && string.Equals(c.Party, candidate.Party, StringComparison.OrdinalIgnoreCase));
            var delta = candidate.Votes - (before?.Votes ?? 0);
            if (delta != 0)
            {
                var who = ambiguous.Contains(candidate.Party) ? $"{candidate.Party} ({Surname(candidate.Name)})" : candidate.Party;
                parts.Add($"{who} {Format.WithSign(delta)}");
            }
        }

        if (held.Majority != now.Majority)
        {
            parts.Add($"majority {Number(held.Majority)} → {Number(now.Majority)}");
        }

        if (!string.Equals(held.Result, now.Result, StringComparison.Ordinal) && now.Result is not null)
        {
            parts.Add($"now {now.Result}");
        }

        if (!string.Equals(held.Winner?.Name, now.Winner?.Name, StringComparison.Ordinal) && now.Winner is { } winner)
        {
            parts.Add($"winner now {winner.Name} ({winner.Party})");
        }

        if (parts.Count == 0)
        {
            parts.Add($"revision {now.Revision}, same figures");
        }

        return string.Join("; ", parts);
    }

    private static string? National(NationalResultsDto held, NationalResultsDto now)
    {
        var parts = new List<string>();
        if (held.Declared != now.Declared)
        {
            parts.Add($"declared {held.Declared} → {now.Declared}");
        }

        var moved = now.Parties
            .Select(p => (Party: p, Before: held.Parties.FirstOrDefault(h => h.Code == p.Code)?.Seats ?? 0))
            .Where(x => x.Party.Seats != x.Before)
            .OrderByDescending(x => Math.Abs(x.Party.Seats - x.Before))
            .ThenByDescending(x => x.Party.Seats)
            .ToList();
        parts.AddRange(moved.Take(MaxParties).Select(x => $"{x.Party.Code} {x.Before} → {x.Party.Seats}"));
        if (moved.Count > MaxParties)
        {
            parts.Add($"{moved.Count - MaxParties} more parties");
        }

        if (held.Swing is { } a && now.Swing is { } b && (a.From != b.From || a.To != b.To || Math.Abs(a.Value - b.Value) >= 0.05))
        {
            parts.Add($"swing {a.Value:0.0}% → {b.Value:0.0}% {b.From} to {b.To}");
        }

        return parts.Count == 0 ? null : string.Join("; ", parts);
    }

    private static string? Swingometer(SwingometerDto held, SwingometerDto now)
    {
        var parts = new List<string>();
        if (held.Declared != now.Declared)
        {
            parts.Add($"declared {held.Declared} → {now.Declared}");
        }

        if (held.SwingToA is { } a && now.SwingToA is { } b && Math.Abs(a - b) >= 0.05)
        {
            parts.Add($"swing to {now.PartyA.Code} {a:0.0} → {b:0.0}");
        }

        if (held.Falling != now.Falling)
        {
            parts.Add($"falling {held.Falling} → {now.Falling}");
        }

        return parts.Count == 0 ? null : string.Join("; ", parts);
    }

    private static string? Count(string what, List<ConstituencySummaryDto> held, List<ConstituencySummaryDto> now) =>
        held.Count == now.Count && held.Select(h => h.Code).SequenceEqual(now.Select(n => n.Code), StringComparer.Ordinal)
            ? null
            : $"{what} {held.Count} → {now.Count}";

    private static string Number(int? value) => value is { } v ? Format.Number(v) : "–";

    private static string Surname(string name) => name.Split(' ', StringSplitOptions.RemoveEmptyEntries) is { Length: > 0 } parts ? parts[^1] : name;

    private static T Read<T>(string json) => JsonSerializer.Deserialize<T>(json, ResultsContract.JsonOptions)!;
}
