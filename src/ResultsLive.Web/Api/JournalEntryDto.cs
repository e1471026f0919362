using System.Text.Json.Serialization;

using ResultsLive.Core.Contracts;

namespace ResultsLive.Web.Api;

/// <summary>
/// One entry of <c>GET /api/v1/declarations?after=seq</c>: what a poller or a resyncing client replays. Kinds:
/// declaration, status, exitPoll (with <see cref="ExitPoll"/>) and quarantined (an entry no node could apply, with
/// <see cref="Reason"/>), so every sequence is accounted for. The last two fields are left out when null, so the other
/// kinds read exactly as they always have.
/// </summary>
public sealed record JournalEntryDto(
    long Sequence,
    string Kind,
    string Constituency,
    DateTimeOffset RecordedAt,
    string? Status,
    int? Revision,
    string? Text,
    ConstituencyDetailDto? Result,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ExitPollDto? ExitPoll = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Reason = null);
