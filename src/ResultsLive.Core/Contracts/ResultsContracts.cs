using System.Text.Json.Serialization;

namespace ResultsLive.Core.Contracts;

// The public JSON contract (DESIGN.md, "Public HTTP API"). Graphics systems and blog tools depend on these names:
// add fields, never rename or remove them. Percentages are 0-100 and unrounded.

/// <summary>Which election a payload belongs to.</summary>
public sealed record ElectionRefDto(string Id, string Name);

/// <summary>What changes are measured against, named wherever a change is shown.</summary>
public sealed record BaselineRefDto(string Kind, string Name);

/// <summary>A swing between two parties, "value% swing from <c>from</c> to <c>to</c>".</summary>
public sealed record SwingDto(string From, string To, double Value);

/// <summary>One party's national line in <c>GET /api/v1/results</c>.</summary>
public sealed record PartyResultDto(
    string Code, string Name, string Colour, int Seats, int Gains, int Losses, int Net, long Votes, double Share, double? ShareChange);

/// <summary>Seats a party is projected to win, and the range around that point.</summary>
public sealed record ProjectedSeatsDto(string Party, int Seats, int Low, int High);

/// <summary>The projection, labelled with what it is (<c>method</c>, a sentence for the screen) and its basis.</summary>
/// <param name="AnchoredOnExitPoll">True when an exit poll is the prior that the declared seats adjust.</param>
public sealed record ProjectionDto(string Method, int DeclaredBasis, IReadOnlyList<ProjectedSeatsDto> Seats, bool AnchoredOnExitPoll);

/// <summary>The seat whose declaration took a party to a majority, and when.</summary>
public sealed record MajorityCrossingDto(string Constituency, DateTimeOffset DeclaredAt);

/// <summary>A party's way to a majority in <c>GET /api/v1/results</c>.</summary>
public sealed record MajorityPathDto(string Party, int Won, int LeadingUndeclared, int Needed, MajorityCrossingDto? CrossedAt, bool CanReach);

/// <summary>One party's forecast seats in the exit poll.</summary>
public sealed record ExitPollSeatsDto(string Party, int Seats);

/// <summary>The exit poll as <c>GET /api/v1/results</c> carries it: seats per party, who published it and when.</summary>
public sealed record ExitPollDto(IReadOnlyList<ExitPollSeatsDto> Parties, string Source, DateTimeOffset PublishedAt);

/// <summary><c>GET /api/v1/results</c>: the national snapshot; <see cref="ExitPoll"/> is null before one is entered.</summary>
public sealed record NationalResultsDto(
    ElectionRefDto Election,
    string Mode,
    long Sequence,
    int Declared,
    int TotalSeats,
    int MajorityThreshold,
    IReadOnlyList<PartyResultDto> Parties,
    SwingDto? Swing,
    ProjectionDto Projection,
    BaselineRefDto Baseline,
    long ValidVotes,
    long InvalidVotes,
    IReadOnlyList<MajorityPathDto> PathToMajority,
    ExitPollDto? ExitPoll);

/// <summary>The winning candidate of a seat.</summary>
public sealed record WinnerDto(string Party, string Name);

/// <summary>One row of <c>GET /api/v1/constituencies</c>.</summary>
public sealed record ConstituencySummaryDto(string Code, string Name, string Region, string Nation, string Status, WinnerDto? Winner, string? Result);

/// <summary>A candidate's line in a declared seat.</summary>
public sealed record CandidateResultDto(string Name, string Party, int Votes, double Share, double? ShareChange, bool Elected);

/// <summary>A candidate standing in a seat, shown before it declares.</summary>
public sealed record NominationDto(string Name, string Party);

/// <summary>A party's votes in the seat's baseline result.</summary>
public sealed record BaselineVotesDto(string Party, int Votes, double Share);

/// <summary>The seat's baseline result, so a page can show what it is compared with before and after it declares.</summary>
public sealed record BaselineSeatDto(string Kind, string Name, string Winner, int Total, double? Turnout, IReadOnlyList<BaselineVotesDto> Votes);

/// <summary>
/// <c>GET /api/v1/constituencies/{code}</c>: one seat in full; declared fields are null until it declares. <c>sequence</c> and
/// <c>mode</c> say which journal state and which feed the figures are from (so a graphic driven by this JSON alone can say so);
/// they are null where the seat is carried inside another payload that has them.
/// </summary>
public sealed record ConstituencyDetailDto(
    string Code,
    string Name,
    string Region,
    string Nation,
    string Status,
    int? Revision,
    DateTimeOffset? DeclaredAt,
    int? Electorate,
    int? ValidVotes,
    int? InvalidVotes,
    double? Turnout,
    double? TurnoutChange,
    int? Majority,
    double? MajorityShare,
    WinnerDto? Winner,
    string? Result,
    SwingDto? Swing,
    IReadOnlyList<CandidateResultDto> Candidates,
    string? Text,
    IReadOnlyList<NominationDto> Nominated,
    BaselineSeatDto? Baseline,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? Sequence = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Mode = null);

