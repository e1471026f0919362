using ResultsLive.Core.Arithmetic;
using ResultsLive.Core.Desk;
using ResultsLive.Core.Model;

namespace ResultsLive.Core.Tests.Desk;

/// <summary>
/// The 2024 night (<see cref="Arithmetic.Night2024"/>: in the order seats declared, with the Ipsos exit poll in at 22:00)
/// and each declaration's reasons as the projection computes them.
/// </summary>
public sealed class DeskNight2024
{
    private readonly Arithmetic.Night2024 _night = new();

    public DeskNight2024() => Declared = Replay(Election, Order, NotabilityOptions.Default);

    public static ExitPoll ExitPoll => Arithmetic.Night2024.ExitPoll;

    public Election Election => _night.Election;

    /// <summary>The declarations in the order of the night.</summary>
    public IReadOnlyList<Declaration> Order => _night.InOrder;

    /// <summary>Each seat's result and reasons, in the order of the night.</summary>
    public IReadOnlyList<(SeatResult Seat, IReadOnlyList<NotableReason> Reasons)> Declared { get; }

    public IReadOnlyList<NotableReason> ReasonsFor(string code) => Declared.Single(d => d.Seat.Constituency.Code == code).Reasons;

    public static IReadOnlyList<(SeatResult Seat, IReadOnlyList<NotableReason> Reasons)> Replay(Election election, IEnumerable<Declaration> order, NotabilityOptions options)
    {
        ArgumentNullException.ThrowIfNull(election);
        ArgumentNullException.ThrowIfNull(order);
        var tally = new NationalTally(election);
        tally.SetExitPoll(ExitPoll);
        var notability = new Notability(election, options);
        var declared = new List<(SeatResult, IReadOnlyList<NotableReason>)>();
        foreach (var declaration in order)
        {
            var seat = SeatCalculator.Calculate(election, declaration);
            var previous = tally.Seat(seat.Constituency.Code);
            tally.Apply(seat);
            declared.Add((seat, notability.Declared(seat, previous, tally)));
        }

        return declared;
    }
}
