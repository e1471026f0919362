using ResultsLive.Core.Arithmetic;
using ResultsLive.Core.Contracts;
using ResultsLive.Core.Model;
using ResultsLive.Feed;
using ResultsLive.Web.Public.Controls;
using ResultsLive.Web.Public.Fragments;

namespace ResultsLive.Web.Api;

/// <summary>Why a swingometer could not be drawn as asked: the HTTP status, and the query parameter at fault with the reason.</summary>
public sealed record SwingometerProblem(int Status, string Title, string Field, string Reason);

/// <summary>
/// The swingometer asked for by two parties and a scope, as <c>GET /api/v1/swingometer</c> and the <c>swingometer</c>
/// template take them, drawn from Core's <see cref="Swingometer"/> into the public contract. A missing party is the
/// largest at the baseline in the scope that is not the other (the pair <c>/swing</c> and the area pages start with).
/// </summary>
public static class SwingometerChoice
{
    public static (SwingometerDto? Swingometer, SwingometerProblem? Problem) Build(LiveSnapshot snapshot, string? a, string? b, string? scope)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var national = snapshot.National;
        var election = snapshot.Election;
        var (area, unknown) = Area(national, scope);
        if (unknown)
        {
            var known = string.Join(", ", national.Nations.Concat(national.Regions).Select(n => n.Slug).Distinct(StringComparer.Ordinal));
            return (null, new SwingometerProblem(StatusCodes.Status404NotFound, "Unknown scope", "scope", $"'{scope}' is neither uk nor one of: {known}"));
        }

        var where = area?.Name ?? election.Name;
        var parties = PublicChoices.Parties(snapshot, area);
        Party? partyA = null;
        Party? partyB = null;
        foreach (var (field, code) in new[] { ("a", a), ("b", b) })
        {
            if (string.IsNullOrWhiteSpace(code))
            {
                continue;
            }

            if (Find(parties, code) is not { } party)
            {
                var reason = election.PartyIndex(code.Trim()) < 0 ? $"'{code}' is not a party of {election.Name}" : $"'{code}' contests no seat in {where}";
                return (null, new SwingometerProblem(StatusCodes.Status404NotFound, "Unknown party", field, reason));
            }

            (partyA, partyB) = field == "a" ? (party, partyB) : (partyA, party);
        }

        if (partyA is not null && partyA == partyB)
        {
            return (null, new SwingometerProblem(
                StatusCodes.Status400BadRequest, "The same party twice", "b", $"a swing is between two different parties: a and b are both {partyA.Code}"));
        }

        var (first, second) = national.Battleground.HeadlinePair;
        var defaults = (area?.SwingParties ?? new[] { first, second }.OfType<string>().ToList())
            .Select(d => Find(parties, d)).OfType<Party>().Concat(parties).Distinct().ToList();
        partyA ??= defaults.FirstOrDefault(p => p != partyB);
        partyB ??= defaults.FirstOrDefault(p => p != partyA);
        var swingometer = partyA is null || partyB is null ? null
            : area is null ? national.Swingometer(partyA.Code, partyB.Code) : national.Swingometer(partyA.Code, partyB.Code, area);
        if (swingometer is null)
        {
            return (null, new SwingometerProblem(StatusCodes.Status404NotFound, "No swingometer", "scope", $"fewer than two parties contest seats in {where}"));
        }

        return (ResultsContract.Swingometer(
            election, national, swingometer, ChosenPart.Scope(area), area?.Name, snapshot.Mode, snapshot.Sequence,
            c => snapshot.Statuses[election.ConstituencyIndex(c.Code)]), null);
    }

    /// <summary>
    /// The nation or region a scope names: <c>uk</c> or nothing for the whole, else a name as the nation and region endpoints
    /// take it (<c>Scotland</c>, <c>yorkshire-and-the-humber</c>; a nation before a region of the same name), or the
    /// <c>nation-</c>/<c>region-</c> form the public parts use. Unknown is true when it names none.
    /// </summary>
    private static (AreaSnapshot? Area, bool Unknown) Area(NationalSnapshot national, string? scope)
    {
        var wanted = scope?.Trim();
        if (string.IsNullOrEmpty(wanted) || string.Equals(wanted, ChosenPart.Uk, StringComparison.OrdinalIgnoreCase))
        {
            return (null, false);
        }

        var area = wanted.StartsWith("region-", StringComparison.OrdinalIgnoreCase) ? national.Region(wanted["region-".Length..])
            : wanted.StartsWith("nation-", StringComparison.OrdinalIgnoreCase) ? national.Nation(wanted["nation-".Length..])
            : national.Nation(wanted) ?? national.Region(wanted);
        return (area, area is null);
    }

    private static Party? Find(IReadOnlyList<Party> parties, string code) =>
        parties.FirstOrDefault(p => string.Equals(p.Code, code.Trim(), StringComparison.OrdinalIgnoreCase));
}
