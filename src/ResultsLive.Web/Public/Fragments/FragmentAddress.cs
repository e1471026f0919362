using System.Globalization;

using ResultsLive.Feed;

namespace ResultsLive.Web.Public.Fragments;

/// <summary>Where a part's state as of one sequence lives: <c>/fragments/{epoch}/{part}/{sequence}</c> (HTML) and <c>.json</c>.</summary>
public static class FragmentAddress
{
    public const string Root = "/fragments";

    /// <summary>
    /// The journal's epoch, which keeps a sequence number from naming two different states: a journal started afresh
    /// numbers its entries from 1 again, under a new epoch.
    /// </summary>
    public static string EpochOf(LiveSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return Uri.EscapeDataString(snapshot.Epoch);
    }

    public static string Html(string epoch, string part, long sequence) =>
        string.Create(CultureInfo.InvariantCulture, $"{Root}/{epoch}/{part}/{sequence}");

    public static string Json(string epoch, string part, long sequence) => Html(epoch, part, sequence) + ".json";

    /// <summary>A part as it is now: a short-lived redirect to its immutable address, for a page that lost track.</summary>
    public static string Current(string part) => $"{Root}/current/{part}";
}
