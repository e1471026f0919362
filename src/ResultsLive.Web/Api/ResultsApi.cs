using Microsoft.AspNetCore.Authorization;

using ResultsLive.Core.Contracts;
using ResultsLive.Core.Model;
using ResultsLive.Core.Validation;
using ResultsLive.Feed;
using ResultsLive.Web.Audit;
using ResultsLive.Web.Configuration;
using ResultsLive.Web.Ingest;
using ResultsLive.Web.Security;

namespace ResultsLive.Web.Api;

/// <summary>The public HTTP API, exactly as DESIGN.md gives it: ingest behind a key, every read public.</summary>
public static class ResultsApi
{
    private const int MaxEntriesPerPage = 1000;

    public static IEndpointRouteBuilder MapResultsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").WithTags("Results");

        var ingest = api.MapGroup("").RequireAuthorization(Policies.Ingest);
        ingest.MapPost("/declarations", PostDeclarationAsync)
            .WithSummary("Declare a seat's result, or correct it under a higher revision")
            .WithJsonRequestBody<DeclarationRequest>()
            .Produces<SequenceResponse>(StatusCodes.Status202Accepted)
            .Produces<SequenceResponse>(StatusCodes.Status200OK)
            .ProducesValidationProblem(StatusCodes.Status400BadRequest)
            .ProducesValidationProblem(StatusCodes.Status401Unauthorized)
            .ProducesValidationProblem(StatusCodes.Status403Forbidden)
            .ProducesValidationProblem(StatusCodes.Status404NotFound)
            .ProducesValidationProblem(StatusCodes.Status409Conflict)
            .ProducesValidationProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesValidationProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        ingest.MapPost("/constituencies/{code}/status", PostStatusAsync)
            .WithSummary("Record that a seat is awaiting, counting, in a recount or declared")
            .WithJsonRequestBody<StatusRequest>()
            .Produces<SequenceResponse>(StatusCodes.Status202Accepted)
            .ProducesValidationProblem(StatusCodes.Status404NotFound);

