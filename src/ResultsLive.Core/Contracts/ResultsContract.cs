using System.Text.Json;
using System.Text.Json.Serialization;

using ResultsLive.Core.Arithmetic;
using ResultsLive.Core.Model;

namespace ResultsLive.Core.Contracts;

/// <summary>Maps the arithmetic onto the public JSON contract, so the API, the hub and the CLI print the same shapes.</summary>
public static class ResultsContract
{
    /// <summary>camelCase, enums as camelCase strings, nulls written: the wire format of every public payload.</summary>
    public static JsonSerializerOptions JsonOptions { get; } = CreateJsonOptions();

    public static JsonSerializerOptions CreateJsonOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    public static string StatusName(SeatStatus status) => status switch
    {
        SeatStatus.Awaiting => "awaiting",
        SeatStatus.Counting => "counting",
        SeatStatus.Recount => "recount",
        SeatStatus.Declared => "declared",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static string BaselineKindName(BaselineKind kind) => kind == BaselineKind.Notional ? "notional" : "previous";

    public static NationalResultsDto National(Election election, NationalSnapshot snapshot, string mode, long sequence)
    {
        ArgumentNullException.ThrowIfNull(election);
        ArgumentNullException.ThrowIfNull(snapshot);
        return new NationalResultsDto(
            new ElectionRefDto(election.Id, election.Name),
            mode,
            sequence,
            snapshot.Declared,
            snapshot.TotalSeats,
            snapshot.MajorityThreshold,
            [.. snapshot.Parties.Select(p => new PartyResultDto(
                p.Party.Code, p.Party.Name, p.Party.Colour, p.Seats, p.Gains, p.Losses, p.Net, p.Votes, p.Share, p.ShareChange))],
            ToDto(snapshot.Swing),
            new ProjectionDto(
                Projection.Method,
                snapshot.Projection.DeclaredBasis,
                [.. snapshot.Projection.Seats.Select(s => new ProjectedSeatsDto(s.Party.Code, s.Seats))]),
            new BaselineRefDto(BaselineKindName(snapshot.BaselineKind), snapshot.BaselineName),
            snapshot.ValidVotes,
            snapshot.InvalidVotes,
            ExitPoll(snapshot.ExitPoll));
    }

    public static ExitPollDto? ExitPoll(ExitPoll? exitPoll) => exitPoll is null
        ? null
        : new ExitPollDto([.. exitPoll.Parties.Select(p => new ExitPollSeatsDto(p.Party, p.Seats))], exitPoll.Source, exitPoll.PublishedAt);

    public static ConstituencySummaryDto Summary(Constituency constituency, SeatStatus status, SeatResult? result)
    {
        ArgumentNullException.ThrowIfNull(constituency);
        return new ConstituencySummaryDto(
            constituency.Code,
            constituency.Name,
            constituency.Region,
            constituency.Nation,
            StatusName(status),
            result is null ? null : new WinnerDto(result.Winner.Party, result.Winner.Name),
            result?.Result);
    }

    public static ConstituencyDetailDto Detail(Election election, Constituency constituency, SeatStatus status, SeatResult? result)
    {
        ArgumentNullException.ThrowIfNull(election);
        ArgumentNullException.ThrowIfNull(constituency);
        var baseline = election.Baseline.For(constituency.Code);
        return new ConstituencyDetailDto(
            constituency.Code,
            constituency.Name,
            constituency.Region,
            constituency.Nation,
            StatusName(status),
            result?.Revision,
            result?.DeclaredAt,
            result?.Electorate,
            result?.ValidVotes,
            result?.InvalidVotes,
            result?.Turnout,
            result?.TurnoutChange,
            result?.Majority,
            result?.MajorityShare,
            result is null ? null : new WinnerDto(result.Winner.Party, result.Winner.Name),
            result?.Result,
            ToDto(result?.Swing),
            result is null ? [] : [.. result.Candidates.Select(c => new CandidateResultDto(c.Name, c.Party, c.Votes, c.Share, c.ShareChange, c.Elected))],
            result?.Text,
            [.. election.NominationsFor(constituency.Code).Select(n => new NominationDto(n.Name, n.Party))],
            baseline is null ? null : new BaselineSeatDto(
                BaselineKindName(election.Baseline.Kind),
                election.Baseline.Name,
                baseline.Winner,
                baseline.Total,
                baseline.Turnout,
                [.. baseline.Votes.OrderByDescending(v => v.Value).Select(v => new BaselineVotesDto(v.Key, v.Value, baseline.ShareOf(v.Key)))]));
    }

    private static SwingDto? ToDto(Swing? swing) => swing is null ? null : new SwingDto(swing.From, swing.To, swing.Value);
}
