namespace ResultsLive.Feed;

/// <summary>
/// Ends a <see cref="LiveResults.SubscribeAsync"/> stream whose reader fell too far behind: it has had every change up to
/// the point it stopped keeping up, and should take <see cref="LiveResults.Current"/> and subscribe again.
/// </summary>
public class SubscriberLaggedException : Exception
{
    public SubscriberLaggedException()
        : base("the subscriber fell too far behind the live results; take the current snapshot and subscribe again")
    {
    }

    public SubscriberLaggedException(string message)
        : base(message)
    {
    }

    public SubscriberLaggedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
