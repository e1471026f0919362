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

/// <summary>Seats a party is projected to win.</summary>
public sealed record ProjectedSeatsDto(string Party, int Seats);

/// <summary>The uniform-swing projection from the declared seats, labelled with its method and basis.</summary>
public sealed record ProjectionDto(string Method, int DeclaredBasis, IReadOnlyList<ProjectedSeatsDto> Seats);

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

/// <summary><c>GET /api/v1/constituencies/{code}</c>: one seat in full; declared fields are null until it declares.</summary>
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
    BaselineSeatDto? Baseline);
