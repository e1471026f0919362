using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

using ResultsLive.Core.Contracts;
using ResultsLive.Feed;
using ResultsLive.Web.Public.Parts;

namespace ResultsLive.Web.Public.Fragments;

/// <summary>
/// Draws a part's version as HTML (the same components the pages are made of, rendered outside any request) or as JSON
/// (the public API's shapes), and hands out each drawing once per version: <see cref="PartVersion"/> keeps it.
/// </summary>
public sealed partial class FragmentRenderer(IServiceScopeFactory scopes, ILoggerFactory loggers)
{
    public const string HtmlType = "text/html; charset=utf-8";
    public const string JsonType = "application/json; charset=utf-8";

    /// <summary>
    /// The event logged (at Debug, under this type's category) each time a node draws a version: the count per part and
    /// sequence is what a cache in front should keep at 1 whatever the audience, and the load tool reads it from here
    /// rather than from anything a reader is sent.
    /// </summary>
    public const int DrawnEvent = 1;

    private readonly ILogger _logger = loggers.CreateLogger<FragmentRenderer>();

    /// <summary>The version's HTML for a reader, who thereby follows the part: its next version is drawn ahead.</summary>
    public Task<Fragment> HtmlAsync(PartVersion version)
    {
        ArgumentNullException.ThrowIfNull(version);
        version.Ask();
        return version.Html(RenderHtmlAsync);
    }

    /// <summary>The version's HTML drawn before anyone asks (<see cref="PartVersion.DrawAhead"/>); not a reader's request.</summary>
    internal Task<Fragment> DrawAheadAsync(PartVersion version)
    {
        ArgumentNullException.ThrowIfNull(version);
        return version.Html(RenderHtmlAsync);
    }

    public Task<Fragment> JsonAsync(PartVersion version)
    {
        ArgumentNullException.ThrowIfNull(version);
        return version.Json(RenderJson);
    }

    private async Task<Fragment> RenderHtmlAsync(PartVersion version)
    {
        var snapshot = version.Snapshot ?? throw new InvalidOperationException($"{version.Part} at {version.Sequence} was not seen by this node");
        var (type, parameters) = Component(version, snapshot);
        LogDrawn(_logger, version.Part, version.Sequence, "html");

        // A renderer (and a scope: components' infrastructure is scoped) per drawing: an HtmlRenderer keeps every root
        // component it rendered until it is disposed. Drawing happens once per version, so this is not per reader.
        await using var scope = scopes.CreateAsyncScope();
        await using var renderer = new HtmlRenderer(scope.ServiceProvider, loggers);
        var html = await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var output = await renderer.RenderComponentAsync(type, ParameterView.FromDictionary(parameters)).ConfigureAwait(false);
            return output.ToHtmlString();
        }).ConfigureAwait(false);
        return Made(version, Encoding.UTF8.GetBytes(html), HtmlType);
    }

    private Task<Fragment> RenderJson(PartVersion version)
    {
        var snapshot = version.Snapshot ?? throw new InvalidOperationException($"{version.Part} at {version.Sequence} was not seen by this node");
        LogDrawn(_logger, version.Part, version.Sequence, "json");
        var election = snapshot.Election;
        if (ChosenPart.FollowsOf(version.Part) is not null)
        {
            return Task.FromResult(Made(version, JsonSerializer.SerializeToUtf8Bytes(ChosenJson(version, snapshot), ResultsContract.JsonOptions), JsonType));
        }

        object body = PublicPart.SeatCode(version.Part) is { } code && election.FindConstituency(code) is { } constituency
            ? ResultsContract.Detail(election, constituency, snapshot.Status(code), snapshot.Seat(code))
            : version.Part switch
            {
                PublicPart.Latest => snapshot.Recent.Select(s => ResultsContract.Summary(s.Constituency, snapshot.Status(s.Constituency.Code), s)).ToList(),
                PublicPart.Seats => election.Constituencies.Select((c, i) => ResultsContract.Summary(c, snapshot.Statuses[i], snapshot.Seats[i])).ToList(),
                _ => ResultsContract.National(election, snapshot.National, snapshot.Mode, version.Sequence),
            };
        return Task.FromResult(Made(version, JsonSerializer.SerializeToUtf8Bytes(body, ResultsContract.JsonOptions), JsonType));
    }

    private static (Type Type, Dictionary<string, object?> Parameters) Component(PartVersion version, LiveSnapshot snapshot)
    {
        var parameters = new Dictionary<string, object?>(StringComparer.Ordinal) { ["Snapshot"] = snapshot };
        if (PublicPart.SeatCode(version.Part) is { } code)
        {
            parameters["Constituency"] = snapshot.Election.FindConstituency(code);
            parameters["PreviouslyReported"] = version.PreviouslyReported;
            return (typeof(SeatPart), parameters);
        }

        if (ChosenPart.FollowsOf(version.Part) is not null)
        {
            var chosen = ChosenPart.Parse(version.Part, snapshot.Election, snapshot.National)
                ?? throw new ArgumentException($"'{version.Part}' is not a part", nameof(version));
            parameters["Chosen"] = chosen;
            return (chosen.Kind switch
            {
                ChosenKind.Swing => typeof(SwingPart),
                ChosenKind.Board => typeof(AreaBoardPart),
                ChosenKind.SeatList => typeof(AreaSeatsPart),
                _ => typeof(ChosenMapPart),
            }, parameters);
        }

        return (version.Part switch
        {
            PublicPart.Declared => typeof(DeclaredPart),
            PublicPart.Scoreboard => typeof(ScoreboardPart),
            PublicPart.Share => typeof(SharePart),
            PublicPart.Map => typeof(MapPart),
            PublicPart.Latest => typeof(LatestPart),
            PublicPart.Gains => typeof(GainsPart),
            PublicPart.Seats => typeof(SeatListPart),
            _ => throw new ArgumentException($"'{version.Part}' is not a part", nameof(version)),
        }, parameters);
    }

    /// <summary>A chosen part as JSON: an area's results in the shape of <c>/api/v1/nations/{name}</c>, or the national results.</summary>
    private static object ChosenJson(PartVersion version, LiveSnapshot snapshot)
    {
        var election = snapshot.Election;
        if (ChosenPart.Parse(version.Part, election, snapshot.National)?.AreaIn(snapshot.National) is { } area)
        {
            return ResultsContract.Area(election, snapshot.National, area, snapshot.Mode, version.Sequence, c =>
            {
                var index = election.ConstituencyIndex(c.Code);
                return (snapshot.Statuses[index], snapshot.Seats[index]);
            });
        }

        return ResultsContract.National(election, snapshot.National, snapshot.Mode, version.Sequence);
    }

    private static Fragment Made(PartVersion version, byte[] body, string type)
    {
        // From the bytes, so every node that drew the same version gives the same tag.
        var tag = "\"" + Convert.ToHexStringLower(SHA256.HashData(body).AsSpan(0, 12)) + "\"";
        return new Fragment(version.Part, version.Sequence, body, type, tag);
    }

    [LoggerMessage(EventId = DrawnEvent, EventName = "FragmentDrawn", Level = LogLevel.Debug, Message = "Drew {Part} at {Sequence} as {Format}")]
    private static partial void LogDrawn(ILogger logger, string part, long sequence, string format);
}
