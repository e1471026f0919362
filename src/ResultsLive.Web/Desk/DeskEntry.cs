using ResultsLive.Core.Arithmetic;
using ResultsLive.Core.Desk;

namespace ResultsLive.Web.Desk;

/// <summary>
/// One declaration revision as the desk, the alerts API, the Atom feed and webhooks see it: the projection's result and
/// reasons at that sequence, the result it replaced (for a correction), and the copy in house style.
/// </summary>
/// <param name="Epoch">The journal's epoch: a sequence names an entry only together with it, so every id built from one carries both.</param>
public sealed record DeskEntry(
    long Sequence,
    string Epoch,
    SeatResult Seat,
    SeatResult? Previous,
    IReadOnlyList<NotableReason> Reasons,
    DeskCopy Copy,
    DateTimeOffset RecordedAt)
{
    public string Constituency => Seat.Constituency.Code;

    public int Revision => Seat.Revision;

    public bool IsCorrection => Previous is not null;

    public bool IsNotable => Reasons.Count > 0;

    public bool IsGain => Seat.IsGain;
}