        // An agency's feed sends the exit poll at 22:00 (a key with ingest, like its declarations); an admin types it into
        // /admin/exit-poll or calls this with the antiforgery header, which a key needs no more than the declarations do.
        api.MapPost("/exit-poll", PostExitPollAsync)
            .RequireAuthorization(Policies.ExitPoll)
            .RequireAntiforgeryHeader()
            .WithSummary("Enter the exit poll (party -> seats, source, time); a later one replaces it")
            .WithJsonRequestBody<ExitPollRequest>()
            .Produces<SequenceResponse>(StatusCodes.Status202Accepted)
            .ProducesValidationProblem(StatusCodes.Status400BadRequest)
            .ProducesValidationProblem(StatusCodes.Status401Unauthorized)
            .ProducesValidationProblem(StatusCodes.Status403Forbidden)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);

        api.MapGet("/results", GetResults).WithSummary("The national snapshot");
        api.MapGet("/constituencies", GetConstituencies).WithSummary("Every seat with its status and winner");
        api.MapGet("/constituencies/{code}", GetConstituency).WithSummary("One seat in full");
        api.MapGet("/declarations", GetDeclarations).WithSummary("Journal entries after a sequence, for pollers and resync");
        return app;
    }

    private static async Task<IResult> PostDeclarationAsync(
        HttpRequest request, DeclarationIngest ingest, AuditRecorder audit, IAuthorizationService authorization, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadAsync<DeclarationRequest>(request, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var caller = request.HttpContext.User;
        string? reason = null;
        if (body!.Override is { } overriding)
        {
            if (!(await authorization.AuthorizeAsync(caller, Policies.Override).ConfigureAwait(false)).Succeeded)
            {
                return ApiProblems.Status(
                    StatusCodes.Status403Forbidden, "Override not allowed", "override",
                    $"{caller.ActorName()} may not override the plausibility checks: that needs an admin, or a key with the override permission");
            }

            if (PlausibilityChecks.CheckOverrideReason(overriding.Reason) is { } badReason)
            {
                return ApiProblems.Validation([badReason]);
            }

            reason = overriding.Reason!.Trim();
        }

        var (declaration, missing) = body.ToDeclaration();
        if (declaration is null)
        {
            return ApiProblems.Validation(missing);
        }

        var outcome = await ingest.DeclareAsync(declaration, new Provenance(caller.ActorName(), reason), cancellationToken).ConfigureAwait(false);
        if (outcome.IsRejected)
        {
            return ApiProblems.Validation(outcome.Problems);
        }

        await audit.DeclaredAsync(caller, AuditActions.Declaration, declaration, outcome, reason).ConfigureAwait(false);
        var append = outcome.Append!;
        return append.Outcome switch
        {
            AppendOutcome.Appended => Results.Json(new SequenceResponse(append.Sequence), ResultsContract.JsonOptions, statusCode: StatusCodes.Status202Accepted),
            AppendOutcome.Repeated => Results.Json(new SequenceResponse(append.Sequence), ResultsContract.JsonOptions, statusCode: StatusCodes.Status200OK),
            AppendOutcome.Conflict => ApiProblems.Status(
                StatusCodes.Status409Conflict, "Conflicting revision", "revision",
                $"revision {declaration.Revision} of {declaration.Constituency} was already declared with different figures; send a correction as revision {append.CurrentRevision + 1}"),
            _ => ApiProblems.Status(
                StatusCodes.Status409Conflict, "Stale revision", "revision",
                $"revision {declaration.Revision} is older than revision {append.CurrentRevision}, already declared for {declaration.Constituency}"),
        };
    }

    private static async Task<IResult> PostStatusAsync(string code, HttpRequest request, DeclarationIngest ingest, AuditRecorder audit, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadAsync<StatusRequest>(request, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        if (body!.Status is not { } status)
        {
            return ApiProblems.Status(StatusCodes.Status422UnprocessableEntity, "The status is not valid", "status", "is required: awaiting, counting, recount or declared");
        }

        var outcome = await ingest.SetStatusAsync(code, status, Caller(request), cancellationToken).ConfigureAwait(false);
        if (outcome.IsRejected)
        {
            return ApiProblems.Validation(outcome.Problems);
        }

        await audit.StatusAsync(request.HttpContext.User, AuditActions.Status, code, status, outcome.Append!.Sequence).ConfigureAwait(false);
        return Results.Json(new SequenceResponse(outcome.Append!.Sequence), ResultsContract.JsonOptions, statusCode: StatusCodes.Status202Accepted);
    }

    private static async Task<IResult> PostExitPollAsync(HttpRequest request, DeclarationIngest ingest, AuditRecorder audit, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadAsync<ExitPollRequest>(request, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var (exitPoll, missing) = body!.ToExitPoll();
        if (exitPoll is null)
        {
            return ApiProblems.Validation(missing, "The exit poll is not valid");
        }

        var caller = request.HttpContext.User;
        var outcome = await ingest.SetExitPollAsync(exitPoll, Caller(request), cancellationToken).ConfigureAwait(false);
        if (outcome.IsRejected)
        {
            return ApiProblems.Validation(outcome.Problems, "The exit poll is not valid");
        }

        await audit.ExitPollAsync(caller, exitPoll, outcome.Append!.Sequence).ConfigureAwait(false);
        return Results.Json(new SequenceResponse(outcome.Append.Sequence), ResultsContract.JsonOptions, statusCode: StatusCodes.Status202Accepted);
    }

    private static IResult GetResults(LiveResults live)
    {
        var snapshot = live.Current;
        return Results.Json(ResultsContract.National(snapshot.Election, snapshot.National, snapshot.Mode, snapshot.Sequence), ResultsContract.JsonOptions);
    }

    private static IResult GetConstituencies(LiveResults live)
    {
        var snapshot = live.Current;
        var election = snapshot.Election;
        return Results.Json(
            election.Constituencies.Select((c, i) => ResultsContract.Summary(c, snapshot.Statuses[i], snapshot.Seats[i])),
            ResultsContract.JsonOptions);
    }

    private static IResult GetConstituency(string code, LiveResults live)
    {
        var snapshot = live.Current;
        var constituency = snapshot.Election.FindConstituency(code);
        return constituency is null
            ? ApiProblems.Status(StatusCodes.Status404NotFound, "Unknown constituency", "code", $"'{code}' is not a constituency of {snapshot.Election.Name}")
            : Results.Json(
                ResultsContract.Detail(snapshot.Election, constituency, snapshot.Status(constituency.Code), snapshot.Seat(constituency.Code))
                    with { Sequence = snapshot.Sequence, Mode = snapshot.Mode },
                ResultsContract.JsonOptions);
    }

    /// <summary>What this node's projection made of each entry (never a re-computation that could fail where it did not).</summary>
    private static IResult GetDeclarations(long? after, int? limit, LiveResults live)
    {
        if (after is < 0)
        {
            return ApiProblems.Status(StatusCodes.Status400BadRequest, "Invalid query", "after", "must be 0 or more");
        }

        var snapshot = live.Current;
        var max = Math.Clamp(limit ?? MaxEntriesPerPage, 1, MaxEntriesPerPage);
        return Results.Json(snapshot.EntriesAfter(after ?? 0, max).Select(e => ToDto(snapshot.Election, e)).ToList(), ResultsContract.JsonOptions);
    }

    internal static JournalEntryDto ToDto(Election election, AppliedEntry entry) => entry.Kind switch
    {
        JournalEntryKind.Declaration when entry.Seat is { } seat => new JournalEntryDto(
            entry.Sequence,
            "declaration",
            entry.Constituency,
            entry.RecordedAt,
            ResultsContract.StatusName(SeatStatus.Declared),
            seat.Revision,
            seat.Text,
            ResultsContract.Detail(election, seat.Constituency, SeatStatus.Declared, seat)),
        JournalEntryKind.Status when entry.Status is { } status => new JournalEntryDto(
            entry.Sequence, "status", entry.Constituency, entry.RecordedAt, ResultsContract.StatusName(status), null, null, null),
        JournalEntryKind.ExitPoll => new JournalEntryDto(
            entry.Sequence, "exitPoll", entry.Constituency, entry.RecordedAt, null, null, null, null, ResultsContract.ExitPoll(entry.ExitPoll)),
        _ => new JournalEntryDto(
            entry.Sequence, "quarantined", entry.Constituency, entry.RecordedAt, null, null, null, null, Reason: entry.Problem ?? "not applied"),
    };

    /// <summary>Who sent an entry, stored beside it in the journal: the key's name or the person, never the key itself.</summary>
    private static Provenance Caller(HttpRequest request) => new(request.HttpContext.User.ActorName());
}
