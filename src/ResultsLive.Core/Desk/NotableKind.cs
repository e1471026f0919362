namespace ResultsLive.Core.Desk;

/// <summary>Why a declaration matters to the newsroom; each has a wire name (<see cref="NotableKinds.Name"/>) in the alerts API.</summary>
public enum NotableKind
{
    Gain,
    FirstDeclaration,
    FirstGain,
    MajorityReached,
    LastSeat,
    SittingMpDefeated,
    Recount,
    LargestMajority,
    SmallestMajority,
    BigSwing,
    TurnoutChange,
    ExitPollGap,
    WinnerCorrected,

    /// <summary>On the newsroom's own watch list: added by the desk when it reads, never computed by the projection or published.</summary>
    Watched,
}

/// <summary>The wire names of <see cref="NotableKind"/>: <c>gain</c>, <c>first-declaration</c>, … as <c>GET /api/v1/alerts</c> gives them.</summary>
public static class NotableKinds
{
    public static string Name(NotableKind kind) => kind switch
    {
        NotableKind.Gain => "gain",
        NotableKind.FirstDeclaration => "first-declaration",
        NotableKind.FirstGain => "first-gain",
        NotableKind.MajorityReached => "majority-reached",
        NotableKind.LastSeat => "last-seat",
        NotableKind.SittingMpDefeated => "sitting-mp-defeated",
        NotableKind.Recount => "recount",
        NotableKind.LargestMajority => "largest-majority",
        NotableKind.SmallestMajority => "smallest-majority",
        NotableKind.BigSwing => "big-swing",
        NotableKind.TurnoutChange => "turnout-change",
        NotableKind.ExitPollGap => "exit-poll-gap",
        NotableKind.WinnerCorrected => "winner-corrected",
        NotableKind.Watched => "watched",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>The kind a wire name stands for, or null for a name that is not one (a filter typed by hand).</summary>
    public static NotableKind? Parse(string? name) =>
        Enum.GetValues<NotableKind>().Cast<NotableKind?>().FirstOrDefault(k => string.Equals(Name(k!.Value), name, StringComparison.OrdinalIgnoreCase));
}

/// <summary>One reason a declaration matters, with the sentence an editor can use as it stands.</summary>
public sealed record NotableReason(NotableKind Kind, string Text)
{
    public string Name => NotableKinds.Name(Kind);
}
