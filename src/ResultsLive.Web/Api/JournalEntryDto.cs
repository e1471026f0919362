namespace ResultsLive.Web.Api;

/// <summary>One entry of <c>GET /api/v1/declarations?after=seq</c>: what a poller or a resyncing client replays.</summary>
public sealed record JournalEntryDto(
    long Sequence,
    string Kind,
    string Constituency,
    DateTimeOffset RecordedAt,
    string? Status,
    int? Revision,
    string? Text,
    Core.Contracts.ConstituencyDetailDto? Result);
