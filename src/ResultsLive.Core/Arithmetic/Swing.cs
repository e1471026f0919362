namespace ResultsLive.Core.Arithmetic;

/// <summary>A swing between two parties, always stated as a positive value "from" the loser "to" the gainer.</summary>
public sealed record Swing(string From, string To, double Value)
{
    /// <summary>
    /// Butler swing: the average of one party's gain in share and the other's loss, ((ΔA) − (ΔB)) / 2,
    /// turned round so that the value is never negative.
    /// </summary>
    public static Swing Butler(string a, double changeA, string b, double changeB)
    {
        var towardsA = (changeA - changeB) / 2;
        return towardsA >= 0 ? new Swing(b, a, towardsA) : new Swing(a, b, -towardsA);
    }

    /// <summary>
    /// Steed swing towards A: A's share of the two-party vote now minus then, in percent:
    /// A2/(A2+B2) − A1/(A1+B1), × 100. Null when either election has no votes for both.
    /// </summary>
    public static double? Steed(double a1, double b1, double a2, double b2)
    {
        if (a1 + b1 <= 0 || a2 + b2 <= 0)
        {
            return null;
        }

        return ((a2 / (a2 + b2)) - (a1 / (a1 + b1))) * 100;
    }

    public override string ToString() => $"{Value:0.0}% swing from {From} to {To}";
}
