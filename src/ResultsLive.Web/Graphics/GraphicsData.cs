using System.Text.Json;

using ResultsLive.Core.Contracts;
using ResultsLive.Core.Model;
using ResultsLive.Feed;
using ResultsLive.Web.Api;

namespace ResultsLive.Web.Graphics;

/// <summary>
/// Builds what a template's <c>update()</c> is given: the public API's own JSON, from one snapshot, so anyone can drive the
/// templates with the API alone and a graphic's figures are those of the sequence it carries.
/// </summary>
public static class GraphicsData
{
    /// <summary>How many declarations the ticker is given.</summary>
    public const int TickerItems = 12;

    /// <summary>
    /// The template's data as of <paramref name="snapshot"/>, or null with the reason when a seat template names no seat,
    /// an unknown one, or one that has not declared.
    /// </summary>
    public static (string? Json, string? Problem) Build(GraphicsTemplate template, string? constituency, LiveSnapshot snapshot, GraphicsChoice? choice = null)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(snapshot);
        return template.Data switch
        {
            TemplateData.Swingometer => Swingometer(snapshot, choice) is var (json, problem) && json is not null ? (json, null) : (null, problem!.Reason),
            TemplateData.Seat => Seat(constituency, snapshot),
            TemplateData.National => (Serialize(National(snapshot)), null),
            TemplateData.Gains => (Serialize(Gains(snapshot)), null),
            TemplateData.Declarations => (Serialize(Latest(snapshot)), null),
            _ => throw new ArgumentOutOfRangeException(nameof(template), template.Data, null),
        };
    }

    /// <summary>The swingometer template's data, <c>GET /api/v1/swingometer</c> for the choice; or why it cannot be drawn.</summary>
    public static (string? Json, SwingometerProblem? Problem) Swingometer(LiveSnapshot snapshot, GraphicsChoice? choice)
    {
        var (swingometer, problem) = SwingometerChoice.Build(snapshot, choice?.A, choice?.B, choice?.Scope);
        return swingometer is null ? (null, problem) : (Serialize(swingometer), null);
    }

    /// <summary><c>GET /api/v1/constituencies/{code}</c> with the snapshot's sequence and mode.</summary>
    public static ConstituencyDetailDto? SeatDetail(string code, LiveSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var seat = snapshot.Election.FindConstituency(code);
        return seat is null
            ? null
            : ResultsContract.Detail(snapshot.Election, seat, snapshot.Status(seat.Code), snapshot.Seat(seat.Code)) with
            {
                Sequence = snapshot.Sequence,
                Mode = snapshot.Mode,
            };
    }

    public static NationalResultsDto National(LiveSnapshot snapshot) =>
        ResultsContract.National(snapshot.Election, snapshot.National, snapshot.Mode, snapshot.Sequence);

    /// <summary>Every seat that changed hands, latest declarations first (then by declaration time), as <c>/api/v1/constituencies</c> rows.</summary>
    public static IReadOnlyList<ConstituencySummaryDto> Gains(LiveSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var recent = snapshot.Recent.Where(r => r.IsGain).ToList();
        var seen = recent.Select(r => r.Constituency.Code).ToHashSet(StringComparer.Ordinal);
        var older = snapshot.Seats
            .OfType<Core.Arithmetic.SeatResult>()
            .Where(s => s.IsGain && !seen.Contains(s.Constituency.Code))
            .OrderByDescending(s => s.DeclaredAt)
            .ThenBy(s => s.Constituency.Name, StringComparer.Ordinal);
        return [.. recent.Concat(older).Select(s => ResultsContract.Summary(s.Constituency, snapshot.Status(s.Constituency.Code), s))];
    }

    /// <summary>The latest declared seats, newest first, as <c>/api/v1/constituencies</c> rows.</summary>
    public static IReadOnlyList<ConstituencySummaryDto> Latest(LiveSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return [.. snapshot.Recent.Take(TickerItems).Select(s => ResultsContract.Summary(s.Constituency, snapshot.Status(s.Constituency.Code), s))];
    }

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, ResultsContract.JsonOptions);

    private static (string?, string?) Seat(string? constituency, LiveSnapshot snapshot)
    {
        if (string.IsNullOrWhiteSpace(constituency))
        {
            return (null, "is required for this template");
        }

        var detail = SeatDetail(constituency.Trim(), snapshot);
        if (detail is null)
        {
            return (null, $"'{constituency}' is not a constituency of {snapshot.Election.Name}");
        }

        return detail.Status == ResultsContract.StatusName(SeatStatus.Awaiting) || detail.Winner is null
            ? (null, $"{detail.Name} has not declared yet")
            : (Serialize(detail), null);
    }
}
