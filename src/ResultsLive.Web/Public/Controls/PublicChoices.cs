using ResultsLive.Core.Arithmetic;
using ResultsLive.Core.Model;
using ResultsLive.Feed;

namespace ResultsLive.Web.Public.Controls;

/// <summary>
/// A reader's choices read from a page's address (the swingometer's two parties, the map's mode), made canonical so each
/// choice is one part and one cache entry, with what to say when a choice names nothing.
/// </summary>
public static class PublicChoices
{
    /// <summary>The parties a reader can pick: those contesting seats (here, when an area is given), largest at the baseline first.</summary>
    public static IReadOnlyList<Party> Parties(LiveSnapshot snapshot, AreaSnapshot? area)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var election = snapshot.Election;
        var national = snapshot.National;
        var parties = national.Battleground.Parties;
        if (area is not null)
        {
            var standing = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var constituency in area.Constituencies)
            {
                if (election.Baseline.For(constituency.Code) is { } baseline)
                {
                    standing.UnionWith(baseline.Votes.Where(v => v.Value > 0).Select(v => v.Key));
                }

                standing.UnionWith(election.NominationsFor(constituency.Code).Select(n => n.Party));
            }

            parties = parties.Where(p => standing.Contains(p.Code));
        }

        return [.. parties.OrderByDescending(p => national.Party(p.Code)?.BaselineSeats ?? 0).ThenBy(p => p.Code, StringComparer.Ordinal)];
    }

    /// <summary>
    /// The swingometer's pair from <c>a</c> and <c>b</c> (codes in any case), or the default pair where they are missing;
    /// a pair that names no party, or one party twice, is the default pair with a reason to show.
    /// </summary>
    public static (Party A, Party B, string? Problem)? Pair(Election election, IReadOnlyList<Party> parties, string? a, string? b, IReadOnlyList<string> defaults)
    {
        ArgumentNullException.ThrowIfNull(election);
        ArgumentNullException.ThrowIfNull(parties);
        ArgumentNullException.ThrowIfNull(defaults);
        var fallback = defaults.Select(d => Find(parties, d)).OfType<Party>().Concat(parties).Distinct().Take(2).ToList();
        if (fallback.Count < 2)
        {
            return null;
        }

        if (a is null && b is null)
        {
            return (fallback[0], fallback[1], null);
        }

        var (first, second) = (a is null ? fallback[0] : Find(parties, a), b is null ? fallback[1] : Find(parties, b));
        if (first is null || second is null)
        {
            var unknown = first is null ? a : b;
            return (fallback[0], fallback[1], $"“{unknown}” is not a party contesting seats here, so the swing shown is between {fallback[0].Code} and {fallback[1].Code}.");
        }

        return first == second
            ? (fallback[0], fallback[1], $"A swing needs two different parties, so the one shown is between {fallback[0].Code} and {fallback[1].Code}.")
            : (first, second, null);
    }

    private static Party? Find(IReadOnlyList<Party> parties, string code) =>
        parties.FirstOrDefault(p => string.Equals(p.Code, code.Trim(), StringComparison.OrdinalIgnoreCase));
}
