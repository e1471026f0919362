using ResultsLive.Core.Model;

namespace ResultsLive.Web.Hubs;

/// <summary>
/// What a hub client follows: <c>national</c>, <c>constituency:{code}</c> or <c>region:{name}</c> for results, or
/// <c>alerts</c> for the desk's notable declarations; each is a SignalR group.
/// </summary>
public sealed record SubscriptionScope(string Kind, string? Value)
{
    public const string National = "national";

    /// <summary>
    /// The desk's alerts (<c>GET /api/v1/alerts</c>'s entries), only to clients that ask for them: sent to
    /// <c>national</c>, each notable declaration was a second full fan-out to every results client, racing the first for
    /// each connection's write lock, and renderers and pages never read it.
    /// </summary>
    public const string Alerts = "alerts";

    public string Group => Value is null ? Kind : $"{Kind}:{Value}";

    public static string NationalGroup => National;

    public static string AlertsGroup => Alerts;

    public static string ConstituencyGroup(string code) => $"constituency:{code}";

    public static string RegionGroup(string region) => $"region:{region}";

    /// <summary>Parses and checks a scope against the election; the canonical spelling (the seat's code, the region's name) is kept.</summary>
    public static SubscriptionScope? Parse(string? scope, Election election)
    {
        ArgumentNullException.ThrowIfNull(election);
        if (string.IsNullOrWhiteSpace(scope))
        {
            return null;
        }

        var separator = scope.IndexOf(':', StringComparison.Ordinal);
        var kind = (separator < 0 ? scope : scope[..separator]).Trim().ToLowerInvariant();
        var value = separator < 0 ? null : scope[(separator + 1)..].Trim();
        return kind switch
        {
            National when value is null => new SubscriptionScope(National, null),
            Alerts when value is null => new SubscriptionScope(Alerts, null),
            "constituency" when value is not null && election.FindConstituency(value) is { } seat => new SubscriptionScope("constituency", seat.Code),
            "region" when value is not null && election.Constituencies.FirstOrDefault(c => string.Equals(c.Region, value, StringComparison.OrdinalIgnoreCase)) is { } inRegion
                => new SubscriptionScope("region", inRegion.Region),
            _ => null,
        };
    }
}