/// <summary>One target in <c>GET /api/v1/battleground/{party}</c>.</summary>
/// <param name="Swing">Butler swing from the baseline winner to the party in the seat (negative: away from it); null until declared.</param>
public sealed record BattlegroundTargetDto(
    string Constituency, string Name, double SwingNeeded, string BaselineWinner, string Status, bool Won, double? Swing);

/// <summary><c>GET /api/v1/battleground/{party}</c>: the seats a party did not hold at the baseline and contests, by the swing they need.</summary>
public sealed record BattlegroundDto(string Party, BaselineRefDto Baseline, IReadOnlyList<BattlegroundTargetDto> Targets);

/// <summary>
/// <c>GET /api/v1/nations/{name}</c> and <c>/regions/{name}</c>: the shape of <c>GET /api/v1/results</c> for the area's
/// seats, without the majority line and the projection, and with every seat's status and winner.
/// </summary>
public sealed record AreaResultsDto(
    ElectionRefDto Election,
    string Mode,
    long Sequence,
    string Name,
    string Kind,
    int Declared,
    int TotalSeats,
    IReadOnlyList<PartyResultDto> Parties,
    SwingDto? Swing,
    BaselineRefDto Baseline,
    long ValidVotes,
    long InvalidVotes,
    IReadOnlyList<ConstituencySummaryDto> Constituencies);

/// <summary>A party named in a payload: its code, name and colour.</summary>
public sealed record PartyRefDto(string Code, string Name, string Colour);

/// <summary>
/// One seat along the dial of <c>GET /api/v1/swingometer</c>: a seat held by A or B at the baseline that the other needs
/// a swing to take. Swings are on the dial's axis: positive is a swing to A, negative to B.
/// </summary>
/// <param name="SwingNeeded">Half the gap in baseline share between the two there; positive for B's seats (A needs that swing), negative for A's.</param>
/// <param name="Won">True once declared and taken by the other of the two parties (the challenger).</param>
/// <param name="Swing">The Butler swing to A the seat showed; null until declared.</param>
/// <param name="Falls">True when the national swing reaches the seat (it is between no swing and the needle).</param>
public sealed record SwingometerSeatDto(
    string Constituency, string Name, double SwingNeeded, string BaselineWinner, string Status, string? Winner, bool Won, double? Swing, bool Falls);

/// <summary>A declared seat that went further than the whole or bucked the trend, with its swing to A (negative: to B).</summary>
public sealed record SwingometerDeclaredDto(string Constituency, string Name, string BaselineWinner, string? Winner, double Swing);

/// <summary>
/// <c>GET /api/v1/swingometer</c>: the swing between two parties over the declared seats where both stood (Butler, like
/// for like), in the UK or one nation or region, with the seats along the dial and those that went further or bucked the
/// trend: the numbers <c>/swing</c> shows.
/// </summary>
/// <param name="Scope"><c>uk</c>, <c>nation-{slug}</c> or <c>region-{slug}</c>.</param>
/// <param name="Area">The nation's or region's name as the Library spells it; null for the UK.</param>
/// <param name="SwingToA">The swing on the dial's axis: positive to A, negative to B; null before a seat where both stood has declared.</param>
/// <param name="Declared">The declared seats the swing is measured over (those where both stood).</param>
/// <param name="Range">The swing at either end of the dial, in points: 25, or more when the swing is larger.</param>
/// <param name="Seats">The seats on the dial (within <paramref name="Range"/>), from the most to B to the most to A.</param>
/// <param name="OffDial">How many seats either party held need more than <paramref name="Range"/> and are not listed.</param>
/// <param name="Falling">How many seats fall at the swing; <paramref name="FallingChangedHands"/> of them declared and changed hands.</param>
public sealed record SwingometerDto(
    ElectionRefDto Election,
    string Mode,
    long Sequence,
    string Scope,
    string? Area,
    BaselineRefDto Baseline,
    PartyRefDto PartyA,
    PartyRefDto PartyB,
    SwingDto? Swing,
    double? SwingToA,
    int Declared,
    double Range,
    IReadOnlyList<SwingometerSeatDto> Seats,
    int OffDial,
    int Falling,
    int FallingChangedHands,
    IReadOnlyList<SwingometerDeclaredDto> Further,
    IReadOnlyList<SwingometerDeclaredDto> BuckedTheTrend);
