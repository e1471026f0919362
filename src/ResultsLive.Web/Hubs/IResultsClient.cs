namespace ResultsLive.Web.Hubs;

/// <summary>What <see cref="ResultsHub"/> pushes to its clients: a method per message kind, each carrying the journal sequence.</summary>
public interface IResultsClient
{
    /// <summary>A seat declared (or was corrected): its result text, the seat in full and the national picture after it.</summary>
    Task Declared(DeclaredMessage message);

    /// <summary>A seat's status changed (counting, recount, …).</summary>
    Task StatusChanged(StatusChangedMessage message);

    /// <summary>The exit poll was entered, or replaced by a later one: <c>exitPoll</c> of <c>GET /api/v1/results</c>, with its sequence.</summary>
    Task ExitPoll(ExitPollMessage message);

    /// <summary>A notable declaration, with the reasons it matters: what <c>GET /api/v1/alerts</c> lists, pushed as it happens.</summary>
    Task Alert(Desk.AlertDto message);
}
