using ResultsLive.Core.Arithmetic;
using ResultsLive.Core.Desk;
using ResultsLive.Core.Model;
using ResultsLive.Import;

namespace ResultsLive.Core.Tests.Desk;

/// <summary>
/// The 2024 night replayed in the order seats declared (the media's declaration times; Inverness, missing there, last) with the
/// Ipsos exit poll in at 22:00: each declaration's reasons as the projection would compute them.
/// </summary>
public sealed class Night2024
{
    public static readonly ExitPoll ExitPoll = new(
        [new("Lab", 410), new("Con", 131), new("LD", 61), new("RUK", 13), new("SNP", 10), new("PC", 4), new("Green", 2), new("Oth", 19)],
        "Ipsos for BBC, ITV News and Sky News",
        new DateTimeOffset(2024, 7, 4, 22, 0, 0, TimeSpan.FromHours(1)));

    public Night2024()
    {
        var loaded = ElectionLoader.Load(new ElectionFiles(
            SharedData.Candidates2024, SharedData.Constituencies2024, SharedData.Notional2019, BaselineKind.Notional, null,
            SharedData.DeclarationTimes2024, new DateOnly(2024, 7, 4)));
        Election = loaded.Election;
        Order = [.. loaded.Results.OrderBy(d => d.DeclaredAt).ThenBy(d => d.Constituency, StringComparer.Ordinal)];
        Declared = Replay(Election, Order, NotabilityOptions.Default);
    }

    public Election Election { get; }

    /// <summary>The declarations in the order of the night.</summary>
    public IReadOnlyList<Declaration> Order { get; }

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
