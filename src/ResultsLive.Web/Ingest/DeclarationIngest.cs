using ResultsLive.Core.Model;
using ResultsLive.Core.Validation;
using ResultsLive.Feed;
using ResultsLive.Web.Configuration;

namespace ResultsLive.Web.Ingest;

/// <summary>
/// The single way in for declarations, status changes and the exit poll, whoever sends them (the API, the demo night,
/// manual entry): validate against the election, check the figures are plausible (or that an override says why they
/// stand), append to the journal with who sent it, and wait briefly for this node's projection to show it.
/// </summary>
public sealed class DeclarationIngest(
    ElectionContext election, IDeclarationJournal journal, LiveResults live, TimeProvider time, ILogger<DeclarationIngest> logger)
{
    /// <summary>Long enough for the projection to apply an entry, short enough never to hold an ingest client hostage.</summary>
    private static readonly TimeSpan ReadYourWrites = TimeSpan.FromSeconds(2);

    /// <summary>
    /// What ingest would make of a declaration now, without sending it: every problem, invalid and implausible, and the
    /// declaration as it would be journalled. Manual entry shows this as the figures are typed, so the page and the API
    /// judge by the same code.
    /// </summary>
    public ValidationResult Check(Declaration declaration) => PlausibilityChecks.Validate(election.Election, declaration, time.GetUtcNow());

    /// <summary>
    /// Declares a seat's result (or corrects it under a higher revision). Invalid figures are always rejected; implausible
    /// ones only pass with <see cref="Provenance.OverrideReason"/>, which then goes into the journal entry, and
    /// <see cref="IngestOutcome.Overridden"/> lists what it passed. An override where nothing needs one is rejected, so
    /// every reason in the journal answers a check that failed.
    /// </summary>
    public async Task<IngestOutcome> DeclareAsync(Declaration declaration, Provenance provenance, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(provenance);
        var validation = Check(declaration);
        var implausible = validation.Implausible;
        if (validation.Accepted is null)
        {
            return new IngestOutcome(validation.Problems, null);
        }

        if (provenance.OverrideReason is { } reason)
        {
            if (PlausibilityChecks.CheckOverrideReason(reason) is { } badReason)
            {
                return new IngestOutcome([badReason], null);
            }

            if (implausible.Count == 0)
            {
                return new IngestOutcome([new ValidationProblem("override", "is not needed: every figure passes the plausibility checks, so send the declaration without it")], null);
            }
        }
        else if (implausible.Count > 0)
        {
            return new IngestOutcome(implausible, null);
        }

        var append = await journal.AppendDeclarationAsync(validation.Accepted, provenance, cancellationToken).ConfigureAwait(false);
        if (append.Outcome is AppendOutcome.Appended)
        {
            await WaitForProjectionAsync(append.Sequence, cancellationToken).ConfigureAwait(false);
        }

        return new IngestOutcome([], append) { Overridden = implausible };
    }

    public async Task<IngestOutcome> SetStatusAsync(string constituency, SeatStatus status, Provenance provenance, CancellationToken cancellationToken)
    {
        var seat = election.Election.FindConstituency(constituency);
        if (seat is null)
        {
            return new IngestOutcome([new ValidationProblem("code", $"'{constituency}' is not a constituency of {election.Election.Name}", ProblemKind.NotFound)], null);
        }

        if (!Enum.IsDefined(status))
        {
            return new IngestOutcome([new ValidationProblem("status", "must be awaiting, counting, recount or declared")], null);
        }

        var sequence = await journal.AppendStatusAsync(seat.Code, status, provenance, cancellationToken).ConfigureAwait(false);
        await WaitForProjectionAsync(sequence, cancellationToken).ConfigureAwait(false);
        return new IngestOutcome([], new AppendResult(AppendOutcome.Appended, sequence, null));
    }

    /// <summary>
    /// Enters the exit poll, replacing any earlier one: parties known to the election (or <c>Oth</c>), no negative seats,
    /// no more seats in all than the election has, and a source. Problems come back as <see cref="DeclareAsync"/>'s do.
    /// </summary>
    public async Task<IngestOutcome> SetExitPollAsync(ExitPoll exitPoll, Provenance provenance, CancellationToken cancellationToken)
    {
        var (problems, accepted) = ExitPollValidator.Validate(election.Election, exitPoll);
        if (accepted is null)
        {
            return new IngestOutcome(problems, null);
        }

        var sequence = await journal.AppendExitPollAsync(accepted, provenance, cancellationToken).ConfigureAwait(false);
        await WaitForProjectionAsync(sequence, cancellationToken).ConfigureAwait(false);
        return new IngestOutcome([], new AppendResult(AppendOutcome.Appended, sequence, null));
    }

    private async Task WaitForProjectionAsync(long sequence, CancellationToken cancellationToken)
    {
        // The journal has the entry (it is safe); waiting only lets the caller read its own write from this node.
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ReadYourWrites);
        try
        {
            await live.WaitForSequenceAsync(sequence, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Projection had not reached sequence {Sequence} after {Timeout}", sequence, ReadYourWrites);
        }
    }
}
