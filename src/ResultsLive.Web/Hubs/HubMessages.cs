using ResultsLive.Core.Contracts;

namespace ResultsLive.Web.Hubs;

/// <summary>
/// A declaration as pushed to hub clients. <c>constituency</c> has the <c>GET /api/v1/constituencies/{code}</c> shape and
/// <c>national</c> the <c>GET /api/v1/results</c> shape, both as of <see cref="Sequence"/>.
/// </summary>
public sealed record DeclaredMessage(long Sequence, string Text, ConstituencyDetailDto Constituency, NationalResultsDto National);

/// <summary>A seat's new status, e.g. <c>recount</c>.</summary>
public sealed record StatusChangedMessage(long Sequence, string Constituency, string Status);

/// <summary>
/// The exit poll as pushed to hub clients: the fields of <c>exitPoll</c> in <c>GET /api/v1/results</c> (parties, source,
/// publishedAt), plus the sequence of the journal entry that carries it, as every message has.
/// </summary>
public sealed record ExitPollMessage(long Sequence, IReadOnlyList<ExitPollSeatsDto> Parties, string Source, DateTimeOffset PublishedAt)
{
    public static ExitPollMessage From(long sequence, ExitPollDto exitPoll)
    {
        ArgumentNullException.ThrowIfNull(exitPoll);
        return new(sequence, exitPoll.Parties, exitPoll.Source, exitPoll.PublishedAt);
    }
}

/// <summary>
/// The answer to <c>Subscribe</c> and <c>GetSnapshot</c>: the state as of <see cref="Sequence"/>. A client applies pushed
/// messages with a higher sequence, and asks <c>GetDeclarationsAfter</c> when it sees a gap. <see cref="Constituencies"/>
/// lists a region's seats for a region scope and is empty otherwise.
/// </summary>
public sealed record SubscriptionSnapshot(
    long Sequence,
    string Scope,
    NationalResultsDto National,
    IReadOnlyList<ConstituencySummaryDto> Constituencies,
    ConstituencyDetailDto? Constituency);
