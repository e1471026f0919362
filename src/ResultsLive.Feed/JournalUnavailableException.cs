namespace ResultsLive.Feed;

/// <summary>
/// The journal could not take or acknowledge an entry now: Redis is unreachable, failing over, refusing writes, or no
/// replica acknowledged the entry in time. Nothing is known to be lost, but nothing may be reported as accepted either:
/// the caller answers 503 with Retry-After and the client sends the same entry again (ingest is idempotent, so a resend of
/// one that was in fact stored is a repeat). The message names no server and is safe to log, not to show the public.
/// </summary>
public sealed class JournalUnavailableException : Exception
{
    public JournalUnavailableException()
        : base("the results journal is unavailable")
    {
    }

    public JournalUnavailableException(string message)
        : base(message)
    {
    }

    public JournalUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
