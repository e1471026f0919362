namespace ResultsLive.Feed;

/// <summary>The journal a node follows is not the one it applied (another epoch, or fewer entries): the node rebuilds.</summary>
internal sealed class JournalReplacedException : Exception
{
    public JournalReplacedException()
    {
    }

    public JournalReplacedException(string message)
        : base(message)
    {
    }

    public JournalReplacedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
