namespace ResultsLive.Web.Hubs;

/// <summary>What <see cref="ResultsHub"/> pushes to its clients: a method per message kind, each carrying the journal sequence.</summary>
public interface IResultsClient
{
    /// <summary>A seat declared (or was corrected): its result text, the seat in full and the national picture after it.</summary>
    Task Declared(DeclaredMessage message);

    /// <summary>A seat's status changed (counting, recount, …).</summary>
    Task StatusChanged(StatusChangedMessage message);
}
