using System.Text.Json;

using ResultsLive.Core.Contracts;

namespace ResultsLive.Feed.Tests;

/// <summary>
/// Everything a client could see in a snapshot, as the public JSON: two snapshots with the same fingerprint look the same
/// on every page and in every API response.
/// </summary>
internal static class SnapshotFingerprint
{
    public static string Of(LiveSnapshot snapshot) => Of(snapshot, snapshot.Sequence);

    /// <summary>The same, but blind to the sequence: for two journals that hold the same results under other numbers.</summary>
    public static string Results(LiveSnapshot snapshot) => Of(snapshot, 0);

    private static string Of(LiveSnapshot snapshot, long sequence) => JsonSerializer.Serialize(
        new
        {
            Sequence = sequence,
            snapshot.Mode,
            National = ResultsContract.National(snapshot.Election, snapshot.National, snapshot.Mode, sequence),
            Seats = snapshot.Election.Constituencies.Select((c, i) => ResultsContract.Detail(snapshot.Election, c, snapshot.Statuses[i], snapshot.Seats[i])),
            Recent = snapshot.Recent.Select(r => $"{r.Constituency.Code}#{r.Revision}"),
        },
        ResultsContract.JsonOptions);
}
