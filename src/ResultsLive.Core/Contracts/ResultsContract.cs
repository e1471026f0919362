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
            Parties(snapshot.Parties),
            ToDto(snapshot.Swing),
            new ProjectionDto(
                snapshot.Projection.Description,
                snapshot.Projection.DeclaredBasis,
                [.. snapshot.Projection.Seats.Select(s => new ProjectedSeatsDto(s.Party.Code, s.Seats, s.Low, s.High))],
                snapshot.Projection.AnchoredOnExitPoll),
            new BaselineRefDto(BaselineKindName(snapshot.BaselineKind), snapshot.BaselineName),
            snapshot.ValidVotes,
            snapshot.InvalidVotes,
            [.. snapshot.PathToMajority.Select(p => new MajorityPathDto(
                p.Party.Code,
                p.Won,
                p.LeadingUndeclared,
                p.Needed,
                p.CrossedAt is { } at ? new MajorityCrossingDto(at.Constituency.Code, at.DeclaredAt) : null,
                p.CanReach))],
            ExitPoll(snapshot.ExitPoll));
    }

    /// <summary>A party's battleground; <paramref name="status"/> gives each target seat's status now.</summary>
    public static BattlegroundDto Battleground(NationalSnapshot snapshot, PartyTargets targets, Func<Constituency, SeatStatus> status)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(status);
        return new BattlegroundDto(
            targets.Party.Code,
            new BaselineRefDto(BaselineKindName(snapshot.BaselineKind), snapshot.BaselineName),
            [.. targets.Targets.Select(t => new BattlegroundTargetDto(
                t.Constituency.Code, t.Constituency.Name, t.SwingNeeded, t.BaselineWinner, StatusName(status(t.Constituency)), t.Won, t.Swing))]);
    }

    /// <summary>
    /// The swingometer in a scope (<c>uk</c>, <c>nation-scotland</c>, ...) and area; <paramref name="status"/> gives each
    /// seat's status now.
    /// </summary>
    public static SwingometerDto Swingometer(
        Election election, NationalSnapshot snapshot, Swingometer swingometer, string scope, string? area, string mode, long sequence, Func<Constituency, SeatStatus> status)
    {
        ArgumentNullException.ThrowIfNull(election);
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(swingometer);
        ArgumentNullException.ThrowIfNull(status);
        var (a, b) = (swingometer.PartyA, swingometer.PartyB);
        var falling = swingometer.Falling.Select(s => s.Constituency.Code).ToHashSet(StringComparer.Ordinal);
        var onDial = swingometer.OnDial.ToList();
        return new SwingometerDto(
            new ElectionRefDto(election.Id, election.Name),
            mode,
            sequence,
            scope,
            area,
            new BaselineRefDto(BaselineKindName(snapshot.BaselineKind), snapshot.BaselineName),
            new PartyRefDto(a.Code, a.Name, a.Colour),
            new PartyRefDto(b.Code, b.Name, b.Colour),
            ToDto(swingometer.National),
            swingometer.SwingToA,
            swingometer.Declared,
            swingometer.DialRange,
            [.. onDial.Select(s => new SwingometerSeatDto(
                s.Constituency.Code,
                s.Constituency.Name,
                s.SwingNeeded!.Value,
                s.BaselineWinner,
                StatusName(status(s.Constituency)),
                s.Winner,
                s.Winner is { } winner && string.Equals(winner, string.Equals(s.BaselineWinner, a.Code, StringComparison.OrdinalIgnoreCase) ? b.Code : a.Code, StringComparison.OrdinalIgnoreCase),
                s.Swing,
                falling.Contains(s.Constituency.Code)))],
            swingometer.Scale.Count - onDial.Count,
            swingometer.Falling.Count,
            swingometer.Falling.Count(s => s.Winner is { } winner && !string.Equals(winner, s.BaselineWinner, StringComparison.OrdinalIgnoreCase)),
            [.. swingometer.Further.Select(Declared)],
            [.. swingometer.BuckedTheTrend.Select(Declared)]);

        static SwingometerDeclaredDto Declared(SwingometerSeat seat) =>
            new(seat.Constituency.Code, seat.Constituency.Name, seat.BaselineWinner, seat.Winner, seat.Swing!.Value);
    }

    /// <summary>A nation's or region's results; <paramref name="seat"/> gives each of its seats' status and result now.</summary>
    public static AreaResultsDto Area(
        Election election, NationalSnapshot snapshot, AreaSnapshot area, string mode, long sequence, Func<Constituency, (SeatStatus Status, SeatResult? Result)> seat)
    {
        ArgumentNullException.ThrowIfNull(election);
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(area);
        ArgumentNullException.ThrowIfNull(seat);
        return new AreaResultsDto(
            new ElectionRefDto(election.Id, election.Name),
            mode,
            sequence,
            area.Name,
            area.Kind == AreaKind.Nation ? "nation" : "region",
            area.Declared,
            area.TotalSeats,
            Parties(area.Parties),
            ToDto(area.Swing),
            new BaselineRefDto(BaselineKindName(snapshot.BaselineKind), snapshot.BaselineName),
            area.ValidVotes,
            area.InvalidVotes,
            [.. area.Constituencies.Select(c =>
            {
                var (status, result) = seat(c);
                return Summary(c, status, result);
            })]);
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

    private static PartyResultDto[] Parties(IEnumerable<PartyStanding> parties) =>
        [.. parties.Select(p => new PartyResultDto(
            p.Party.Code, p.Party.Name, p.Party.Colour, p.Seats, p.Gains, p.Losses, p.Net, p.Votes, p.Share, p.ShareChange))];

    private static SwingDto? ToDto(Swing? swing) => swing is null ? null : new SwingDto(swing.From, swing.To, swing.Value);
}
