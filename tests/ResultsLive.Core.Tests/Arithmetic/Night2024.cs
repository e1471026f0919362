using ResultsLive.Core.Arithmetic;
using ResultsLive.Core.Model;
using ResultsLive.Import;

namespace ResultsLive.Core.Tests.Arithmetic;

/// <summary>
/// The 2024 election from the Library's files, its declarations in the order the seats declared (declaration-times.csv,
/// as <c>resultslive replay</c> posts them: timed seats by time then code, Inverness last), and the 2024 exit poll.
/// </summary>
public sealed class Night2024
{
    public Night2024()
    {
        var loaded = ElectionLoader.Load(new ElectionFiles(
            SharedData.Candidates2024, SharedData.Constituencies2024, SharedData.Notional2019, BaselineKind.Notional, null,
            SharedData.DeclarationTimes2024, new DateOnly(2024, 7, 4)));
        Election = loaded.Election;
        InOrder =
        [
            .. loaded.Results
                .OrderBy(d => loaded.DeclarationTimes.ContainsKey(d.Constituency) ? 0 : 1)
                .ThenBy(d => d.DeclaredAt)
                .ThenBy(d => d.Constituency, StringComparer.Ordinal),
        ];
        Final = new NationalTally(Election);
        foreach (var declaration in InOrder)
        {
            Final.Apply(SeatCalculator.Calculate(Election, declaration));
        }
    }

    /// <summary>Ipsos for the BBC, ITV News and Sky News, 22:00 on 4 July 2024 (shared/data/README.md).</summary>
    public static ExitPoll ExitPoll { get; } = new(
        [new("Lab", 410), new("Con", 131), new("LD", 61), new("RUK", 13), new("SNP", 10), new("PC", 4), new("Green", 2), new("Oth", 19)],
        "Ipsos for BBC, ITV News and Sky News",
        new DateTimeOffset(2024, 7, 4, 22, 0, 0, TimeSpan.FromHours(1)));

    public Election Election { get; }

    public IReadOnlyList<Declaration> InOrder { get; }

    /// <summary>Every seat declared.</summary>
    public NationalTally Final { get; }

    /// <summary>A fresh tally with the first <paramref name="count"/> declarations applied in declaration order.</summary>
    public NationalTally After(int count, ExitPoll? exitPoll = null)
    {
        var tally = new NationalTally(Election);
        tally.SetExitPoll(exitPoll);
        foreach (var declaration in InOrder.Take(count))
        {
            tally.Apply(SeatCalculator.Calculate(Election, declaration));
        }

        return tally;
    }
}
