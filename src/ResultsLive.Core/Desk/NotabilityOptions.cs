namespace ResultsLive.Core.Desk;

/// <summary>The thresholds past which a swing, a turnout change or the projection's distance from the exit poll is notable.</summary>
public sealed record NotabilityOptions
{
    /// <summary>A seat's Butler swing of at least this many points is a <see cref="NotableKind.BigSwing"/>.</summary>
    public double BigSwing { get; init; } = 15;

    /// <summary>Turnout up or down by at least this many points on the baseline is a <see cref="NotableKind.TurnoutChange"/>.</summary>
    public double TurnoutChange { get; init; } = 10;

    /// <summary>The projection this many seats or more away from a party's exit poll figure is an <see cref="NotableKind.ExitPollGap"/>.</summary>
    public int ExitPollGap { get; init; } = 20;

    /// <summary>The projection is not compared with the exit poll until this many seats have declared: on a handful it is noise.</summary>
    public int ExitPollGapMinimumDeclared { get; init; } = 50;

    public static NotabilityOptions Default { get; } = new();

    /// <summary>Every problem with the thresholds, for start-up validation; empty when they are usable.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (!(BigSwing > 0 && BigSwing <= 100))
        {
            problems.Add($"BigSwing must be more than 0 and at most 100 points, not {BigSwing}");
        }

        if (!(TurnoutChange > 0 && TurnoutChange <= 100))
        {
            problems.Add($"TurnoutChange must be more than 0 and at most 100 points, not {TurnoutChange}");
        }

        if (ExitPollGap < 1)
        {
            problems.Add($"ExitPollGap must be 1 seat or more, not {ExitPollGap}");
        }

        if (ExitPollGapMinimumDeclared < 1)
        {
            problems.Add($"ExitPollGapMinimumDeclared must be 1 or more, not {ExitPollGapMinimumDeclared}");
        }

        return problems;
    }
}
