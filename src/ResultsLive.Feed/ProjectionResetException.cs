namespace ResultsLive.Feed;

/// <summary>
/// Ends a <see cref="LiveResults.SubscribeAsync"/> stream because the projection was rebuilt from a replaced journal (a
/// new epoch, or one found behind what was applied): the changes already received no longer lead to
/// <see cref="LiveResults.Current"/>. Handled like any lag: take the current snapshot and subscribe again.
/// </summary>
public sealed class ProjectionResetException : SubscriberLaggedException
{
    public ProjectionResetException()
        : base("the journal was replaced and the live results rebuilt; take the current snapshot and subscribe again")
    {
    }

    public ProjectionResetException(string message)
        : base(message)
    {
    }

    public ProjectionResetException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    internal ProjectionResetException(string oldEpoch, long oldSequence, string epoch, long sequence)
        : base($"the journal was replaced (epoch {oldEpoch} at sequence {oldSequence}, now epoch {epoch} at {sequence}) and the live results rebuilt; take the current snapshot and subscribe again")
    {
    }
}
