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
    long? Sequence = null,
    string? Mode = null);

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
